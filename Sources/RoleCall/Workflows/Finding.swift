/// Something a stale-role report tells the people who keep the access list.
public struct Finding: Sendable, Hashable {
    /// What kind of problem.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case vacant, notFound, multipleHolders, incomplete, inactiveHolder, danglingOccupant, holderChanged, confusable
    }

    /// How urgent it is; ordered, so `--fail-on warning` also fails on errors.
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
    /// An explanation a non-specialist understands.
    public var message: String
    /// Kind-specific details: `holders`, `previousHolders`, `holder`, `reason`, `similarTitle`.
    public var details: [(String, [String])]

    /// Creates a finding.
    public init(kind: Kind, severity: Severity, role: String, message: String, details: [(String, [String])] = []) {
        self.kind = kind
        self.severity = severity
        self.role = role
        self.message = message
        self.details = details
    }

    public static func == (lhs: Finding, rhs: Finding) -> Bool {
        lhs.kind == rhs.kind && lhs.severity == rhs.severity && lhs.role == rhs.role && lhs.message == rhs.message
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(role)
        hasher.combine(message)
    }
}
