/// Something a stale-role report tells the people who keep the access list: the facts, for the
/// presentation layer to word.
public struct Finding: Sendable, Hashable {
    /// What kind of problem. New kinds may be added; switch with a `default`.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The title exists but no active holder does (``Finding/inactiveHolders``).
        case vacant
        /// No entry carries the listed title (``Finding/similar``: the closest title, if any).
        case notFound
        /// More active holders (``Finding/holders``) than ``Finding/expectedHolders``.
        case multipleHolders
        /// Fewer active holders (``Finding/holders``) than ``Finding/expectedHolders``.
        case incomplete
        /// An inactive account (``Finding/holder``) still carries the role.
        case inactiveHolder
        /// A role entry names an occupant (``Finding/holder``) that does not exist.
        case danglingOccupant
        /// Holders changed since the last run: ``Finding/joined`` and ``Finding/left``.
        case holderChanged
        /// A title that had holders at the last run (``Finding/lastHolders``) is gone from the directory.
        case titleGone
        /// Another title (``Finding/similar``) could be mistaken for the listed one.
        case confusable
    }

    /// How urgent it is; ordered, so failing on warnings also fails on errors.
    public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
        case info, warning, error

        private var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
    }

    /// The kind.
    public var kind: Kind
    /// The severity.
    public var severity: Severity
    /// The role as written in the access list.
    public var role: String
    /// How many holders the list expects.
    public var expectedHolders: Int
    /// The role's active holders now (for ``Kind-swift.enum/confusable``, the similar title's).
    public var holders: [Holder] = []
    /// The role's inactive holders (``Kind-swift.enum/vacant``).
    public var inactiveHolders: [Holder] = []
    /// The one holder concerned (``Kind-swift.enum/inactiveHolder``, ``Kind-swift.enum/danglingOccupant``).
    public var holder: Holder?
    /// The other title (``Kind-swift.enum/confusable``; for ``Kind-swift.enum/notFound``, the closest).
    public var similar: SimilarTitle?
    /// Holders now who were not at the last run (``Kind-swift.enum/holderChanged``).
    public var joined: [Holder] = []
    /// Holders at the last run who are not now (``Kind-swift.enum/holderChanged``).
    public var left: [Holder] = []
    /// Who held the role at the last run (``Kind-swift.enum/titleGone``).
    public var lastHolders: [Holder] = []

    /// Creates a finding; set the kind's fields afterwards.
    public init(kind: Kind, severity: Severity, role: String, expectedHolders: Int = 1) {
        self.kind = kind
        self.severity = severity
        self.role = role
        self.expectedHolders = expectedHolders
    }
}
