/// The tables of a columnar snapshot, in the order they are laid out in memory and in a file.
///
/// Strings live once in ``arena``; everything else is fixed-width little-endian integers: string
/// ids (positions in ``stringStarts``), positions in ``lists``, and person or role numbers.
/// ``none`` stands for an absent string.
enum SnapshotTable: Int, CaseIterable, Sendable {
    /// Every string's UTF-8 bytes, back to back.
    case arena
    /// Where string `i` starts in the arena (`UInt64`); string `i` ends where `i + 1` starts.
    case stringStarts
    /// Runs of `UInt32`s that records point into (titles, identifiers, occupants, people).
    case lists
    /// One ``PersonField`` record per person, in source order.
    case people
    /// One ``RoleField`` record per role entry, in source order.
    case roles
    /// One ``TitleUseField`` record per title key, sorted by the key's bytes.
    case titleUses
    /// Title-use numbers sorted by their spelling, for the distinct titles in order.
    case titleOrder
    /// One ``OccupantField`` record per role occupant that names a person, sorted by normalised DN.
    case occupants
    /// One ``WarningField`` record per warning, in the order found.
    case warnings
    /// The similar-title index's own strings (titles, words, short forms), as ``arena``.
    case indexArena
    /// Where index string `i` starts in ``indexArena``, as ``stringStarts``.
    case indexStringStarts
    /// Runs of `UInt32`s the index records point into (title ids, index string ids).
    case indexLists
    /// Index string id of each indexed title, by title id.
    case indexTitles
    /// One ``IndexCountsField`` record per indexed title.
    case indexCounts
    /// One ``IndexKeyField`` record per content word, sorted by the word's bytes; lists of title ids.
    case indexPostings
    /// One ``IndexKeyField`` record per short form, sorted; lists of title ids.
    case indexShortForms
    /// One ``IndexKeyField`` record per deletion variant, sorted; lists of index string ids.
    case indexDeletions

    /// Bytes per element: per byte, per integer or per record.
    var elementSize: Int {
        switch self {
        case .arena, .indexArena: 1
        case .stringStarts, .indexStringStarts: 8
        case .lists, .titleOrder, .indexLists, .indexTitles: 4
        case .indexCounts: IndexCountsField.allCases.count * 4
        case .indexPostings, .indexShortForms, .indexDeletions: IndexKeyField.allCases.count * 4
        case .people: PersonField.allCases.count * 4
        case .roles: RoleField.allCases.count * 4
        case .titleUses: TitleUseField.allCases.count * 4
        case .occupants: OccupantField.allCases.count * 4
        case .warnings: WarningField.allCases.count * 4
        }
    }

    /// The name used in messages about a damaged file.
    var name: String { String(describing: self) }

    /// The id that stands for no string.
    static let none = UInt32.max
}

/// The fields of a person record.
enum PersonField: Int, CaseIterable {
    case dn, name, mail, uid, titlesStart, titlesCount, identifiersStart, identifiersCount, stateStart, stateCount
    /// Member DNs of a group (string ids in the lists); `groupFlags` bit 0 for a group, bit 1 for a
    /// group whose members the server computes; `source` a string id.
    case membersStart, membersCount, groupFlags, source
    /// The entry's UUID from content synchronisation (a string id), or ``SnapshotTable/none``.
    case syncID
}

/// The fields of a role record; names and occupants are string ids in the lists.
enum RoleField: Int, CaseIterable {
    case dn, namesStart, namesCount, occupantsStart, occupantsCount
    /// The entry's UUID from content synchronisation (a string id), or ``SnapshotTable/none``.
    case syncID
}

/// The fields of a title-use record; people and roles are numbers in the lists.
enum TitleUseField: Int, CaseIterable {
    case key, spelling, peopleStart, peopleCount, rolesStart, rolesCount
}

/// The fields of an occupant record: a normalised DN and the first person with it.
enum OccupantField: Int, CaseIterable {
    case dn, person
}

/// The fields of a warning record (``SnapshotWarning``).
enum WarningField: Int, CaseIterable {
    case kind, origin, dn, attribute, value
}

/// The fields of an indexed title's word counts (``TitleMatching/SimilarTitleIndex/WordCounts``).
enum IndexCountsField: Int, CaseIterable {
    case all, main, subjectPrefix
}

/// The fields of a keyed index record: the key's index string id and a run of the index lists.
enum IndexKeyField: Int, CaseIterable {
    case key, start, count
}
