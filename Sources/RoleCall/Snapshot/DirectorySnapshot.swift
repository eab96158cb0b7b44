public import Directory
public import TitleMatching

/// What RoleCall keeps of a directory: people, role entries and an index of titles.
///
/// Built once from any source (``DirectorySnapshot/Builder``); only mapped attributes are kept,
/// and DNs are kept as written and normalised only when compared, so a million-entry export
/// stays small.
public struct DirectorySnapshot: Sendable {
    /// An entry that can hold a role: any entry that is not a role entry.
    public struct Person: Sendable, Hashable {
        /// The entry's DN as written.
        public var dn: String
        /// Display name (mapped `name`).
        public var name: String?
        /// Mail address.
        public var mail: String?
        /// Login name.
        public var uid: String?
        /// Role titles as written.
        public var titles: [String]
        /// Other identifiers (`sAMAccountName`, `userPrincipalName`), as written.
        public var identifiers: [String]
        /// Values of the account-state attributes present, by lower-cased type.
        public var state: [String: [String]]

        /// The DN in RFC 4514 normalised form (see `DistinguishedName.normalize`).
        public var normalizedDN: String { DistinguishedName.comparisonKey(dn) }
    }

    /// An `organizationalRole` entry.
    public struct Role: Sendable, Hashable {
        /// The role entry's DN as written.
        public var dn: String
        /// Role names (mapped `roleName`, usually `cn`).
        public var names: [String]
        /// Occupant DNs as written; ``occupants`` holds those that parse.
        public var occupantTexts: [String]
        /// Parsed occupant DNs, in the order of ``occupantTexts`` (nil where a DN does not parse).
        public var occupants: [DistinguishedName?]
    }

    /// Where a title key occurs.
    struct TitleUse: Sendable {
        /// Every spelling seen, in no particular order; ``preferredSpelling`` picks one the same way
        /// whatever order the source delivered entries in.
        var spellings: [String] = []
        var people: [Int] = []
        var roles: [Int] = []

        var preferredSpelling: String { spellings.min() ?? "" }
    }

    /// Where a snapshot's entries came from.
    public enum Origin: Sendable, Hashable {
        /// An LDIF export (its path, or `<stdin>`).
        case ldif(path: String)
        /// A directory server (the URI that answered) and the search base.
        case ldap(uri: String, base: String)
    }

    /// Where the entries came from; nil for a snapshot built by hand.
    public internal(set) var origin: Origin?
    /// Every person, in source order.
    public internal(set) var people: [Person] = []
    /// Every role entry, in source order.
    public internal(set) var roles: [Role] = []
    /// Problems found while building that did not stop it (bad UTF-8, unparsable occupant DNs).
    public internal(set) var warnings: [SnapshotWarning] = []
    /// How many entries the source delivered in all.
    public internal(set) var entryCount = 0
    /// The mapping the snapshot was built with.
    public let mapping: AttributeMapping
    /// The account-state rules whose attributes the snapshot kept; resolvers use them by default.
    public let policy: AccountStatePolicy

    /// People named as role occupants, by normalised DN (filled when the snapshot is built).
    var occupantPeople: [String: Int] = [:]
    /// Where each title key occurs (filled when the snapshot is built, from ``spellings``).
    var titleUses: [TitleKey: TitleUse] = [:]
    /// Every distinct spelling of a title or role name, with its key and who carries it.
    var spellings: [Spelling] = []
    /// The position in ``spellings`` of each spelling, so a title is hashed once per entry.
    var spellingIndex: [String: Int] = [:]

    /// One spelling of a title as it occurs in the directory.
    struct Spelling: Sendable {
        var text: String
        var key: TitleKey
        var people: [Int] = []
        var roles: [Int] = []
    }
    /// Every distinct title, indexed for similar-title search.
    public internal(set) var titleIndex = SimilarTitleIndex(titles: [String]())

    init(mapping: AttributeMapping, policy: AccountStatePolicy) {
        self.mapping = mapping
        self.policy = policy
    }

    /// Every distinct title in the directory (person titles and role names), one spelling each.
    public var distinctTitles: [String] { titleUses.values.map(\.preferredSpelling).sorted() }

    /// The identity key of a title, from the cache when the directory has that spelling.
    func key(of title: String) -> TitleKey {
        spellingIndex[title].map { spellings[$0].key } ?? NormalizedTitle(title).key
    }
}
