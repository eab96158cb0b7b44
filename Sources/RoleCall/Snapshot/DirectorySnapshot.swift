public import Directory
public import Foundation
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
        /// For a distribution group: its members' DNs as written (mapped `groupMembers`).
        public var members: [String] = []
        /// Whether the entry is a group (a group object class, or members listed).
        public var isGroup = false
        /// Whether the server computes (some of) the group's members, which RoleCall cannot list
        /// (`groupOfURLs`, whose `memberURL` is a search).
        public var computesMembers = false
        /// The source the entry was read from, when several sources are merged (its path or URI).
        public var source: String?
        /// The entry's UUID as the server sent it for content synchronisation (RFC 4533), in
        /// lower-case hex; nil when the entry was not read that way.
        public var syncID: String?

        /// The DN in RFC 4514 normalised form (see `DistinguishedName.normalize`).
        public var normalizedDN: String { DistinguishedName.comparisonKey(dn) }

        /// Why the account is inactive at `asOf` under `policy`; nil when it is active.
        public func inactiveReason(under policy: AccountStatePolicy, asOf: Date) -> InactiveReason? {
            policy.inactiveReason(dn: dn, state: state, asOf: asOf)
        }

        /// What tells entries apart: the normalised DN, within its source when sources are merged
        /// (two sources may use one DN for different people).
        var identity: String { DirectorySnapshot.identity(dn: normalizedDN, source: source) }
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
        /// The entry's UUID from content synchronisation, as ``Person/syncID``.
        public var syncID: String?
    }

    /// The identity of an entry with a normalised DN from a source (nil when not merged).
    static func identity(dn normalizedDN: String, source: String?) -> String {
        source.map { "\($0)\u{0}\(normalizedDN)" } ?? normalizedDN
    }

    /// Object classes that make an entry a group, lower-cased: AD's `group`, `groupOfNames`,
    /// `groupOfUniqueNames`, and `groupOfURLs`, whose members a URL computes (RoleCall cannot list them).
    static let groupObjectClasses = ["group", "groupofnames", "groupofuniquenames", "groupofurls"]

    /// Object classes of groups whose members the server computes, lower-cased.
    static let computedGroupObjectClasses = ["groupofurls"]

    /// A `uniqueMember` value as a DN: its optional unique-identifier suffix (`#'0101'B`, RFC 4517
    /// Name and Optional UID) is dropped.
    static func uniqueMemberDN(_ value: String) -> String {
        guard value.hasSuffix("'B"), let mark = value.range(of: "#'", options: .backwards) else { return value }
        let bitsEnd = value.index(value.endIndex, offsetBy: -2)
        guard mark.upperBound <= bitsEnd, value[mark.upperBound..<bitsEnd].allSatisfy({ $0 == "0" || $0 == "1" })
        else { return value }
        return String(value[..<mark.lowerBound])
    }

    /// Where a title key occurs: a spelling of it and who carries it.
    struct TitleUse: Sendable {
        /// One spelling, picked the same way whatever order the source delivered entries in.
        var spelling: String
        var people: [Int]
        var roles: [Int]
    }

    /// Where a snapshot's entries came from.
    public indirect enum Origin: Sendable, Hashable {
        /// An LDIF export (its path, or `<stdin>`).
        case ldif(path: String)
        /// A directory server (the URI that answered) and the search base.
        case ldap(uri: String, base: String)
        /// Several sources merged, in the order read (see ``Person/source``).
        case merged([Origin])

        /// The label people read from this source carry when sources are merged: the LDIF's path
        /// or the server's URI.
        public var label: String {
            switch self {
            case .ldif(let path): path
            case .ldap(let uri, _): uri
            case .merged(let parts): parts.map(\.label).joined(separator: " + ")
            }
        }

        /// Whether any of the entries came from a directory server (whose snapshot keeps only
        /// people with a title, role occupants and recipients).
        public var includesServer: Bool {
            switch self {
            case .ldif: false
            case .ldap: true
            case .merged(let parts): parts.contains(where: \.includesServer)
            }
        }
    }

    /// Where the entries came from; nil for a snapshot built by hand.
    public internal(set) var origin: Origin?
    /// The snapshot file it was read from, if any.
    public internal(set) var file: String?
    /// The instant the snapshot reflects: when the directory read began, or an export's modification time.
    public internal(set) var reflects = Date()
    /// Where an incremental refresh starts from: set when the snapshot was read from a server by
    /// content synchronisation (``LDAPSource/synchronize(previous:mapping:policy:full:maximumDeletedShare:progress:)``).
    public internal(set) var syncState: SnapshotSyncState?
    /// Every person, in source order.
    public var people: People { People(tables: tables) }
    /// Every role entry, in source order.
    public var roles: Roles { Roles(tables: tables) }
    /// Problems found while building that did not stop it (bad UTF-8, unparsable occupant DNs).
    public var warnings: [SnapshotWarning] { tables.warnings }
    /// How many entries the source delivered in all.
    public internal(set) var entryCount: Int
    /// The mapping the snapshot was built with.
    public let mapping: AttributeMapping
    /// The account-state rules whose attributes the snapshot kept; resolvers use them by default.
    public let policy: AccountStatePolicy
    /// Every distinct title, indexed for similar-title search.
    public internal(set) var titleIndex: SimilarTitleIndex
    /// The columnar tables everything above is read from.
    let tables: SnapshotTables
    /// The holders of title keys listed lately (``listedHolders(of:)``), kept with the tables
    /// they were read from.
    let recentHolders = RecentAnswers<TitleKey, [ListedHolder]?>()

    init(
        tables: SnapshotTables,
        entryCount: Int,
        mapping: AttributeMapping,
        policy: AccountStatePolicy,
        titleIndex: SimilarTitleIndex
    ) {
        self.tables = tables
        self.entryCount = entryCount
        self.mapping = mapping
        self.policy = policy
        self.titleIndex = titleIndex
    }

    /// Every distinct title in the directory (person titles and role names), one spelling each.
    public var distinctTitles: [String] { tables.distinctTitles }

    /// The identity key of a title.
    func key(of title: String) -> TitleKey { NormalizedTitle(title).key }

    /// Where a title key occurs, if anywhere.
    func titleUse(_ key: TitleKey) -> TitleUse? { key.isEmpty ? nil : tables.titleUse(key) }

    /// The first person with a normalised DN that a role entry names as occupant.
    func occupant(_ normalizedDN: String) -> Int? { tables.occupant(normalizedDN) }

    /// Throws when a read found the snapshot's storage damaged; answers computed from it must be
    /// discarded. Only a snapshot read from a file can be damaged.
    /// - Throws: ``RoleCallError`` `snapshotDamaged`.
    public func checkIntact() throws(RoleCallError) {
        if let damage = tables.storage.damage {
            throw RoleCallError(.snapshotDamaged(path: file ?? "", table: damage.table.name))
        }
    }
}

extension DirectorySnapshot {
    /// The people of a snapshot, read from its tables when used.
    public struct People: RandomAccessCollection, Sendable {
        let tables: SnapshotTables
        public var startIndex: Int { 0 }
        public var endIndex: Int { tables.peopleCount }
        public subscript(position: Int) -> Person { tables.person(position) }

        /// The person at `position` with only the fields a holder shows and needs read (DN, name,
        /// mail, titles, account state, source); the others are left empty.
        func holderFields(_ position: Int) -> Person { tables.person(position, holderFieldsOnly: true) }
    }

    /// The role entries of a snapshot, read from its tables when used.
    public struct Roles: RandomAccessCollection, Sendable {
        let tables: SnapshotTables
        public var startIndex: Int { 0 }
        public var endIndex: Int { tables.roleCount }
        public subscript(position: Int) -> Role { tables.role(position) }
    }
}
