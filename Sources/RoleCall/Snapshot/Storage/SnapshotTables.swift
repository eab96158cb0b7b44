import Directory
import TitleMatching

/// Typed reads of a snapshot's tables. Anything out of place in damaged storage reads as empty
/// (and the storage records the damage), never as a crash.
struct SnapshotTables: Sendable {
    let storage: SnapshotStorage

    var peopleCount: Int { storage.count(.people) }
    var roleCount: Int { storage.count(.roles) }

    /// The strings of the directory, or those of the similar-title index.
    enum StringSpace {
        case directory, index

        var arena: SnapshotTable { self == .directory ? .arena : .indexArena }
        var starts: SnapshotTable { self == .directory ? .stringStarts : .indexStringStarts }
    }

    /// A string by id; nil for ``SnapshotTable/none``, empty when damaged.
    func string(_ id: UInt32) -> String? { string(id, in: .directory) }

    /// A string by id in a string space; nil for ``SnapshotTable/none``, empty when damaged.
    func string(_ id: UInt32, in space: StringSpace) -> String? {
        guard id != SnapshotTable.none else { return nil }
        return withBytes(of: id, in: space) { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// Calls `body` with a string's bytes, or returns nil when they cannot be read.
    func withBytes<T>(of id: UInt32, in space: StringSpace = .directory, _ body: (UnsafeRawBufferPointer) -> T) -> T? {
        // The string's start and the next one's, which is its end: one read of 16 bytes.
        guard id != SnapshotTable.none, Int(id) + 1 < storage.count(space.starts),
            let bounds = storage.bytes(space.starts, (Int(id) * 8)..<(Int(id) * 8 + 16))
        else { return id == SnapshotTable.none ? nil : storage.bytes(space.starts, -1..<0).map(body) }
        let start = UInt64(littleEndian: bounds.loadUnaligned(as: UInt64.self))
        let end = UInt64(littleEndian: bounds.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        guard start <= end, end <= UInt64(storage.count(space.arena)) else {
            return storage.bytes(space.arena, -1..<0).map(body)  // records the damage; nil
        }
        return storage.bytes(space.arena, Int(start)..<Int(end)).map(body)
    }

    /// A run of a lists table.
    func list(_ start: UInt32?, _ count: UInt32?, in table: SnapshotTable = .lists, width: Int = 1) -> [UInt32] {
        guard let start, let count, count > 0 else { return [] }
        let first = Int(start)
        let bound = first + Int(count) * width
        return storage.uint32s(table, first..<bound) ?? []
    }

    // MARK: People

    private func field(_ person: Int, _ field: PersonField) -> UInt32? {
        storage.uint32(.people, person, field: field.rawValue)
    }

    func dn(ofPerson person: Int) -> String { field(person, .dn).flatMap(string) ?? "" }
    func mail(ofPerson person: Int) -> String? { field(person, .mail).flatMap(string) }
    func uid(ofPerson person: Int) -> String? { field(person, .uid).flatMap(string) }

    func identifiers(ofPerson person: Int) -> [String] {
        list(field(person, .identifiersStart), field(person, .identifiersCount)).compactMap(string)
    }

    /// Person `index`: every field, or with `holderFieldsOnly` those a holder shows and needs (DN,
    /// name, mail, titles, account state, source), leaving uid, identifiers, members and sync ID
    /// empty: fewer strings made for the many holders of a lookup.
    func person(_ index: Int, holderFieldsOnly: Bool = false) -> DirectorySnapshot.Person {
        // A record that cannot be read is a person of no strings (the damage is recorded).
        let record =
            storage.record(.people, index)
            ?? PersonField.allCases.map {
                [.dn, .name, .mail, .uid, .source, .syncID].contains($0) ? SnapshotTable.none : 0
            }
        let field = { (field: PersonField) in record[field.rawValue] }
        let pairs = list(field(.stateStart), field(.stateCount), width: 2)
        var state: [String: [String]] = [:]
        for pair in stride(from: 0, to: pairs.count - 1, by: 2) {
            state[string(pairs[pair]) ?? "", default: []].append(string(pairs[pair + 1]) ?? "")
        }
        return DirectorySnapshot.Person(
            dn: string(field(.dn)) ?? "",
            name: string(field(.name)),
            mail: string(field(.mail)),
            uid: holderFieldsOnly ? nil : string(field(.uid)),
            titles: list(field(.titlesStart), field(.titlesCount)).compactMap(string),
            identifiers: holderFieldsOnly
                ? [] : list(field(.identifiersStart), field(.identifiersCount)).compactMap(string),
            state: state,
            members: holderFieldsOnly ? [] : list(field(.membersStart), field(.membersCount)).compactMap(string),
            isGroup: field(.groupFlags) & 1 != 0,
            computesMembers: field(.groupFlags) & 2 != 0,
            source: string(field(.source)),
            syncID: holderFieldsOnly ? nil : string(field(.syncID))
        )
    }

    // MARK: Roles

    func role(_ index: Int) -> DirectorySnapshot.Role {
        let field = { (field: RoleField) in storage.uint32(.roles, index, field: field.rawValue) }
        let occupantTexts = list(field(.occupantsStart), field(.occupantsCount)).map { string($0) ?? "" }
        return DirectorySnapshot.Role(
            dn: field(.dn).flatMap(string) ?? "",
            names: list(field(.namesStart), field(.namesCount)).map { string($0) ?? "" },
            occupantTexts: occupantTexts,
            occupants: occupantTexts.map { try? DistinguishedName($0) },
            syncID: field(.syncID).flatMap(string)
        )
    }

    // MARK: Titles

    /// Where a title key occurs, found by binary search over the sorted title uses.
    func titleUse(_ key: TitleKey) -> DirectorySnapshot.TitleUse? {
        search(.titleUses, field: TitleUseField.key.rawValue, for: key.rawValue).map(titleUse(at:))
    }

    /// Title use `index`.
    func titleUse(at index: Int) -> DirectorySnapshot.TitleUse {
        let field = { (field: TitleUseField) in storage.uint32(.titleUses, index, field: field.rawValue) }
        return DirectorySnapshot.TitleUse(
            spelling: field(.spelling).flatMap(string) ?? "",
            people: list(field(.peopleStart), field(.peopleCount)).map(Int.init),
            roles: list(field(.rolesStart), field(.rolesCount)).map(Int.init)
        )
    }

    /// Every distinct title, one spelling per key, sorted.
    var distinctTitles: [String] {
        (0..<storage.count(.titleOrder)).compactMap { position in
            storage.uint32(.titleOrder, position).map { titleUse(at: Int($0)).spelling }
        }
    }

    // MARK: Occupants

    /// The first person whose normalised DN is `normalizedDN`, when a role names them.
    func occupant(_ normalizedDN: String) -> Int? {
        search(.occupants, field: OccupantField.dn.rawValue, for: normalizedDN).flatMap {
            storage.uint32(.occupants, $0, field: OccupantField.person.rawValue)
        }.map(Int.init)
    }

    // MARK: Warnings

    var warnings: [SnapshotWarning] {
        (0..<storage.count(.warnings)).map { index in
            let field = { (field: WarningField) in storage.uint32(.warnings, index, field: field.rawValue) }
            return SnapshotWarning(
                kind: field(.kind) == 1 ? .unparsableOccupant : .invalidUTF8,
                origin: field(.origin).flatMap(string),
                dn: field(.dn).flatMap(string) ?? "",
                attribute: field(.attribute).flatMap(string) ?? "",
                value: field(.value).flatMap(string)
            )
        }
    }

    /// The record of a table sorted by a string field whose string has exactly `key`'s bytes.
    func search(_ table: SnapshotTable, field: Int, for key: String, in space: StringSpace = .directory) -> Int? {
        var key = key
        return key.withUTF8 { wanted in
            var (low, high) = (0, storage.count(table))
            while low < high {
                let middle = (low + high) / 2
                guard let id = storage.uint32(table, middle, field: field),
                    let order = withBytes(of: id, in: space, { Self.compare($0, wanted) })
                else { return nil }
                if order == 0 { return middle }
                if order < 0 { low = middle + 1 } else { high = middle }
            }
            return nil
        }
    }

    /// Byte-wise order of two strings: negative, zero or positive.
    static func compare(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeBufferPointer<UInt8>) -> Int {
        for index in 0..<min(lhs.count, rhs.count) where lhs[index] != rhs[index] {
            return Int(lhs[index]) - Int(rhs[index])
        }
        return lhs.count - rhs.count
    }
}
