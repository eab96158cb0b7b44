public import Directory
public import TitleMatching

extension DirectorySnapshot {
    /// Builds a snapshot from entries delivered one at a time, keeping only mapped attributes.
    public struct Builder: Sendable {
        private var snapshot: DirectorySnapshot
        /// Lower-cased names of the attributes read, computed once.
        private let names: Names
        /// Normalised DNs of the people added so far; built only when ``contains(_:)`` is first asked.
        private var peopleByDN: [String: Int]?

        private struct Names: Sendable {
            var title, name, mail, uid, roleName, roleOccupant, roleObjectClass: String
            var identifiers: [String]
            var state: Set<String>
        }

        /// Starts an empty snapshot.
        /// - Parameters:
        ///   - mapping: Which attributes to read.
        ///   - policy: The account-state rules, whose attributes are kept.
        public init(mapping: AttributeMapping = .init(), policy: AccountStatePolicy = .init()) {
            snapshot = DirectorySnapshot(mapping: mapping, policy: policy)
            names = Names(
                title: mapping.title.lowercased(), name: mapping.name.lowercased(), mail: mapping.mail.lowercased(),
                uid: mapping.uid.lowercased(), roleName: mapping.roleName.lowercased(),
                roleOccupant: mapping.roleOccupant.lowercased(), roleObjectClass: mapping.roleObjectClass.lowercased(),
                identifiers: mapping.extraIdentifiers.map { $0.lowercased() }, state: policy.attributes
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
            snapshot.entryCount += 1
            var warnings: [String] = []
            func texts(_ type: String) -> [String] {
                (attributes[type] ?? []).map { bytes in
                    if let text = String(validating: bytes, as: UTF8.self) { return text }
                    warnings.append("\(origin.map { "\($0): " } ?? "")\"\(type)\" of \(dn) is not valid UTF-8; read with replacement characters")
                    return String(decoding: bytes, as: UTF8.self)
                }
            }
            defer { snapshot.warnings += warnings }
            let isRole = (attributes["objectclass"] ?? []).contains { value in
                value.count == names.roleObjectClass.utf8.count
                    && String(decoding: value, as: UTF8.self).lowercased() == names.roleObjectClass
            }
            if isRole {
                let occupantTexts = texts(names.roleOccupant)
                let occupants = occupantTexts.map { text -> DistinguishedName? in
                    do { return try DistinguishedName(text) } catch {
                        warnings.append("\(origin.map { "\($0): " } ?? "")roleOccupant of \(dn): \(error); counted as missing")
                        return nil
                    }
                }
                let role = Role(dn: dn, names: texts(names.roleName), occupantTexts: occupantTexts, occupants: occupants)
                let index = snapshot.roles.count
                snapshot.roles.append(role)
                for name in role.names { record(name) { $0.roles.append(index) } }
                return
            }
            var state: [String: [String]] = [:]
            for type in attributes.keys where names.state.contains(type) { state[type] = texts(type) }
            let person = Person(
                dn: dn, name: texts(names.name).first, mail: texts(names.mail).first, uid: texts(names.uid).first,
                titles: texts(names.title).map { intern($0) }, identifiers: names.identifiers.flatMap { texts($0) }, state: state
            )
            let index = snapshot.people.count
            snapshot.people.append(person)
            peopleByDN?[person.normalizedDN] = index
            for title in person.titles { record(title) { $0.people.append(index) } }
        }

        /// Whether a person with this DN has been added.
        public mutating func contains(_ dn: DistinguishedName) -> Bool {
            if peopleByDN == nil {
                var index: [String: Int] = [:]
                for (position, person) in snapshot.people.enumerated() { index[person.normalizedDN] = position }
                peopleByDN = index
            }
            return peopleByDN?[dn.normalized] != nil
        }

        /// One shared copy of each title spelling, so a million people with 40,000 titles store 40,000 strings.
        private func intern(_ title: String) -> String {
            if let index = snapshot.titleKeys.index(forKey: title) { return snapshot.titleKeys.keys[index] }
            return title
        }

        private mutating func record(_ title: String, _ update: (inout TitleUse) -> Void) {
            let key: TitleKey
            if let cached = snapshot.titleKeys[title] {
                key = cached
            } else {
                key = NormalizedTitle(title).key
                snapshot.titleKeys[title] = key
            }
            guard !key.isEmpty else { return }
            update(&snapshot.titleUses[key, default: TitleUse()])
            if !snapshot.titleUses[key, default: TitleUse()].spellings.contains(title) {
                snapshot.titleUses[key, default: TitleUse()].spellings.append(title)
            }
        }

        /// Occupant DNs of role entries that name no entry added so far, each once, in order.
        public mutating func unresolvedOccupants() -> [DistinguishedName] {
            var seen: Set<String> = []
            let occupants = snapshot.roles.flatMap { $0.occupants.compactMap { $0 } }
            return occupants.filter { dn in !contains(dn) && seen.insert(dn.normalized).inserted }
        }

        /// The finished snapshot, with occupants linked and its titles indexed for similar-title search.
        /// - Parameter matcher: How titles are compared.
        public func build(matcher: TitleMatcher = .init()) -> DirectorySnapshot {
            var snapshot = snapshot
            let wanted = Set(snapshot.roles.flatMap { $0.occupants.compactMap { $0?.normalized } })
            if !wanted.isEmpty {
                for (index, person) in snapshot.people.enumerated() {
                    let normalized = person.normalizedDN
                    if wanted.contains(normalized), snapshot.occupantPeople[normalized] == nil {
                        snapshot.occupantPeople[normalized] = index
                    }
                }
            }
            snapshot.titleIndex = SimilarTitleIndex(titles: snapshot.distinctTitles, matcher: matcher)
            return snapshot
        }
    }
}
