import Foundation
import Directory
import TitleMatching

/// Checks a distribution list against an access list before anything is sent.
///
/// Each recipient gets a ``Verdict``: `authorised` only when they actively hold a listed role whose
/// holders the list covers. Nothing is authorised by guesswork: a recipient matching several
/// entries, or holding a listed role that has more holders than the list expects, is `ambiguous`.
/// Listed roles no authorised recipient holds are ``uncovered``.
public struct RecipientCheck: Sendable {
    /// A recipient's verdict.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// An active holder of a listed role the list covers.
        case authorised
        /// In the directory, but holds no listed role or the account is inactive.
        case unauthorised
        /// Cannot be decided without a person: see ``Reason-swift.enum``.
        case ambiguous
        /// Not in the directory.
        case unknown
    }

    /// Why a recipient got their status.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// Actively holds a listed role (``Verdict/roles``).
        case holdsListedRole
        /// Holds no listed role.
        case holdsNoListedRole
        /// Holds a listed role (``Verdict/inactiveRole``) but the account is inactive.
        case inactive
        /// The recipient matches more than one directory entry (``Verdict/candidates``).
        case matchesSeveralEntries
        /// Holds listed roles (``Verdict/roles``) that have more holders than the list expects.
        case roleHasMoreHolders
        /// No directory entry matches the recipient.
        case notInDirectory
        /// A distribution group none of whose members RoleCall can read: it lists none, or only
        /// itself through nested groups, or computes them from a URL (`groupOfURLs`). The server
        /// may also hide a group's members from this bind; who it reaches must be checked by a person.
        case groupWithoutMembers
        /// A group nested more than ``RecipientCheck/maximumGroupDepth`` groups deep inside the
        /// recipient (``Verdict/address`` names it): RoleCall does not follow it; who it reaches
        /// must be checked by a person.
        case groupTooDeep
        /// No entry of a snapshot file read from a server matches the recipient. Such a snapshot
        /// keeps people with a title and role occupants only (what a search for roles reads), so
        /// the recipient may exist without a role; ask the server to know.
        case notInSnapshot
    }

    /// One recipient's result.
    public struct Verdict: Sendable, Hashable {
        /// The recipient as written in the file ("Smith, Ann <asmith@dda.example>").
        public var recipient: String
        /// The address or identifier looked up; for a member of a distribution group, the member's
        /// mail address (or DN when it has none).
        public var address: String
        /// For a member of a distribution group: the groups it was reached through, outermost (the
        /// recipient as given) first, by mail address (or DN). Empty for a recipient named directly.
        public var groups: [String]
        /// The verdict.
        public var status: Status
        /// Why.
        public var reason: Reason
        /// The matching entry's DN, when exactly one entry matches.
        public var dn: String?
        /// The DNs of every matching entry, when several match.
        public var candidates: [String]
        /// The matching person's name and titles as written, when exactly one entry matches.
        public var name: String?
        /// The matching person's titles as written.
        public var titles: [String]
        /// The listed roles the recipient actively holds (for ``Reason-swift.enum/roleHasMoreHolders``,
        /// the over-held ones), as written in the list.
        public var roles: [String]
        /// For ``Reason-swift.enum/inactive``: the listed role held and why the account does not count.
        public var inactiveRole: String?
        /// For ``Reason-swift.enum/inactive``: why the account does not count.
        public var inactiveReason: InactiveReason?
        /// The listed role (as written in the list) the recipient's title could be mistaken for.
        public var nearestRole: String?
        /// How the recipient's title differs from ``nearestRole``.
        public var nearestRoleDifferences: [TitleDifference]

        init(recipient: String, address: String, status: Status, reason: Reason) {
            self.recipient = recipient
            self.address = address
            self.status = status
            self.reason = reason
            groups = []
            candidates = []
            titles = []
            roles = []
            nearestRoleDifferences = []
        }
    }

    /// The recipients' results, in file order.
    public let recipients: [Verdict]
    /// Listed roles that no authorised recipient holds, as written in the list (a role held only
    /// by an `ambiguous` recipient is uncovered too: nobody may receive material for it yet).
    public let uncovered: [String]

    /// How deep distribution groups are followed inside a recipient; real lists nest a few levels.
    public static let maximumGroupDepth = 32

    /// Whether every recipient is authorised.
    public var allAuthorised: Bool { recipients.allSatisfy { $0.status == .authorised } }

    /// Checks recipients given as mail addresses, uids, DNs, `sAMAccountName`s or `userPrincipalName`s.
    /// - Parameters:
    ///   - recipients: The distribution list, one address or identifier each.
    ///   - list: The access list.
    ///   - resolver: The directory and instant to resolve roles with.
    public init(recipients: [String], list: AccessList, resolver: Resolver) {
        self.init(
            recipients: recipients.map { Recipient(written: $0, address: $0.trimmingCharacters(in: .whitespaces)) },
            list: list,
            resolver: resolver
        )
    }

    /// Checks recipients as a distribution list names them (``RecipientList`` reads them).
    /// - Parameters:
    ///   - recipients: The distribution list.
    ///   - list: The access list.
    ///   - resolver: The directory and instant to resolve roles with.
    public init(recipients: [Recipient], list: AccessList, resolver: Resolver) {
        let results = resolver.resolveAll(list.roles.map(\.title))
        var held: [String: (covered: [String], overheld: [String])] = [:]
        var inactiveByHolder: [String: (role: String, reason: InactiveReason)] = [:]
        for (role, result) in zip(list.roles, results) {
            for holder in result.holders {
                let key = holder.identity
                if result.status == .ambiguous {
                    held[key, default: ([], [])].overheld.append(role.title)
                } else {
                    held[key, default: ([], [])].covered.append(role.title)
                }
            }
            for holder in result.inactiveHolders {
                if let reason = holder.reason {
                    inactiveByHolder[holder.identity] = (role.title, reason)
                }
            }
        }
        let directory = RecipientDirectory(resolver.snapshot)
        let unknownReason: Reason =
            resolver.snapshot.file != nil && resolver.snapshot.origin?.includesServer == true
            ? .notInSnapshot : .notInDirectory
        let judge = Judge(
            list: list,
            held: held,
            inactiveByHolder: inactiveByHolder,
            matcher: resolver.snapshot.titleIndex.matcher
        )
        self.recipients = recipients.flatMap { given in
            var walk = RecipientWalk(
                directory: directory,
                unknownReason: unknownReason,
                judge: judge,
                recipient: given.written
            )
            walk.walk(from: given.address)
            return walk.verdicts
        }
        let covered = Set(self.recipients.filter { $0.status == .authorised }.flatMap(\.roles))
        uncovered = list.roles.map(\.title).filter { !covered.contains($0) }
    }

    /// Gives one person their verdict from the roles they hold.
    private struct Judge {
        let list: AccessList
        let held: [String: (covered: [String], overheld: [String])]
        let inactiveByHolder: [String: (role: String, reason: InactiveReason)]
        let matcher: TitleMatcher

        func verdict(_ match: RecipientDirectory.Match, recipient: String, address: String) -> Verdict {
            let person = match.person
            var verdict = Verdict(
                recipient: recipient,
                address: address,
                status: .unauthorised,
                reason: .holdsNoListedRole
            )
            verdict.dn = person.dn
            verdict.name = person.name
            verdict.titles = person.titles
            // The person's entries in every merged source count; usually there is one.
            var roles: (covered: [String], overheld: [String])?
            for dn in match.dns {
                guard let more = held[dn] else { continue }
                var sum = roles ?? ([], [])
                sum.covered += more.covered.filter { !sum.covered.contains($0) }
                sum.overheld += more.overheld.filter { !sum.overheld.contains($0) }
                roles = sum
            }
            let inactive = match.dns.lazy.compactMap { inactiveByHolder[$0] }.first
            if let roles, !roles.covered.isEmpty {
                (verdict.status, verdict.reason, verdict.roles) = (.authorised, .holdsListedRole, roles.covered)
            } else if let roles {
                (verdict.status, verdict.reason, verdict.roles) = (.ambiguous, .roleHasMoreHolders, roles.overheld)
            } else if let inactive {
                verdict.reason = .inactive
                (verdict.inactiveRole, verdict.inactiveReason) = (inactive.role, inactive.reason)
            } else if let nearest = RecipientCheck.nearestRole(of: person, list: list, matcher: matcher) {
                (verdict.nearestRole, verdict.nearestRoleDifferences) = (nearest.role, nearest.differences)
            }
            return verdict
        }
    }

    /// Checks one recipient as given; a distribution group is walked breadth first, so that each
    /// member is checked once, by its shortest way through the groups, whatever order the server
    /// lists members in: a person who is a group's member directly and also through a nested group
    /// is shown as the group's own member. Nested groups are entered once (a group that contains
    /// itself, directly or not, is cut there) and at most ``RecipientCheck/maximumGroupDepth`` deep.
    private struct RecipientWalk {
        let directory: RecipientDirectory
        let unknownReason: Reason
        let judge: Judge
        let recipient: String
        private(set) var verdicts: [Verdict] = []
        private var visited: Set<String> = []
        /// The recipient as given, when it is a group.
        private var given: (group: DirectorySnapshot.Person, address: String)?

        init(directory: RecipientDirectory, unknownReason: Reason, judge: Judge, recipient: String) {
            self.directory = directory
            self.unknownReason = unknownReason
            self.judge = judge
            self.recipient = recipient
        }

        /// Judges the recipient as given and, when it is a group, every member it reaches.
        mutating func walk(from address: String) {
            var queue = [(address: address, groups: [String]())]
            var next = 0
            while next < queue.count {
                let (address, groups) = queue[next]
                next += 1
                queue += visit(address, groups: groups)
            }
            // A recipient that is a group reaching only itself still gets an answer.
            if let given, verdicts.isEmpty {
                append(group: given.group, address: given.address, reason: .groupWithoutMembers, [])
            }
        }

        /// Judges what `address` names, reached through `groups` (empty for the recipient as given),
        /// and returns the members to visit next when it is a group.
        private mutating func visit(_ address: String, groups: [String]) -> [(address: String, groups: [String])] {
            let people = directory.people(matching: address)
            guard let match = people.first else {
                guard groups.isEmpty || visited.insert(DistinguishedName.comparisonKey(address)).inserted else {
                    return []
                }
                append(Verdict(recipient: recipient, address: address, status: .unknown, reason: unknownReason), groups)
                return []
            }
            guard people.count == 1 else {
                var verdict = Verdict(
                    recipient: recipient,
                    address: address,
                    status: .ambiguous,
                    reason: .matchesSeveralEntries
                )
                verdict.candidates = people.map(\.person.dn)
                append(verdict, groups)
                return []
            }
            let person = match.person
            guard visited.insert(person.identity).inserted else { return [] }
            // A member is named by its own address; the recipient as given, as the list wrote it.
            let shown = groups.isEmpty ? address : person.mail ?? person.dn
            guard person.isGroup else {
                append(judge.verdict(match, recipient: recipient, address: shown), groups)
                return []
            }
            guard groups.count < RecipientCheck.maximumGroupDepth else {
                append(group: person, address: shown, reason: .groupTooDeep, groups)
                return []
            }
            // Members RoleCall cannot list reach people nobody has checked.
            if person.members.isEmpty || person.computesMembers {
                append(group: person, address: shown, reason: .groupWithoutMembers, groups)
            }
            if groups.isEmpty { given = (person, shown) }
            return person.members.map { ($0, groups + [shown]) }
        }

        private mutating func append(_ verdict: Verdict, _ groups: [String]) {
            var verdict = verdict
            verdict.groups = groups
            verdicts.append(verdict)
        }

        private mutating func append(
            group: DirectorySnapshot.Person,
            address: String,
            reason: Reason,
            _ groups: [String]
        ) {
            var verdict = Verdict(recipient: recipient, address: address, status: .ambiguous, reason: reason)
            (verdict.dn, verdict.name) = (group.dn, group.name)
            append(verdict, groups)
        }
    }

    /// The listed role most easily confused with one of the person's titles, and how they differ.
    fileprivate static func nearestRole(
        of person: DirectorySnapshot.Person,
        list: AccessList,
        matcher: TitleMatcher
    ) -> (role: String, differences: [TitleDifference])? {
        var best: (score: Double, role: String, differences: [TitleDifference])?
        for role in list.roles {
            for title in person.titles {
                guard let similarity = matcher.similarity(role.title, title), similarity.score > (best?.score ?? 0)
                else { continue }
                best = (similarity.score, role.title, similarity.differences)
            }
        }
        return best.map { ($0.role, $0.differences) }
    }
}

/// Finds people by any of the ways a distribution list names them.
struct RecipientDirectory {
    /// One person a recipient names: the entry shown, and the identities of every entry that is this
    /// person (more than one only when merged sources hold the same address).
    struct Match {
        var person: DirectorySnapshot.Person
        var dns: [String]
    }

    private let snapshot: DirectorySnapshot
    /// Every person an identifier names, in source order, each once.
    private var byIdentifier: [String: [Int]] = [:]

    init(_ snapshot: DirectorySnapshot) {
        self.snapshot = snapshot
        let tables = snapshot.tables
        for index in snapshot.people.indices {
            let identifiers = tables.identifiers(ofPerson: index).flatMap(AttributeMapping.identifierForms)
            let dn = DistinguishedName.comparisonKey(tables.dn(ofPerson: index))
            for identifier in [tables.mail(ofPerson: index), tables.uid(ofPerson: index)].compactMap({ $0 })
                + identifiers + [dn]
            {
                let key = identifier.lowercased()
                if byIdentifier[key]?.last != index { byIdentifier[key, default: []].append(index) }
            }
        }
    }

    /// The people `address` names: none, one, or several when identifiers are shared.
    func people(matching address: String) -> [Match] {
        var indices = byIdentifier[address.lowercased()] ?? []
        if address.contains("="), let normalized = DistinguishedName.normalize(address),
            let byDN = byIdentifier[normalized]
        {
            indices = byDN
        }
        // Entries of one source that share a DN (a source listing one entry twice) are one person.
        var seen: Set<String> = []
        let entries = indices.map { ($0, snapshot.people[$0]) }.filter { seen.insert($0.1.identity).inserted }
        guard entries.contains(where: { $0.1.source != nil }) else {
            return entries.map { Match(person: $0.1, dns: [$0.1.identity]) }
        }
        // Merged sources: the same person's entries in other sources, found by their address.
        // People are numbered in the order sources were read.
        var everyEntry = entries
        for mail in Set(entries.compactMap { $0.1.mail?.lowercased() }) {
            for index in byIdentifier[mail] ?? [] {
                let person = snapshot.people[index]
                if person.mail?.lowercased() == mail, seen.insert(person.identity).inserted {
                    everyEntry.append((index, person))
                }
            }
        }
        let named = Set(entries.map(\.1.identity))
        return SamePerson.group(everyEntry.sorted { $0.0 < $1.0 }.map(\.1), mail: \.mail, source: \.source)
            .filter { $0.contains { named.contains($0.identity) } }
            .map { Match(person: $0[0], dns: $0.map(\.identity)) }
    }
}
