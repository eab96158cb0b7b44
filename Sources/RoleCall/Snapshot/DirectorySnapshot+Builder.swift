import LDIF
public import Directory
public import TitleMatching

extension DirectorySnapshot {
    /// Builds a snapshot from entries delivered one at a time, keeping only mapped attributes.
    public struct Builder: Sendable {
        private var snapshot: DirectorySnapshot
        /// Lower-cased names of the attributes read, computed once.
        private let names: Names

        fileprivate struct Names: Sendable {
            /// Account-state attribute types, lower-cased, with their bytes.
            var stateBytes: [(String, [UInt8])]
            var objectClassBytes = Array("objectclass".utf8)
            var roleObjectClassBytes: [UInt8]
            /// Each mapped field with its attribute type as lower-case bytes (one type may fill several fields).
            var fieldBytes: [(Collector.Field, [UInt8])]
        }

        /// Starts an empty snapshot.
        /// - Parameters:
        ///   - mapping: Which attributes to read.
        ///   - policy: The account-state rules, whose attributes are kept.
        public init(mapping: AttributeMapping = .init(), policy: AccountStatePolicy = .init()) {
            snapshot = DirectorySnapshot(mapping: mapping, policy: policy)
            let bytes = { (type: String) in Array(type.lowercased().utf8) }
            names = Names(
                stateBytes: policy.attributes.sorted().map { ($0, Array($0.utf8)) },
                roleObjectClassBytes: bytes(mapping.roleObjectClass),
                fieldBytes: [
                    (.title, bytes(mapping.title)), (.name, bytes(mapping.name)), (.mail, bytes(mapping.mail)),
                    (.uid, bytes(mapping.uid)), (.roleName, bytes(mapping.roleName)),
                    (.roleOccupant, bytes(mapping.roleOccupant)),
                ] + mapping.extraIdentifiers.map { (.identifier, bytes($0)) }
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

        /// Records where the entries come from.
        package mutating func setOrigin(_ origin: Origin) { snapshot.origin = origin }

        /// Adds every entry of a batch read from a source.
        mutating func add(_ batch: EntryBatch) {
            for item in batch.items {
                add(
                    dn: item.dn,
                    collected: item.collected,
                    origin: item.line.map { "\(batch.source):\($0)" } ?? batch.source
                )
            }
        }

        /// Gathers the mapped attributes of one entry from borrowed bytes, as a reader delivers them.
        package struct Collector: Sendable {
            fileprivate let names: Names
            fileprivate var isRole = false
            // Single-valued fields keep their first value; only multi-valued ones allocate arrays.
            fileprivate var titles: [String] = []
            fileprivate var name: String?
            fileprivate var mail: String?
            fileprivate var uid: String?
            fileprivate var roleNames: [String] = []
            fileprivate var roleOccupants: [String] = []
            fileprivate var identifiers: [String] = []
            fileprivate var state: [String: [String]] = [:]
            fileprivate var invalidUTF8: [String] = []

            fileprivate enum Field: Hashable, Sendable {
                case title, name, mail, uid, roleName, roleOccupant, identifier
            }

            fileprivate init(names: Names) { self.names = names }

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
                    }
                }
                for (name, bytes) in names.stateBytes where Self.equal(type, bytes) {
                    state[name, default: []].append(text)
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
        package mutating func add(dn: String, collected: Collector, origin: @autoclosure () -> String? = nil) {
            snapshot.entryCount += 1
            for type in collected.invalidUTF8 {
                snapshot.warnings.append(
                    SnapshotWarning(kind: .invalidUTF8, origin: origin(), dn: dn, attribute: type, value: nil)
                )
            }
            if collected.isRole {
                let occupantTexts = collected.roleOccupants
                let occupants = occupantTexts.map { text -> DistinguishedName? in
                    if let parsed = try? DistinguishedName(text) { return parsed }
                    snapshot.warnings.append(
                        SnapshotWarning(
                            kind: .unparsableOccupant,
                            origin: origin(),
                            dn: dn,
                            attribute: snapshot.mapping.roleOccupant,
                            value: text
                        )
                    )
                    return nil
                }
                let role = Role(
                    dn: dn,
                    names: collected.roleNames,
                    occupantTexts: occupantTexts,
                    occupants: occupants
                )
                let index = snapshot.roles.count
                snapshot.roles.append(role)
                for name in role.names { snapshot.spellings[spelling(name)].roles.append(index) }
                return
            }
            let index = snapshot.people.count
            // Titles share one stored string per spelling, so a million people with 40,000 titles keep 40,000 strings.
            let titles = collected.titles.map { title in
                let position = spelling(title)
                snapshot.spellings[position].people.append(index)
                return snapshot.spellings[position].text
            }
            let person = Person(
                dn: dn,
                name: collected.name,
                mail: collected.mail,
                uid: collected.uid,
                titles: titles,
                identifiers: collected.identifiers,
                state: collected.state
            )
            snapshot.people.append(person)
        }

        /// Whether a person with this DN has been added.
        package func contains(_ dn: DistinguishedName) -> Bool {
            !Self.people(named: [dn], in: snapshot.people).isEmpty
        }

        /// The people whose DN is one of `dns`, by normalised DN. DN fingerprints pick the few
        /// people worth normalising, so a million people cost one cheap pass.
        static func people(named dns: [DistinguishedName], in people: [Person]) -> [String: Int] {
            guard !dns.isEmpty else { return [:] }
            let wanted = Set(dns.map(\.normalized))
            let fingerprints = dns.map { DistinguishedName.fingerprint($0.text) }
            let wantedPrints = Set(fingerprints.map(\.value))
            let everyWantedSimple = fingerprints.allSatisfy(\.isSimple)
            var found: [String: Int] = [:]
            for (index, person) in people.enumerated() {
                let print = DistinguishedName.fingerprint(person.dn)
                guard wantedPrints.contains(print.value) || !print.isSimple || !everyWantedSimple else { continue }
                let normalized = person.normalizedDN
                if wanted.contains(normalized), found[normalized] == nil { found[normalized] = index }
            }
            return found
        }

        /// The position of a spelling in the snapshot's spellings, adding it (and its key) when new.
        private mutating func spelling(_ title: String) -> Int {
            if let index = snapshot.spellingIndex[title] { return index }
            let index = snapshot.spellings.count
            snapshot.spellings.append(Spelling(text: title, key: NormalizedTitle(title).key))
            snapshot.spellingIndex[title] = index
            return index
        }

        /// Occupant DNs of role entries that name no entry added so far, each once, in order.
        package func unresolvedOccupants() -> [DistinguishedName] {
            let occupants = snapshot.roles.flatMap { $0.occupants.compactMap { $0 } }
            let found = Self.people(named: occupants, in: snapshot.people)
            var seen: Set<String> = []
            return occupants.filter { found[$0.normalized] == nil && seen.insert($0.normalized).inserted }
        }

        /// The finished snapshot, with occupants linked and its titles indexed for similar-title search.
        /// - Parameter matcher: How titles are compared.
        /// - Returns: The snapshot.
        public func build(matcher: TitleMatcher = .init()) -> DirectorySnapshot {
            var snapshot = linked()
            snapshot.titleIndex = SimilarTitleIndex(titles: snapshot.distinctTitles, matcher: matcher)
            return snapshot
        }

        /// The same snapshot as ``build(matcher:)``, with the title index built on every core while
        /// occupants are linked.
        /// - Parameter matcher: How titles are compared.
        /// - Returns: The snapshot.
        public func build(matcher: TitleMatcher = .init()) async -> DirectorySnapshot {
            var snapshot = self.snapshot
            Self.linkTitles(&snapshot)
            let titles = snapshot.distinctTitles
            async let index = SimilarTitleIndex.build(titles: titles, matcher: matcher)
            Self.linkOccupants(&snapshot)
            snapshot.titleIndex = await index
            return snapshot
        }

        /// The snapshot with title uses gathered and occupants linked, not yet indexed.
        private func linked() -> DirectorySnapshot {
            var snapshot = snapshot
            Self.linkTitles(&snapshot)
            Self.linkOccupants(&snapshot)
            return snapshot
        }

        /// Where each title key occurs, from every spelling.
        private static func linkTitles(_ snapshot: inout DirectorySnapshot) {
            for spelling in snapshot.spellings where !spelling.key.isEmpty {
                snapshot.titleUses[spelling.key, default: TitleUse()].spellings.append(spelling.text)
                snapshot.titleUses[spelling.key, default: TitleUse()].people += spelling.people
                snapshot.titleUses[spelling.key, default: TitleUse()].roles += spelling.roles
            }
        }

        /// The people role entries name as occupants, by normalised DN.
        private static func linkOccupants(_ snapshot: inout DirectorySnapshot) {
            snapshot.occupantPeople = people(
                named: snapshot.roles.flatMap { $0.occupants.compactMap { $0 } },
                in: snapshot.people
            )
        }
    }
}
