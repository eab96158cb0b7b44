import RoleCall

/// Plain text for people at a terminal.
enum TextOutput {
    static func lookup(_ results: [LookupResult]) -> String {
        var text = ""
        for result in results {
            text += "\(result.query): \(describe(result))\n"
            for holder in result.holders { text += "  ✓ \(line(holder))\n" }
            for holder in result.inactiveHolders { text += "  ✗ \(line(holder)) — \(holder.reason.map { "\($0)" } ?? "inactive")\n" }
            if !result.similar.isEmpty {
                text += result.status == .notFound ? "  did you mean:\n" : "  not to be confused with:\n"
            }
            for similar in result.similar {
                let holders = similar.holders.map { $0.name ?? $0.dn }.joined(separator: ", ")
                text += "    ≈ \(similar.title) — \(similar.reason)\(holders.isEmpty ? "" : " — held by \(holders)")\n"
            }
        }
        return text
    }

    private static func describe(_ result: LookupResult) -> String {
        let active = result.holders.count
        switch result.status {
        case .resolved: return "resolved"
        case .ambiguous: return "AMBIGUOUS — \(active) active holders, \(result.expectedHolders) expected"
        case .incomplete: return "INCOMPLETE — \(active) of \(result.expectedHolders) holders active"
        case .vacant: return "VACANT — no active holder"
        case .notFound: return "NOT FOUND — no entry has this title"
        }
    }

    private static func line(_ holder: Holder) -> String {
        let name = holder.name ?? "(no entry)"
        let mail = holder.mail.map { " <\($0)>" } ?? ""
        let via = holder.via == .roleOccupant ? ", role occupant" : ""
        return "\(name)\(mail)  \(holder.dn)\(via)"
    }
}
