import Foundation
import Directory
import TitleMatching

/// Checks a distribution list against an access list before anything is sent.
///
/// Each recipient is `authorised` (an active holder of a listed role), `unauthorised` (in the
/// directory but holding no listed role, or inactive — with the listed role their title could be
/// mistaken for), or `unknown` (not in the directory). Listed roles no recipient holds are
/// `uncovered`.
public struct RecipientCheck: Sendable {
    /// A recipient's verdict.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case authorised, unauthorised, unknown
    }

    /// One recipient's result.
    public struct Result: Sendable, Hashable {
        /// The recipient as written in the file.
        public var recipient: String
        /// The verdict.
        public var status: Status
        /// The matching entry's DN, when there is one.
        public var dn: String?
        /// The listed roles the recipient actively holds.
        public var roles: [String]
        /// Why the recipient is not authorised.
        public var reason: String?
        /// A listed role the recipient's title could be mistaken for, with why.
        public var nearestRole: String?
    }

    /// The recipients' results, in file order.
    public let recipients: [Result]
    /// Listed roles that no authorised recipient holds, as written in the list.
    public let uncovered: [String]

    /// Whether every recipient is authorised.
    public var allAuthorised: Bool { recipients.allSatisfy { $0.status == .authorised } }

    /// Checks recipients (mail addresses, uids, DNs, `sAMAccountName`s or `userPrincipalName`s).
    /// - Parameters:
    ///   - recipients: The distribution list, one recipient each.
    ///   - list: The access list.
    ///   - resolver: The directory and instant to resolve roles with.
    public init(recipients: [String], list: AccessList, resolver: Resolver) {
        let results = list.roles.map { resolver.resolve($0.title) }
        var rolesByHolder: [String: [String]] = [:]
        var inactiveByHolder: [String: (role: String, reason: InactiveReason)] = [:]
        for (role, result) in zip(list.roles, results) {
            for holder in result.holders {
                rolesByHolder[DistinguishedName.comparisonKey(holder.dn), default: []].append(role.title)
            }
            for holder in result.inactiveHolders {
                if let reason = holder.reason {
                    inactiveByHolder[DistinguishedName.comparisonKey(holder.dn)] = (role.title, reason)
                }
            }
        }
        let directory = RecipientDirectory(resolver.snapshot)
        let matcher = resolver.snapshot.titleIndex.matcher
        var covered: Set<String> = []
        self.recipients = recipients.map { recipient in
            guard let person = directory.person(recipient) else {
                return Result(
                    recipient: recipient,
                    status: .unknown,
                    dn: nil,
                    roles: [],
                    reason: "not in the directory",
                    nearestRole: nil
                )
            }
            let key = DistinguishedName.comparisonKey(person.dn)
            if let roles = rolesByHolder[key] {
                covered.formUnion(roles)
                return Result(
                    recipient: recipient,
                    status: .authorised,
                    dn: person.dn,
                    roles: roles,
                    reason: nil,
                    nearestRole: nil
                )
            }
            if let inactive = inactiveByHolder[key] {
                return Result(
                    recipient: recipient,
                    status: .unauthorised,
                    dn: person.dn,
                    roles: [],
                    reason: "holds \"\(inactive.role)\" but the account is \(inactive.reason.rawValue)",
                    nearestRole: nil
                )
            }
            let nearest = Self.nearestRole(of: person, list: list, matcher: matcher)
            let titles = person.titles.isEmpty ? "has no title" : "is \"\(person.titles.joined(separator: "\", \""))\""
            return Result(
                recipient: recipient,
                status: .unauthorised,
                dn: person.dn,
                roles: [],
                reason: "holds no listed role (\(titles))",
                nearestRole: nearest
            )
        }
        uncovered = list.roles.map(\.title).filter { !covered.contains($0) }
    }

    /// The listed role most easily confused with one of the person's titles, and why.
    private static func nearestRole(
        of person: DirectorySnapshot.Person,
        list: AccessList,
        matcher: TitleMatcher
    ) -> String? {
        var best: (score: Double, text: String)?
        for role in list.roles {
            for title in person.titles {
                guard let similarity = matcher.similarity(role.title, title), similarity.score > (best?.score ?? 0)
                else { continue }
                best = (similarity.score, "\(role.title) (\(similarity.reason))")
            }
        }
        return best?.text
    }

}

/// Finds people by any of the ways a distribution list names them.
struct RecipientDirectory {
    private let snapshot: DirectorySnapshot
    private var byIdentifier: [String: Int] = [:]

    init(_ snapshot: DirectorySnapshot) {
        self.snapshot = snapshot
        for (index, person) in snapshot.people.enumerated() {
            let identifiers = person.identifiers.flatMap(AttributeMapping.identifierForms)
            for identifier in [person.mail, person.uid].compactMap({ $0 }) + identifiers + [person.normalizedDN] {
                byIdentifier[identifier.lowercased()] = byIdentifier[identifier.lowercased()] ?? index
            }
        }
    }

    func person(_ recipient: String) -> DirectorySnapshot.Person? {
        let trimmed = recipient.trimmingCharacters(in: .whitespaces)
        if trimmed.contains("="), let normalized = DistinguishedName.normalize(trimmed),
            let index = byIdentifier[normalized]
        {
            return snapshot.people[index]
        }
        return byIdentifier[trimmed.lowercased()].map { snapshot.people[$0] }
    }
}
