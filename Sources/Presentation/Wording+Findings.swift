public import RoleCall

extension Wording {
    /// A finding explained for a non-specialist.
    public static func message(_ finding: Finding) -> String {
        let role = finding.role
        switch finding.kind {
        case .notFound:
            return "No one in the directory has the title \"\(role)\". The role may have been renamed or abolished "
                + "in a reorganisation; update the access list."
                + (finding.similar.map {
                    " The closest title is \"\($0.title)\" (\(reason($0))), which is a different role."
                } ?? "")
        case .titleGone:
            return
                "\"\(role)\" was held by \(names(finding.lastHolders)) at the last run but no one in the directory has "
                + "this title now. The role may have been renamed or abolished; update the access list, and make sure "
                + "\(names(finding.lastHolders)) no longer receives material for it."
                + (finding.similar.map {
                    " The closest title is \"\($0.title)\" (\(reason($0))), which is a different role."
                }
                    ?? "")
        case .vacant:
            return "\"\(role)\" exists but has no active holder, so nobody should receive material for it."
        case .multipleHolders:
            let count = finding.holders.count
            return "\"\(role)\" is held by \(count) people (\(names(finding.holders))) but the list expects "
                + "\(finding.expectedHolders). Decide who should receive material, or add \"(x\(count))\" to the list."
        case .incomplete:
            return
                "\"\(role)\" should have \(finding.expectedHolders) holders but only \(finding.holders.count) are active "
                + "(\(names(finding.holders)))."
        case .danglingOccupant:
            let dn = finding.holder?.dn ?? ""
            return "The role entry for \"\(role)\" lists \(dn) as an occupant, but no such entry exists; "
                + "remove it from the role entry."
        case .inactiveHolder:
            let holder = finding.holder
            return "\(holder.map(name) ?? "") still has \"\(role)\" but the account is "
                + "\(holder?.reason?.rawValue ?? "inactive"); they do not count as a holder. Remove the title or the role occupancy."
        case .holderChanged:
            var changes: [String] = []
            if !finding.joined.isEmpty { changes.append("\(names(finding.joined)) joined") }
            if !finding.left.isEmpty { changes.append("\(names(finding.left)) left") }
            return
                "\"\(role)\" changed holders since the last run: \(changes.joined(separator: ", ")); it is now held by "
                + "\(names(finding.holders)). Check that a new holder should see pre-release material and that a "
                + "former one no longer receives it."
        case .confusable:
            guard let similar = finding.similar else { return "" }
            return "\"\(similar.title)\" (\(reason(similar))) could be mistaken for \"\(role)\"; make sure its holders "
                + "(\(similar.holders.isEmpty ? "none" : names(similar.holders))) do not receive material meant for \"\(role)\"."
        }
    }
}
