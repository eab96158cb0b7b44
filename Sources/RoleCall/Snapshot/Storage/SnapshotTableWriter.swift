import Directory
import TitleMatching

#if _endian(big)
#error("Snapshot tables are written in the machine's byte order, which must be little-endian.")
#endif

/// Appends people, roles and warnings to growing tables, then lays them out as one block of
/// storage (``freeze()``). Titles and attribute names are stored once however often they occur;
/// nothing is allocated per person beyond the tables' growth.
struct SnapshotTableWriter: Sendable {
    private var arena: [UInt8] = []
    private var stringStarts: [UInt64] = [0]
    private var lists: [UInt32] = []
    private var people: [UInt32] = []
    private var roles: [UInt32] = []
    private var warnings: [UInt32] = []
    /// Strings stored once: titles, role names, attribute names.
    private var interned: [String: UInt32] = [:]
    /// Every distinct title or role-name spelling, with its key and who carries it.
    private var spellings: [Spelling] = []
    private var spellingIndex: [String: Int] = [:]
    /// Each person's DN fingerprint (see `DistinguishedName.fingerprint`), for linking occupants.
    private var personPrints: [UInt64] = []
    private var personPrintIsSimple: [Bool] = []
    /// Every occupant DN that parses, in role order.
    private var occupantDNs: [DistinguishedName] = []

    private struct Spelling: Sendable {
        var text: UInt32
        var key: TitleKey
        var spelling: String
        var people: [UInt32] = []
        var roles: [UInt32] = []
    }

    var peopleCount: Int { personPrints.count }

    /// Adds one person.
    mutating func addPerson(
        dn: String,
        name: String?,
        mail: String?,
        uid: String?,
        titles: [String],
        identifiers: [String],
        members: [String],
        isGroup: Bool,
        computesMembers: Bool,
        source: String?,
        state: [(attribute: String, value: String)],
        syncID: String?
    ) {
        let index = UInt32(peopleCount)
        let print = DistinguishedName.fingerprint(dn)
        personPrints.append(print.value)
        personPrintIsSimple.append(print.isSimple)
        let titleRun = appendList(spellingIDs(titles, carriedBy: index, isRole: false))
        let identifierRun = appendList(identifiers.map { string($0) })
        let stateRun = appendList(state.flatMap { [intern($0.attribute), string($0.value)] })
        let memberRun = appendList(members.map { string($0) })
        let sourceID = source.map { intern($0) } ?? SnapshotTable.none
        people += [
            string(dn), string(name), string(mail), string(uid), titleRun.start, titleRun.count,
            identifierRun.start, identifierRun.count, stateRun.start, stateRun.count / 2,
            memberRun.start, memberRun.count, (isGroup ? 1 : 0) | (computesMembers ? 2 : 0), sourceID,
            string(syncID),
        ]
    }

    /// Adds one role entry.
    mutating func addRole(
        dn: String,
        names: [String],
        occupantTexts: [String],
        occupants: [DistinguishedName?],
        syncID: String?
    ) {
        let index = UInt32(roles.count / RoleField.allCases.count)
        let nameRun = appendList(spellingIDs(names, carriedBy: index, isRole: true))
        let occupantRun = appendList(occupantTexts.map { string($0) })
        occupantDNs += occupants.compactMap { $0 }
        roles += [string(dn), nameRun.start, nameRun.count, occupantRun.start, occupantRun.count, string(syncID)]
    }

    /// Adds one warning.
    mutating func addWarning(_ warning: SnapshotWarning) {
        warnings += [
            warning.kind == .unparsableOccupant ? 1 : 0, string(warning.origin), string(warning.dn),
            intern(warning.attribute), string(warning.value),
        ]
    }

    /// The people whose DN is one of `dns`, by normalised DN (the first person with each). DN
    /// fingerprints pick the few people worth normalising, so a million people cost one cheap pass.
    func people(named dns: [DistinguishedName]) -> [String: Int] {
        guard !dns.isEmpty else { return [:] }
        let wanted = Set(dns.map(\.normalized))
        let fingerprints = dns.map { DistinguishedName.fingerprint($0.text) }
        let wantedPrints = Set(fingerprints.map(\.value))
        let everyWantedSimple = fingerprints.allSatisfy(\.isSimple)
        var found: [String: Int] = [:]
        for index in 0..<peopleCount {
            guard wantedPrints.contains(personPrints[index]) || !personPrintIsSimple[index] || !everyWantedSimple
            else { continue }
            let normalized = DistinguishedName.comparisonKey(dn(ofPerson: index))
            if wanted.contains(normalized), found[normalized] == nil { found[normalized] = index }
        }
        return found
    }

    /// Occupant DNs of role entries that name no person added so far, each once, in order.
    func unresolvedOccupants() -> [DistinguishedName] {
        let found = people(named: occupantDNs)
        var seen: Set<String> = []
        return occupantDNs.filter { found[$0.normalized] == nil && seen.insert($0.normalized).inserted }
    }

    /// Lays the tables out in one block, with title uses and occupants sorted for binary search.
    consuming func freeze() -> SnapshotStorage {
        linkTitles()
        linkOccupants()
        var layout: [Range<Int>] = []
        var size = 0
        for table in SnapshotTable.allCases {
            let length = byteCount(table)
            layout.append(size..<(size + length))
            size = (size + length + 7) & ~7
        }
        let body = UnsafeMutableRawBufferPointer.allocate(byteCount: max(size, 1), alignment: 8)
        body.initializeMemory(as: UInt8.self, repeating: 0)
        for table in SnapshotTable.allCases {
            let destination = UnsafeMutableRawBufferPointer(rebasing: body[layout[table.rawValue]])
            withBytes(table) { destination.copyMemory(from: $0) }
        }
        return SnapshotStorage(
            body: UnsafeRawBufferPointer(rebasing: body[0..<size]),
            tables: layout,
            checksums: nil,
            release: { $0.deallocate() }
        )
    }

    // MARK: Linking

    private var titleUses: [UInt32] = []
    private var titleOrder: [UInt32] = []
    private var occupants: [UInt32] = []

    /// One title use per key, from every spelling, sorted by the key's bytes.
    private mutating func linkTitles() {
        var byKey: [TitleKey: [Int]] = [:]
        for (position, spelling) in spellings.enumerated() where !spelling.key.isEmpty {
            byKey[spelling.key, default: []].append(position)
        }
        let keys = byKey.keys.sorted { $0.rawValue.utf8.lexicographicallyPrecedes($1.rawValue.utf8) }
        var preferred: [(spelling: String, use: UInt32)] = []
        for key in keys {
            let positions = byKey[key] ?? []
            let chosen = positions.min { spellings[$0].spelling < spellings[$1].spelling } ?? positions[0]
            let peopleRun = appendList(positions.flatMap { spellings[$0].people })
            let roleRun = appendList(positions.flatMap { spellings[$0].roles })
            preferred.append((spellings[chosen].spelling, UInt32(preferred.count)))
            titleUses += [
                string(key.rawValue), spellings[chosen].text, peopleRun.start, peopleRun.count, roleRun.start,
                roleRun.count,
            ]
        }
        titleOrder = preferred.sorted { $0.spelling < $1.spelling }.map(\.use)
    }

    /// The person each occupant DN names, sorted by normalised DN.
    private mutating func linkOccupants() {
        // Keyed by the occupants' own normalised DNs byte for byte, as readers look them up: two
        // spellings Swift calls equal (NFC, NFD) are two keys.
        let found = people(named: occupantDNs)
        var linked: [[UInt8]: Int] = [:]
        for dn in occupantDNs {
            let key = Array(dn.normalized.utf8)
            if linked[key] == nil, let person = found[dn.normalized] { linked[key] = person }
        }
        for (key, person) in linked.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            occupants += [string(String(decoding: key, as: UTF8.self)), UInt32(person)]
        }
    }

    // MARK: Strings and lists

    /// Stores a string and returns its id; nil is ``SnapshotTable/none``.
    private mutating func string(_ text: String?) -> UInt32 {
        guard let text else { return SnapshotTable.none }
        arena.append(contentsOf: text.utf8)
        stringStarts.append(UInt64(arena.count))
        return UInt32(stringStarts.count - 2)
    }

    /// Stores a string once however often it is given.
    private mutating func intern(_ text: String) -> UInt32 {
        if let id = interned[text] { return id }
        let id = string(text)
        interned[text] = id
        return id
    }

    /// The position of a spelling, adding it (and its key) when new.
    private mutating func spelling(_ title: String) -> Int {
        if let index = spellingIndex[title] { return index }
        let index = spellings.count
        spellings.append(Spelling(text: intern(title), key: NormalizedTitle(title).key, spelling: title))
        spellingIndex[title] = index
        return index
    }

    /// The string ids of titles or role names, each spelling recorded as carried by person or role `index`.
    private mutating func spellingIDs(_ texts: [String], carriedBy index: UInt32, isRole: Bool) -> [UInt32] {
        texts.map { text in
            let position = spelling(text)
            if isRole { spellings[position].roles.append(index) } else { spellings[position].people.append(index) }
            return spellings[position].text
        }
    }

    private mutating func appendList(_ values: [UInt32]) -> (start: UInt32, count: UInt32) {
        let start = UInt32(lists.count)
        lists += values
        return (start, UInt32(values.count))
    }

    private func dn(ofPerson index: Int) -> String {
        text(Int(people[index * PersonField.allCases.count + PersonField.dn.rawValue]))
    }

    /// A person's group members as written; nil for anyone but a group.
    func members(ofPerson index: Int) -> [String]? {
        let record = index * PersonField.allCases.count
        guard people[record + PersonField.groupFlags.rawValue] & 1 != 0 else { return nil }
        let start = Int(people[record + PersonField.membersStart.rawValue])
        let count = Int(people[record + PersonField.membersCount.rawValue])
        return lists[start..<(start + count)].map { text(Int($0)) }
    }

    private func text(_ id: Int) -> String {
        String(decoding: arena[Int(stringStarts[id])..<Int(stringStarts[id + 1])], as: UTF8.self)
    }

    private func byteCount(_ table: SnapshotTable) -> Int {
        withBytes(table) { $0.count }
    }

    private func withBytes<T>(_ table: SnapshotTable, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        switch table {
        case .arena: arena.withUnsafeBytes(body)
        case .stringStarts: stringStarts.withUnsafeBytes(body)
        case .lists: lists.withUnsafeBytes(body)
        case .people: people.withUnsafeBytes(body)
        case .roles: roles.withUnsafeBytes(body)
        case .titleUses: titleUses.withUnsafeBytes(body)
        case .titleOrder: titleOrder.withUnsafeBytes(body)
        case .occupants: occupants.withUnsafeBytes(body)
        case .warnings: warnings.withUnsafeBytes(body)
        // The similar-title index is built after the tables; a snapshot file stores it (SnapshotIndexWriter).
        case .indexArena, .indexStringStarts, .indexLists, .indexTitles, .indexCounts, .indexPostings,
            .indexShortForms, .indexDeletions:
            body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
    }
}
