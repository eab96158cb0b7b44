public import Directory
public import TitleMatching

/// How a role title resolved.
public enum ResolutionStatus: String, Sendable, Hashable, CaseIterable {
    /// Exactly the expected number of active holders.
    case resolved
    /// More active holders than expected.
    case ambiguous
    /// Some active holders, but fewer than expected.
    case incomplete
    /// The title exists, but no active holder does.
    case vacant
    /// No entry carries this title.
    case notFound
}

/// How a person came to hold a role.
public enum HolderSource: String, Sendable, Hashable {
    /// The person's own title attribute.
    case title
    /// A role entry lists the person as `roleOccupant`.
    case roleOccupant
}

/// A person holding (or listed for) a role.
public struct Holder: Sendable, Hashable {
    /// The holder's DN as written in the directory (for a missing occupant, as the role entry gives it).
    public var dn: String
    /// Display name, if the entry has one.
    public var name: String?
    /// Mail address, if the entry has one.
    public var mail: String?
    /// The title or role name under which the person holds the role, as written.
    public var title: String
    /// How the person holds it.
    public var via: HolderSource
    /// Why the holder does not count; nil for an active holder.
    public var reason: InactiveReason?
    /// The source the holder's entry was read from, when several sources are merged (its path or URI).
    public var source: String?

    /// Creates a holder.
    public init(
        dn: String,
        name: String?,
        mail: String?,
        title: String,
        via: HolderSource,
        reason: InactiveReason? = nil,
        source: String? = nil
    ) {
        self.dn = dn
        self.name = name
        self.mail = mail
        self.title = title
        self.via = via
        self.reason = reason
        self.source = source
    }
}

extension Holder {
    /// What tells holders apart: the normalised DN, within its source when sources are merged.
    var identity: String {
        DirectorySnapshot.identity(dn: DistinguishedName.comparisonKey(dn), source: source)
    }
}

/// Another title in the directory that a person could mistake for the one asked for.
public struct SimilarTitle: Sendable, Hashable {
    /// The other title as written.
    public var title: String
    /// How similar, 0…1.
    public var score: Double
    /// The main kind of difference.
    public var kind: TitleSimilarity.Kind
    /// What differs from the title asked for, in reading order.
    public var differences: [TitleDifference]
    /// Who holds it.
    public var holders: [Holder]

    /// Creates a similar title.
    public init(title: String, similarity: TitleSimilarity, holders: [Holder]) {
        self.title = title
        self.score = similarity.score
        self.kind = similarity.kind
        self.differences = similarity.differences
        self.holders = holders
    }
}

/// The answer to "who holds this role now?".
public struct LookupResult: Sendable, Hashable {
    /// The title as asked.
    public var query: String
    /// The outcome.
    public var status: ResolutionStatus
    /// How many holders the role should have (a `(x2)` suffix, else 1).
    public var expectedHolders: Int
    /// Active holders.
    public var holders: [Holder]
    /// Holders that do not count, each with a reason.
    public var inactiveHolders: [Holder]
    /// Other titles that could be mistaken for this one, best first.
    public var similar: [SimilarTitle]

    /// Creates a result.
    public init(
        query: String,
        status: ResolutionStatus,
        expectedHolders: Int,
        holders: [Holder],
        inactiveHolders: [Holder],
        similar: [SimilarTitle]
    ) {
        self.query = query
        self.status = status
        self.expectedHolders = expectedHolders
        self.holders = holders
        self.inactiveHolders = inactiveHolders
        self.similar = similar
    }
}
