import LDIF
package import Foundation
public import Directory
public import TitleMatching

extension DirectorySnapshot {
    /// Builds a snapshot from entries delivered one at a time, keeping only mapped attributes.
    public struct Builder: Sendable {
        private var writer = SnapshotTableWriter()
        private var origins: [Origin] = []
        private var entryCount = 0
        private var reflects = Date()
        /// Whether people are labelled with their source (several sources are being merged).
        private var labelsSources = false
        private var source: String?
        private var syncState: SnapshotSyncState?
        private let mapping: AttributeMapping
        private let policy: AccountStatePolicy
        /// Lower-cased names of the attributes read, computed once.
        private let names: Names

        fileprivate struct Names: Sendable {
            /// Account-state attribute types, lower-cased, with their bytes.
            var stateBytes: [(String, [UInt8])]
            var objectClassBytes = Array("objectclass".utf8)
            var roleObjectClassBytes: [UInt8]
            /// Object classes of groups, lower-cased, as bytes.
            var groupObjectClassBytes = DirectorySnapshot.groupObjectClasses.map { Array($0.utf8) }
            var computedGroupObjectClassBytes = DirectorySnapshot.computedGroupObjectClasses.map { Array($0.utf8) }
            var uniqueMemberBytes = Array("uniquemember".utf8)
            /// Each mapped field with its attribute type as lower-case bytes (one type may fill several fields).
            var fieldBytes: [(Collector.Field, [UInt8])]
        }

        /// Starts an empty snapshot.
        /// - Parameters:
        ///   - mapping: Which attributes to read.
        ///   - policy: The account-state rules, whose attributes are kept.
        public init(mapping: AttributeMapping = .init(), policy: AccountStatePolicy = .init()) {
            self.mapping = mapping
            self.policy = policy
            let bytes = { (type: String) in Array(type.lowercased().utf8) }
            names = Names(
                stateBytes: policy.attributes.sorted().map { ($0, Array($0.utf8)) },
                roleObjectClassBytes: bytes(mapping.roleObjectClass),
                fieldBytes: [
                    (.title, bytes(mapping.title)), (.name, bytes(mapping.name)), (.mail, bytes(mapping.mail)),
                    (.uid, bytes(mapping.uid)), (.roleName, bytes(mapping.roleName)),
                    (.roleOccupant, bytes(mapping.roleOccupant)),
                ] + mapping.extraIdentifiers.map { (.identifier, bytes($0)) }
                    + mapping.groupMembers.map { (.member, bytes($0)) }
            )
        }

        /// Adds one entry.
        /// - Parameters:
        ///   - entry: The entry.
        ///   - origin: Where it came from (`file:line`), used in warnings.
        public mutating func add(_ entry: Entry, origin: String? = nil) {
            add(dn: entry.dn.text, attributes: entry.attributes, origin: origin)
        }

        /// Adds one entry given as its DN and values keyed by lower-cased attribute type.
        /// - Parameters:
        ///   - dn: The DN as written.
        ///   - attributes: Values by lower-cased attribute type (no options).
        ///   - origin: Where it came from (`file:line`), used in warnings.
        public mutating func add(dn: String, attributes: [String: [[UInt8]]], origin: String? = nil) {
            var collector = Collector(names: names)
            for (type, values) in attributes { collector.take(type, values) }
            add(dn: dn, collected: collector, origin: origin)
        }

        /// Records where the entries added from now on come from; when sources are merged, people
        /// are labelled with it (``DirectorySnapshot/Person/source``).
        package mutating func setOrigin(_ origin: Origin) {
            origins.append(origin)
            if labelsSources { source = origin.label }
        }

        /// Records the instant the entries reflect (by default, when the builder was made); with
        /// several sources, the earliest of them.
        package mutating func setReflects(_ instant: Date) { reflects = min(reflects, instant) }

        /// Labels every person added from now on with the source they come from.
        package mutating func labelSources() { labelsSources = true }

        /// How many entries have been added so far.
        package var count: Int { entryCount }

        /// Adds every entry of a batch read from a source.
        mutating func add(_ batch: EntryBatch) {
            for item in batch.items {
                add(
                    dn: item.dn,
                    collected: item.collected,
                    origin: item.line.map { "\(batch.source):\($0)" } ?? batch.source,
                    syncID: item.syncID
                )
            }
        }

        /// Gathers the mapped attributes of one entry from borrowed bytes, as a reader delivers them.
        package struct Collector: Sendable {
            fileprivate let names: Names
            fileprivate var isRole = false
            fileprivate var isGroup = false
            fileprivate var computesMembers = false
            // Single-valued fields keep their first value; only multi-valued ones allocate arrays.
            fileprivate var titles: [String] = []
            fileprivate var name: String?
            fileprivate var mail: String?
            fileprivate var uid: String?
            fileprivate var roleNames: [String] = []
            fileprivate var roleOccupants: [String] = []
            fileprivate var identifiers: [String] = []
            fileprivate var memberList: [String] = []
            fileprivate var state: [(attribute: String, value: String)] = []
            fileprivate var invalidUTF8: [String] = []

            fileprivate enum Field: Hashable, Sendable {
                case title, name, mail, uid, roleName, roleOccupant, identifier, member
            }

            fileprivate init(names: Names) { self.names = names }

            /// The group members' DNs taken so far.
            package var members: [String] { memberList }

            /// Takes every value of an attribute (description as written, options ignored).
            package mutating func take(_ attribute: String, _ values: [[UInt8]]) {
                var attribute = attribute
                attribute.withUTF8 { name in
                    for value in values { value.withUnsafeBufferPointer { take(name, $0) } }
                }
            }

            /// Takes one value of an attribute (description as written, options ignored), borrowed.
            package mutating func take(_ attribute: Span<UInt8>, _ value: Span<UInt8>) {
                attribute.withUnsafeBufferPointer { name in value.withUnsafeBufferPointer { take(name, $0) } }
            }

            private mutating func take(_ attribute: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) {
                let type = Self.baseType(attribute)
                if Self.equal(type, names.objectClassBytes) {
                    if Self.equal(value, names.roleObjectClassBytes) { isRole = true }
                    if names.groupObjectClassBytes.contains(where: { Self.equal(value, $0) }) { isGroup = true }
                    if names.computedGroupObjectClassBytes.contains(where: { Self.equal(value, $0) }) {
                        computesMembers = true
                    }
                    return
                }
                let valid = String(validating: value, as: UTF8.self)
                if valid == nil { invalidUTF8.append(String(decoding: type, as: UTF8.self)) }
                let text = valid ?? String(decoding: value, as: UTF8.self)
                for (field, bytes) in names.fieldBytes where Self.equal(type, bytes) {
                    switch field {
                    case .title: titles.append(text)
                    case .name: name = name ?? text
                    case .mail: mail = mail ?? text
                    case .uid: uid = uid ?? text
                    case .roleName: roleNames.append(text)
                    case .roleOccupant: roleOccupants.append(text)
                    case .identifier: identifiers.append(text)
                    case .member:
                        memberList.append(
                            Self.equal(type, names.uniqueMemberBytes) ? DirectorySnapshot.uniqueMemberDN(text) : text
                        )
                    }
                }
                for (name, bytes) in names.stateBytes where Self.equal(type, bytes) {
                    state.append((name, text))
                }
            }

            private static func baseType(_ attribute: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
                let end = attribute.firstIndex(of: UInt8(ascii: ";")) ?? attribute.count
                return UnsafeBufferPointer(rebasing: attribute[0..<end])
            }

            /// ASCII case-insensitive equality of bytes with a lower-case name.
            private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ lowercase: [UInt8]) -> Bool {
                guard bytes.count == lowercase.count else { return false }
                for index in 0..<bytes.count where ASCII.lowercased(bytes[index]) != lowercase[index] { return false }
                return true
            }
        }

        /// A collector for one entry's values.
        package func collector() -> Collector { Collector(names: names) }

        /// Adds one entry from a collector that was given its values.
        /// - Parameters:
        ///   - dn: The DN as written.
        ///   - collected: The entry's mapped values.
        ///   - origin: Where it came from (`file:line`), used in warnings.
        ///   - syncID: The entry's UUID from content synchronisation, in hex.
        package mutating func add(
            dn: String,
            collected: Collector,
            origin: @autoclosure () -> String? = nil,
            syncID: String? = nil
        ) {
            entryCount += 1
            for type in collected.invalidUTF8 {
                writer.addWarning(
                    SnapshotWarning(kind: .invalidUTF8, origin: origin(), dn: dn, attribute: type, value: nil)
                )
            }
            if collected.isRole {
                let occupants = collected.roleOccupants.map { text -> DistinguishedName? in
                    if let parsed = try? DistinguishedName(text) { return parsed }
                    writer.addWarning(
                        SnapshotWarning(
                            kind: .unparsableOccupant,
                            origin: origin(),
                            dn: dn,
                            attribute: mapping.roleOccupant,
                            value: text
                        )
                    )
                    return nil
                }
                writer.addRole(
                    dn: dn,
                    names: collected.roleNames,
                    occupantTexts: collected.roleOccupants,
                    occupants: occupants,
                    syncID: syncID
                )
                return
            }
            writer.addPerson(
                dn: dn,
                name: collected.name,
                mail: collected.mail,
                uid: collected.uid,
                titles: collected.titles,
                identifiers: collected.identifiers,
                members: collected.memberList,
                isGroup: collected.isGroup || !collected.memberList.isEmpty,
                computesMembers: collected.computesMembers,
                source: source,
                state: collected.state,
                syncID: syncID
            )
        }

        /// Adds a person carried over unchanged from an earlier snapshot (an incremental refresh).
        mutating func carry(_ person: Person) {
            entryCount += 1
            writer.addPerson(
                dn: person.dn,
                name: person.name,
                mail: person.mail,
                uid: person.uid,
                titles: person.titles,
                identifiers: person.identifiers,
                members: person.members,
                isGroup: person.isGroup,
                computesMembers: person.computesMembers,
                source: person.source,
                state: person.state.sorted { $0.key < $1.key }.flatMap { pair in pair.value.map { (pair.key, $0) } },
                syncID: person.syncID
            )
        }

        /// Adds a role entry carried over unchanged from an earlier snapshot.
        mutating func carry(_ role: Role) {
            entryCount += 1
            writer.addRole(
                dn: role.dn,
                names: role.names,
                occupantTexts: role.occupantTexts,
                occupants: role.occupants,
                syncID: role.syncID
            )
        }

        /// Keeps a warning found in an earlier snapshot about an entry carried over.
        mutating func carry(_ warning: SnapshotWarning) { writer.addWarning(warning) }

        /// Records where an incremental refresh of this snapshot starts from.
        mutating func setSyncState(_ state: SnapshotSyncState?) { syncState = state }

        /// Whether a person with this DN has been added.
        package func contains(_ dn: DistinguishedName) -> Bool { !writer.people(named: [dn]).isEmpty }

        /// Of these DNs, those already added (in one pass over the people), each with its group
        /// members as written — empty for anyone but a group.
        package func added(_ dns: [DistinguishedName]) -> [String: [String]] {
            writer.people(named: dns).mapValues { writer.members(ofPerson: $0) ?? [] }
        }

        /// Occupant DNs of role entries that name no entry added so far, each once, in order.
        package func unresolvedOccupants() -> [DistinguishedName] { writer.unresolvedOccupants() }

        /// The finished snapshot, with occupants linked and its titles indexed for similar-title search.
        /// - Parameter matcher: How titles are compared.
        /// - Returns: The snapshot.
        public func build(matcher: TitleMatcher = .init()) -> DirectorySnapshot {
            let tables = SnapshotTables(storage: writer.freeze())
            return finished(tables, index: SimilarTitleIndex(titles: tables.distinctTitles, matcher: matcher))
        }

        /// The same snapshot as ``build(matcher:)``, with the title index built on every core.
        /// - Parameter matcher: How titles are compared.
        /// - Returns: The snapshot.
        public func build(matcher: TitleMatcher = .init()) async -> DirectorySnapshot {
            let tables = SnapshotTables(storage: writer.freeze())
            return finished(
                tables,
                index: await SimilarTitleIndex.build(titles: tables.distinctTitles, matcher: matcher)
            )
        }

        private func finished(_ tables: SnapshotTables, index: SimilarTitleIndex) -> DirectorySnapshot {
            var snapshot = DirectorySnapshot(
                tables: tables,
                entryCount: entryCount,
                mapping: mapping,
                policy: policy,
                titleIndex: index
            )
            snapshot.origin = origins.count > 1 ? .merged(origins) : origins.first
            snapshot.reflects = reflects
            snapshot.syncState = syncState
            return snapshot
        }
    }
}
