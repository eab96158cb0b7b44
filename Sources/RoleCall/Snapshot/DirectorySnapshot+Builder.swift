public import Directory
public import TitleMatching

extension DirectorySnapshot {
    /// Builds a snapshot from entries delivered one at a time, keeping only mapped attributes.
    public struct Builder: Sendable {
        private var snapshot: DirectorySnapshot
        private let stateAttributes: Set<String>
        private var keyCache: [String: TitleKey] = [:]

        /// Starts an empty snapshot.
        /// - Parameters:
        ///   - mapping: Which attributes to read.
        ///   - policy: The account-state rules, whose attributes are kept.
        public init(mapping: AttributeMapping = .init(), policy: AccountStatePolicy = .init()) {
            snapshot = DirectorySnapshot(mapping: mapping, policy: policy)
            stateAttributes = policy.attributes
        }

        /// Adds one entry.
        /// - Parameters:
        ///   - entry: The entry.
        ///   - origin: Where it came from (`file:line`), used in warnings.
        public mutating func add(_ entry: Entry, origin: String? = nil) {
            // The same entry delivered twice (an occupant that also has a title) counts once.
            guard snapshot.personByDN[entry.dn.normalized] == nil else { return }
            snapshot.entryCount += 1
            let mapping = snapshot.mapping
            let place = origin.map { "\($0): " } ?? ""
            func texts(_ type: String) -> [String] {
                entry.values(type).map { bytes in
                    if let text = String(validating: bytes, as: UTF8.self) { return text }
                    snapshot.warnings.append(
                        "\(place)\"\(type)\" of \(entry.dn) is not valid UTF-8; read with replacement characters"
                    )
                    return String(decoding: bytes, as: UTF8.self)
                }
            }
            if entry.hasObjectClass(mapping.roleObjectClass) {
                let occupantTexts = texts(mapping.roleOccupant)
                let occupants = occupantTexts.map { text -> DistinguishedName? in
                    do { return try DistinguishedName(text) } catch {
                        snapshot.warnings.append("\(place)roleOccupant of \(entry.dn): \(error); counted as missing")
                        return nil
                    }
                }
                let role = Role(dn: entry.dn, names: texts(mapping.roleName), occupantTexts: occupantTexts, occupants: occupants)
                let index = snapshot.roles.count
                snapshot.roles.append(role)
                for name in role.names { record(name) { $0.roles.append(index) } }
                return
            }
            var state: [String: [String]] = [:]
            for type in stateAttributes where !entry.values(type).isEmpty { state[type] = texts(type) }
            let person = Person(
                dn: entry.dn, name: texts(mapping.name).first, mail: texts(mapping.mail).first,
                uid: texts(mapping.uid).first, titles: texts(mapping.title),
                identifiers: mapping.extraIdentifiers.flatMap { texts($0) }, state: state
            )
            let index = snapshot.people.count
            snapshot.people.append(person)
            snapshot.personByDN[entry.dn.normalized] = index
            for title in person.titles { record(title) { $0.people.append(index) } }
        }

        private mutating func record(_ title: String, _ update: (inout TitleUse) -> Void) {
            let key: TitleKey
            if let cached = keyCache[title] {
                key = cached
            } else {
                key = NormalizedTitle(title).key
                keyCache[title] = key
            }
            guard !key.isEmpty else { return }
            update(&snapshot.titleUses[key, default: TitleUse()])
            if !snapshot.titleUses[key, default: TitleUse()].spellings.contains(title) {
                snapshot.titleUses[key, default: TitleUse()].spellings.append(title)
            }
        }

        /// Occupant DNs of role entries that name no entry added so far, each once, in order.
        public var unresolvedOccupants: [DistinguishedName] {
            var seen: Set<String> = []
            return snapshot.roles.flatMap { $0.occupants.compactMap { $0 } }.filter { dn in
                snapshot.personByDN[dn.normalized] == nil && seen.insert(dn.normalized).inserted
            }
        }

        /// The finished snapshot, with its titles indexed for similar-title search.
        /// - Parameter matcher: How titles are compared.
        public func build(matcher: TitleMatcher = .init()) -> DirectorySnapshot {
            var snapshot = snapshot
            snapshot.titleIndex = SimilarTitleIndex(titles: snapshot.distinctTitles, matcher: matcher)
            return snapshot
        }
    }
}
