public import Foundation
public import RoleCall

/// Plain text for people at a terminal.
public enum TextOutput {
    /// The first line of every text output: the directory read and the instant it describes.
    public static func header(origin: DirectorySnapshot.Origin?, asOf: Date) -> String {
        let instant = JSONDocuments.instant(asOf)
        return origin.map { "Directory: \(source($0)), as of \(instant)\n" } ?? "As of \(instant)\n"
    }

    /// The first line of text output for a snapshot: its source, the snapshot file it was read from
    /// and the instant that file reflects, and the instant account state is evaluated at.
    public static func header(_ snapshot: DirectorySnapshot, asOf: Date) -> String {
        guard let file = snapshot.file else { return header(origin: snapshot.origin, asOf: asOf) }
        let origin = snapshot.origin.map { " of " + source($0) } ?? ""
        return
            "Directory: snapshot \(SafeText.shown(file))\(origin) reflecting \(JSONDocuments.instant(snapshot.reflects)), "
            + "as of \(JSONDocuments.instant(asOf))\n"
    }

    private static func source(_ origin: DirectorySnapshot.Origin) -> String {
        switch origin {
        case .ldif(let path): SafeText.shown(path)
        case .ldap(let uri, let base): "\(SafeText.shown(uri)) (\(SafeText.shown(base)))"
        case .merged(let parts): parts.map(source).joined(separator: " + ")
        }
    }

    /// `rolecall lookup`: each title's status, holders, inactive holders and near misses.
    public static func lookup(_ results: [LookupResult]) -> String {
        var text = ""
        for result in results {
            text += "\(SafeText.shown(result.query)): \(describe(result))\n"
            for holder in result.holders { text += "  ✓ \(line(holder))\n" }
            for holder in result.inactiveHolders {
                text += "  ✗ \(line(holder)) — \(holder.reason.map { "\($0)" } ?? "inactive")\n"
            }
            if !result.similar.isEmpty {
                text += result.status == .notFound ? "  did you mean:\n" : "  not to be confused with:\n"
            }
            for similar in result.similar {
                let holders = SafeText.shown(Wording.names(similar.holders))
                let reason = SafeText.shown(Wording.reason(similar))
                text +=
                    "    ≈ \(SafeText.shown(similar.title)) — \(reason)\(similar.holders.isEmpty ? "" : " — held by \(holders)")\n"
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
        let source = holder.source.map { ", from \(SafeText.shown($0))" } ?? ""
        return SafeText.shown("\(name)\(mail)  \(holder.dn)") + via + source
    }

    /// `rolecall verify`: a line per recipient, the uncovered roles, and the verdict.
    public static func verify(_ check: RecipientCheck) -> String {
        var text = ""
        for verdict in check.recipients {
            let recipient = SafeText.shown(Wording.recipient(verdict))
            switch verdict.status {
            case .authorised:
                let roles = SafeText.shown(verdict.roles.joined(separator: ", "))
                text += "✓ \(recipient) — authorised (\(roles))\n"
            case .unauthorised:
                text +=
                    "✗ \(recipient) — NOT AUTHORISED: \(SafeText.shown(Wording.message(verdict)))\n"
                if let nearest = Wording.nearestRole(verdict) {
                    text += "    their title could be mistaken for the listed role \(SafeText.shown(nearest))\n"
                }
            case .ambiguous:
                text +=
                    "? \(recipient) — AMBIGUOUS: \(SafeText.shown(Wording.message(verdict)))\n"
            case .unknown:
                text +=
                    "? \(recipient) — UNKNOWN: \(SafeText.shown(Wording.message(verdict)))\n"
            }
        }
        if !check.uncovered.isEmpty {
            text +=
                "Listed roles no authorised recipient holds: \(SafeText.shown(check.uncovered.joined(separator: "; ")))\n"
        }
        let bad = check.recipients.filter { $0.status != .authorised }.count
        text +=
            bad == 0
            ? "All \(check.recipients.count) recipients are authorised.\n"
            : "\(bad) of \(check.recipients.count) recipients must not receive this.\n"
        return text
    }

    /// `rolecall report`: findings grouped by severity, most severe first.
    public static func report(_ report: StaleRoleReport) -> String {
        guard !report.findings.isEmpty else {
            return "All \(report.results.count) listed roles are held as expected.\n"
        }
        var text = ""
        for severity in Finding.Severity.allCases.reversed() {
            let findings = report.findings.filter { $0.severity == severity }
            guard !findings.isEmpty else { continue }
            text += "\(severity.rawValue.uppercased())S (\(findings.count))\n"
            for finding in findings {
                text += "  [\(finding.kind.rawValue)] \(SafeText.shown(Wording.message(finding)))\n"
            }
        }
        return text
    }

    /// `rolecall report --format markdown`: a summary and the findings table.
    public static func reportMarkdown(
        _ report: StaleRoleReport,
        origin: DirectorySnapshot.Origin?,
        asOf: Date
    ) -> String {
        var text =
            "# Stale-role report\n\n"
            + Table.markdownCell(header(origin: origin, asOf: asOf).trimmingCharacters(in: .newlines)) + "\n\n"
        text += "\(report.results.count) listed roles, \(report.findings.count) findings.\n\n"
        let resolved = report.results.filter { $0.status == .resolved }.count
        text += "- resolved: \(resolved)\n- not resolved: \(report.results.count - resolved)\n\n"
        return text + Table.report(report).markdown()
    }
}
