public import RoleCall

extension Wording {
    /// Why a recipient got their verdict, for people.
    public static func message(_ verdict: RecipientCheck.Verdict) -> String {
        switch verdict.reason {
        case .holdsListedRole:
            return "holds \(quotedList(verdict.roles))"
        case .holdsNoListedRole:
            let titles = verdict.titles.isEmpty ? "has no title" : "is \(quotedList(verdict.titles))"
            return "holds no listed role (\(titles))"
        case .inactive:
            return
                "holds \"\(verdict.inactiveRole ?? "")\" but the account is \(verdict.inactiveReason?.rawValue ?? "inactive")"
        case .matchesSeveralEntries:
            return
                "matches \(verdict.candidates.count) directory entries (\(verdict.candidates.joined(separator: "; "))); "
                + "name the person by a unique address or DN"
        case .roleHasMoreHolders:
            return "holds \(quotedList(verdict.roles)), which has more holders than the list expects; "
                + "decide who should receive material"
        case .groupWithoutMembers:
            return "a distribution group with no members RoleCall can read (none listed, only nested "
                + "groups of its own, or computed by the server); check who it reaches"
        case .groupTooDeep:
            return "a distribution group nested more than \(RecipientCheck.maximumGroupDepth) groups deep; "
                + "RoleCall does not follow it further; check who it reaches"
        case .notInDirectory:
            return "not in the directory"
        case .notInSnapshot:
            return "not in the snapshot, which holds only people with a title and role occupants; check with the server"
        }
    }

    /// The recipient as given, and for a member of a distribution group the way it was reached
    /// ("Team <team@x> → ops@x → asmith@x").
    public static func recipient(_ verdict: RecipientCheck.Verdict) -> String {
        guard !verdict.groups.isEmpty else { return verdict.recipient }
        return ([verdict.recipient] + verdict.groups.dropFirst() + [verdict.address]).joined(separator: " → ")
    }

    /// The listed role a recipient's title could be mistaken for, with why ("Head of X (adds 'Deputy')").
    public static func nearestRole(_ verdict: RecipientCheck.Verdict) -> String? {
        verdict.nearestRole.map { "\($0) (\(DifferenceWording.reason(verdict.nearestRoleDifferences)))" }
    }

    static func quotedList(_ items: [String]) -> String { "\"" + items.joined(separator: "\", \"") + "\"" }
}
