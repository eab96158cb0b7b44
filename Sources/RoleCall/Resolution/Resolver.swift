public import Directory
public import Foundation
import TitleMatching

/// Resolves role titles to the people who hold them at an instant, never guessing between titles.
///
/// ```swift
/// let snapshot = try await LDIFSource(path: "staff.ldif").snapshot()
/// let result = Resolver(snapshot: snapshot).resolve("Head of Defence Statistics")
/// ```
public struct Resolver: Sendable {
    /// The directory being read.
    public let snapshot: DirectorySnapshot
    /// The account-state rules.
    public let policy: AccountStatePolicy
    /// The instant account state is evaluated at.
    public let asOf: Date
    /// Similar titles scoring below this are not reported.
    public let minimumSimilarity: Double
    /// At most this many similar titles are reported per query.
    public let similarLimit: Int

    /// Creates a resolver.
    /// - Parameters:
    ///   - snapshot: The directory.
    ///   - policy: Account-state rules; defaults to the rules the snapshot was built with.
    ///   - asOf: The instant to evaluate account state at; defaults to now.
    ///   - minimumSimilarity: Similar titles scoring below this (0…1) are left out.
    ///   - similarLimit: At most this many similar titles per query.
    public init(
        snapshot: DirectorySnapshot,
        policy: AccountStatePolicy? = nil,
        asOf: Date = Date(),
        minimumSimilarity: Double = 0.5,
        similarLimit: Int = 10
    ) {
        self.snapshot = snapshot
        self.policy = policy ?? snapshot.policy
        self.asOf = asOf
        self.minimumSimilarity = minimumSimilarity
        self.similarLimit = similarLimit
    }

    /// Resolves one title. Only titles with the same normalised key count; similar titles never do.
    /// - Parameter query: A role title, optionally with a holder count such as `(x2)`.
    /// - Returns: The status, holders, inactive holders and similar titles.
    public func resolve(_ query: String) -> LookupResult {
        let title = NormalizedTitle(query)
        let expected = title.holderCount ?? 1
        let similar = similarTitles(to: query)
        guard !title.key.isEmpty, let use = snapshot.titleUse(title.key) else {
            return LookupResult(
                query: query,
                status: .notFound,
                expectedHolders: expected,
                holders: [],
                inactiveHolders: [],
                similar: similar
            )
        }
        let (active, inactive) = holders(of: use, key: title.key)
        let status: ResolutionStatus =
            switch active.count {
            case 0: .vacant
            case expected: .resolved
            case ..<expected: .incomplete
            default: .ambiguous
            }
        return LookupResult(
            query: query,
            status: status,
            expectedHolders: expected,
            holders: active,
            inactiveHolders: inactive,
            similar: similar
        )
    }

    /// Resolves several titles at once, spread over the machine's cores: the answers are those of
    /// ``resolve(_:)`` for each title, in the titles' order.
    /// - Parameter queries: Role titles, as ``resolve(_:)`` takes them.
    /// - Returns: One result per title, in order.
    public func resolveAll(_ queries: [String]) -> [LookupResult] {
        ParallelResults.map(queries) { resolve($0) }
    }

    /// Other titles in the directory a person could mistake for `query`, best first, with their active holders.
    func similarTitles(to query: String) -> [SimilarTitle] {
        snapshot.titleIndex.similar(to: query, limit: similarLimit, minimumScore: minimumSimilarity).compactMap {
            match in
            let key = snapshot.key(of: match.title)
            guard let use = snapshot.titleUse(key) else { return nil }
            return SimilarTitle(
                title: match.title,
                similarity: match.similarity,
                holders: holders(of: use, key: key).active
            )
        }
    }

    /// Everyone listed for a title key, split into active and inactive, each person once, sorted by DN.
    /// When sources are merged, one person's entries in several sources are one holder: the first
    /// source's, inactive if any of them is.
    func holders(of use: DirectorySnapshot.TitleUse, key: TitleKey) -> (active: [Holder], inactive: [Holder]) {
        // Each holder with the position of their entry, so the first source's entry wins.
        var byDN: [String: (position: Int, holder: Holder)] = [:]
        for index in use.people {
            let person = snapshot.people.holderFields(index)
            let spelling = Self.spelling(among: person.titles, key: key, in: snapshot) ?? use.spelling
            byDN[person.identity] = (index, holder(person, title: spelling, via: .title))
        }
        for index in use.roles {
            let role = snapshot.roles[index]
            let roleName = Self.spelling(among: role.names, key: key, in: snapshot) ?? use.spelling
            for (text, dn) in zip(role.occupantTexts, role.occupants) {
                if let dn, let index = snapshot.occupant(dn.normalized) {
                    let person = snapshot.people.holderFields(index)
                    guard byDN[person.identity] == nil else { continue }
                    byDN[person.identity] = (index, holder(person, title: roleName, via: .roleOccupant))
                } else {
                    let normalized = dn?.normalized ?? text
                    guard byDN[normalized] == nil else { continue }
                    let missing = Holder(
                        dn: text,
                        name: nil,
                        mail: nil,
                        title: roleName,
                        via: .roleOccupant,
                        reason: .missing
                    )
                    byDN[normalized] = (Int.max, missing)
                }
            }
        }
        let people = SamePerson.group(
            byDN.sorted { ($0.value.position, $0.key) < ($1.value.position, $1.key) },
            mail: { $0.value.holder.mail },
            source: { $0.value.holder.source }
        )
        let sorted = people.map { entries in
            var first = entries[0].value.holder
            first.reason = entries.lazy.compactMap(\.value.holder.reason).first
            return (key: entries[0].key, holder: first)
        }.sorted { $0.key < $1.key }.map(\.holder)
        return (sorted.filter { $0.reason == nil }, sorted.filter { $0.reason != nil })
    }

    /// Which of an entry listed under `key` spells it: the only one when there is one (most people
    /// hold one title), else the first whose key is `key`.
    private static func spelling(among titles: [String], key: TitleKey, in snapshot: DirectorySnapshot) -> String? {
        titles.count == 1 ? titles[0] : titles.first { snapshot.key(of: $0) == key }
    }

    /// A person as a holder, with their account state at ``asOf``.
    func holder(_ person: DirectorySnapshot.Person, title: String, via: HolderSource) -> Holder {
        let reason = person.inactiveReason(under: policy, asOf: asOf)
        return Holder(
            dn: person.dn,
            name: person.name,
            mail: person.mail,
            title: title,
            via: via,
            reason: reason,
            source: person.source
        )
    }
}
