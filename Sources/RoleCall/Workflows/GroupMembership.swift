import Directory
public import Foundation

/// The members of a directory group, for pages limited to them (`rolecall serve --allow-group DN`):
/// the names each member signs in with that the directory holds — `mail`, `uid` and identifiers
/// such as `userPrincipalName` — compared without regard to case; nothing is guessed from a part
/// of a name. A member whose account the snapshot's rules find inactive (disabled, expired) at the
/// instant asked about is not admitted. Worked out once per snapshot: one pass over the entries,
/// then the group's members breadth first, nested groups entered once each and at most
/// ``RecipientCheck/maximumGroupDepth`` deep.
public struct GroupMembership: Sendable {
    /// Why the members cannot be told.
    public enum Problem: Sendable, Hashable {
        /// No entry has the group's DN, or the entry is not a group.
        case noSuchGroup
        /// The server computes some of the members (`groupOfURLs`): RoleCall cannot list them.
        case membersUnknown
    }

    /// The group's DN as given.
    public let group: String
    /// Why the members cannot be told; nil when they can.
    public let problem: Problem?
    /// The members' entries by each of their names, lower-cased.
    private let names: [String: [Int]]
    /// The directory the members are in.
    private let snapshot: DirectorySnapshot

    /// Works out the members of `group` in `snapshot`.
    /// - Parameters:
    ///   - group: The group's DN.
    ///   - snapshot: The directory.
    public init(group: String, in snapshot: DirectorySnapshot) {
        (self.group, self.snapshot) = (group, snapshot)
        var byDN: [String: Int] = [:]
        // The first entry with a DN wins, as merged sources are read in order.
        for index in snapshot.people.indices where byDN[snapshot.people[index].normalizedDN] == nil {
            byDN[snapshot.people[index].normalizedDN] = index
        }
        guard let start = byDN[DistinguishedName.comparisonKey(group)], snapshot.people[start].isGroup else {
            (problem, names) = (.noSuchGroup, [:])
            return
        }
        var names: [String: [Int]] = [:]
        var visited: Set<Int> = [start]
        var level = [start]
        var depth = 0
        while !level.isEmpty, depth <= RecipientCheck.maximumGroupDepth {
            var next: [Int] = []
            for index in level {
                let entry = snapshot.people[index]
                guard !entry.computesMembers else {
                    (problem, self.names) = (.membersUnknown, [:])
                    return
                }
                guard entry.isGroup else {
                    let written =
                        [entry.mail, entry.uid].compactMap { $0 }
                        + entry.identifiers.flatMap(AttributeMapping.identifierForms)
                    for name in Set(written.map { $0.lowercased() }) { names[name, default: []].append(index) }
                    continue
                }
                for member in entry.members {
                    guard let reached = byDN[DistinguishedName.comparisonKey(member)], visited.insert(reached).inserted
                    else { continue }
                    next.append(reached)
                }
            }
            (level, depth) = (next, depth + 1)
        }
        (problem, self.names) = (nil, names)
    }

    /// Whether `name` (as a sign-in proxy gives it) is an active member's.
    /// - Parameters:
    ///   - name: The signed-in user's name.
    ///   - asOf: The instant account state is evaluated at.
    /// - Returns: True when the name is a member's whose account is active then.
    public func admits(_ name: String, asOf: Date) -> Bool {
        guard problem == nil, let entries = names[name.lowercased()] else { return false }
        return entries.contains { snapshot.people[$0].inactiveReason(under: snapshot.policy, asOf: asOf) == nil }
    }
}
