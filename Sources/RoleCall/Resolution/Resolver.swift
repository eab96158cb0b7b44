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
        guard let (active, inactive) = holders(of: title.key) else {
            return LookupResult(
                query: query,
                status: .notFound,
                expectedHolders: expected,
                holders: [],
                inactiveHolders: [],
                similar: similar
            )
        }
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
            guard let holders = holders(of: match.key) else { return nil }
            return SimilarTitle(title: match.title, similarity: match.similarity, holders: holders.active)
        }
    }

    /// Everyone listed under a title key, split into active and inactive at ``asOf``, each person
    /// once, sorted by DN; nil when no entry carries the key.
    func holders(of key: TitleKey) -> (active: [Holder], inactive: [Holder])? {
        guard let listed = snapshot.listedHolders(of: key) else { return nil }
        var split: (active: [Holder], inactive: [Holder]) = ([], [])
        split.active.reserveCapacity(listed.count)
        for entry in listed {
            let holder = entry.holder(under: policy, asOf: asOf)
            if holder.reason == nil { split.active.append(holder) } else { split.inactive.append(holder) }
        }
        return split
    }
}
