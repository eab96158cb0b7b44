public import Foundation
public import RoleCall

/// One self-contained HTML document per command, for people who read reports in mail: inline CSS,
/// no scripts, no external resources; headings and table headers for screen readers; a severity
/// or verdict is always written out, colour only repeats it.
public enum HTMLOutput {
    /// `rolecall lookup --format html`.
    public static func lookup(_ results: [LookupResult], origin: DirectorySnapshot.Origin?, asOf: Date) -> String {
        page(
            title: "RoleCall lookup",
            body: "<h1>Who holds these roles</h1>\n" + context(origin: origin, asOf: asOf) + lookupBody(results)
        )
    }

    /// The answers of a lookup, one section per title.
    static func lookupBody(_ results: [LookupResult]) -> String {
        var body = ""
        for result in results {
            body += "<h2>\(escape(result.query))</h2>\n<p class=\"\(result.status == .resolved ? "ok" : "error")\">"
            body += "<strong>\(escape(status(result)))</strong></p>\n"
            if !result.holders.isEmpty || !result.inactiveHolders.isEmpty {
                body += "<table>\n<tr><th scope=\"col\">Holder</th><th scope=\"col\">Mail</th>"
                body += "<th scope=\"col\">Counts?</th><th scope=\"col\">DN</th></tr>\n"
                for holder in result.holders { body += row(holder, counts: "yes") }
                for holder in result.inactiveHolders {
                    body += row(holder, counts: "no — \(holder.reason?.rawValue ?? "inactive")")
                }
                body += "</table>\n"
            }
            if !result.similar.isEmpty {
                body += "<p>\(result.status == .notFound ? "Did you mean" : "Not to be confused with"):</p>\n<ul>\n"
                for similar in result.similar {
                    let holders = Wording.names(similar.holders)
                    body += "<li><strong>\(escape(similar.title))</strong> — \(escape(Wording.reason(similar)))"
                    body += similar.holders.isEmpty ? "</li>\n" : " — held by \(escape(holders))</li>\n"
                }
                body += "</ul>\n"
            }
        }
        return body
    }

    /// `rolecall verify --format html`.
    public static func verify(_ check: RecipientCheck, origin: DirectorySnapshot.Origin?, asOf: Date) -> String {
        page(
            title: "RoleCall verify",
            body: "<h1>May this release be sent?</h1>\n" + context(origin: origin, asOf: asOf) + verifyBody(check)
        )
    }

    /// The overall verdict, then one row per recipient and the uncovered roles.
    static func verifyBody(_ check: RecipientCheck) -> String {
        let bad = check.recipients.filter { $0.status != .authorised }.count
        var body = ""
        body +=
            bad == 0
            ? "<p class=\"ok\"><strong>Yes: all \(check.recipients.count) recipients are authorised.</strong></p>\n"
            : "<p class=\"error\"><strong>No: \(bad) of \(check.recipients.count) recipients must not receive this.</strong></p>\n"
        body +=
            "<table>\n<tr><th scope=\"col\">Recipient</th><th scope=\"col\">Verdict</th><th scope=\"col\">Why</th></tr>\n"
        for verdict in check.recipients {
            let kind = verdict.status == .authorised ? "ok" : "error"
            var why = Wording.message(verdict)
            if let nearest = Wording.nearestRole(verdict) {
                why += "; their title could be mistaken for the listed role \(nearest)"
            }
            body += "<tr><td>\(escape(Wording.recipient(verdict)))</td><td class=\"\(kind) nowrap\"><strong>"
            body += "\(verdict.status.rawValue.uppercased())</strong></td><td>\(escape(why))</td></tr>\n"
        }
        body += "</table>\n"
        if !check.uncovered.isEmpty {
            body += "<p>Listed roles no authorised recipient holds:</p>\n<ul>\n"
            body += check.uncovered.map { "<li>\(escape($0))</li>\n" }.joined() + "</ul>\n"
        }
        return body
    }

    /// `rolecall report --format html`: findings grouped by severity, most severe first.
    public static func report(_ report: StaleRoleReport, origin: DirectorySnapshot.Origin?, asOf: Date) -> String {
        page(
            title: "RoleCall stale-role report",
            body: "<h1>Stale-role report</h1>\n" + context(origin: origin, asOf: asOf) + reportBody(report)
        )
    }

    /// The findings of a report, grouped by severity, most severe first.
    static func reportBody(_ report: StaleRoleReport) -> String {
        var body = ""
        let resolved = report.results.filter { $0.status == .resolved }.count
        body += "<p>\(report.results.count) listed roles: \(resolved) held as expected, "
        body += "\(report.results.count - resolved) not; \(report.findings.count) findings.</p>\n"
        for severity in Finding.Severity.allCases.reversed() {
            let findings = report.findings.filter { $0.severity == severity }
            guard !findings.isEmpty else { continue }
            let label =
                switch severity {
                case .error: "Errors"
                case .warning: "Warnings"
                case .info: "For information"
                }
            body += "<h2 class=\"\(severity.rawValue)\">\(label) (\(findings.count))</h2>\n<table>\n"
            body += "<tr><th scope=\"col\">Severity</th><th scope=\"col\">Listed role and finding</th></tr>\n"
            for finding in findings {
                body +=
                    "<tr><td class=\"\(severity.rawValue) nowrap\"><strong>\(severity.rawValue.uppercased())</strong></td>"
                body += "<td><strong>\(escape(finding.role))</strong> (\(finding.kind.rawValue))<br>"
                body += "\(escape(Wording.message(finding)))</td></tr>\n"
            }
            body += "</table>\n"
        }
        if report.findings.isEmpty {
            body += "<p class=\"ok\"><strong>Every listed role is held as expected.</strong></p>\n"
        }
        return body
    }

    // MARK: parts

    static func context(origin: DirectorySnapshot.Origin?, asOf: Date) -> String {
        "<p class=\"context\">"
            + escape(TextOutput.header(origin: origin, asOf: asOf).trimmingCharacters(in: .newlines))
            + "</p>\n"
    }

    private static func status(_ result: LookupResult) -> String {
        let active = result.holders.count
        switch result.status {
        case .resolved: return "Resolved: \(active) active holder\(active == 1 ? "" : "s")"
        case .ambiguous: return "AMBIGUOUS: \(active) active holders, \(result.expectedHolders) expected"
        case .incomplete: return "INCOMPLETE: \(active) of \(result.expectedHolders) holders active"
        case .vacant: return "VACANT: no active holder"
        case .notFound: return "NOT FOUND: no entry has this title"
        }
    }

    private static func row(_ holder: Holder, counts: String) -> String {
        "<tr><td>\(escape(holder.name ?? "(no entry)"))</td><td>\(escape(holder.mail ?? ""))</td>"
            + "<td>\(escape(counts))</td><td>\(escape(holder.dn))</td></tr>\n"
    }

    private static func page(title: String, body: String) -> String {
        document(title: title, head: "<style>\n\(stylesheet)</style>", body: body)
    }

    /// An HTML document in British English with a viewport for phones; `head` adds the styles.
    static func document(title: String, head: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        \(head)
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// The documents' CSS: inline in mail, served as a file by the web page.
    static let stylesheet = """
        body { font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.4; color: #1b1b1b; max-width: 60em; margin: 1em; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.5em; }
        table { border-collapse: collapse; width: 100%; margin: 0.5em 0; }
        th, td { border: 1px solid #b1b4b6; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
        th { background: #f3f2f1; }
        .context { color: #505a5f; } .nowrap { white-space: nowrap; }
        .error { color: #b10e1e; } .warning { color: #8a4b00; } .info { color: #1d70b8; } .ok { color: #00703c; }

        """

    /// Text for HTML: markup characters as entities, control characters as visible escapes.
    static func escape(_ text: String) -> String { SafeText.shown(text, replacing: entities) }

    private static let entities: [Unicode.Scalar: String] = [
        "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;",
    ]
}
