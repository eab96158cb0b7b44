public import RoleCall

import Foundation

/// Rows of cells rendered as CSV (RFC 4180) or a Markdown table.
public struct Table: Sendable {
    /// The column names.
    public var header: [String]
    /// The rows, as many cells as ``header`` each.
    public var rows: [[String]] = []

    /// RFC 4180 CSV with CRLF line ends; a cell a spreadsheet would run as a formula starts with `'`.
    public func csv() -> String {
        ([header] + rows).map { $0.map { Self.csvField(SafeText.csvCell($0)) }.joined(separator: ",") }
            .joined(separator: "\r\n") + "\r\n"
    }

    /// A GitHub-flavoured Markdown table.
    public func markdown() -> String {
        let escape = Self.markdownCell
        var lines = [
            "| " + header.map(escape).joined(separator: " | ") + " |", "|" + header.map { _ in " --- |" }.joined(),
        ]
        lines += rows.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text for Markdown: control characters shown as escapes, `<`, `>`, `&` as entities (no HTML
    /// gets through), and the punctuation Markdown acts on behind a backslash (no links, emphasis
    /// or broken tables from directory values).
    public static func markdownCell(_ text: String) -> String { SafeText.shown(text, replacing: markdownEscapes) }

    private static let markdownEscapes: [Unicode.Scalar: String] = {
        var escapes: [Unicode.Scalar: String] = ["<": "&lt;", ">": "&gt;", "&": "&amp;"]
        for scalar in "\\|[]*_`#!".unicodeScalars { escapes[scalar] = "\\" + String(scalar) }
        return escapes
    }()

    private static func csvField(_ field: String) -> String {
        // `;` and tab too: spreadsheets in many locales split on them.
        guard field.unicodeScalars.contains(where: { ",\"\n\r;\t".unicodeScalars.contains($0) }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Lookup results: one row per holder, inactive holder or similar title.
    public static func lookup(_ results: [LookupResult]) -> Table {
        var table = Table(header: [
            "query", "status", "expectedHolders", "item", "title", "dn", "name", "mail", "via", "reason", "score",
        ])
        for result in results {
            let lead = [result.query, result.status.rawValue, String(result.expectedHolders)]
            var items: [[String]] = []
            for holder in result.holders { items.append(["holder"] + cells(holder) + [""]) }
            for holder in result.inactiveHolders { items.append(["inactiveHolder"] + cells(holder) + [""]) }
            for similar in result.similar {
                items.append(["similar", similar.title, "", "", "", "", Wording.reason(similar), String(similar.score)])
            }
            if items.isEmpty { items = [Array(repeating: "", count: 8)] }
            table.rows += items.map { lead + $0 }
        }
        return table
    }

    private static func cells(_ holder: Holder) -> [String] {
        [
            holder.title, holder.dn, holder.name ?? "", holder.mail ?? "", holder.via.rawValue,
            holder.reason.map { "\($0)" } ?? "",
        ]
    }

    /// Verify results: one row per recipient, then one per uncovered role.
    public static func verify(_ check: RecipientCheck) -> Table {
        var table = Table(header: [
            "recipient", "address", "status", "reason", "message", "dn", "roles", "nearestRole",
            "nearestRoleDifferences", "groups",
        ])
        for verdict in check.recipients {
            table.rows.append([
                verdict.recipient, verdict.address, verdict.status.rawValue, verdict.reason.rawValue,
                Wording.message(verdict), verdict.dn ?? verdict.candidates.joined(separator: "; "),
                verdict.roles.joined(separator: "; "), verdict.nearestRole ?? "",
                DifferenceWording.reason(verdict.nearestRoleDifferences), verdict.groups.joined(separator: " → "),
            ])
        }
        for role in check.uncovered {
            table.rows.append([
                "", "", "uncovered", "", "no authorised recipient holds this listed role", "", role, "", "", "",
            ])
        }
        return table
    }

    /// Report findings, most severe first.
    public static func report(_ report: StaleRoleReport) -> Table {
        var table = Table(header: ["severity", "kind", "role", "message"])
        // Most severe first; list order within a severity.
        let ordered = Finding.Severity.allCases.reversed().flatMap { severity in
            report.findings.filter { $0.severity == severity }
        }
        table.rows = ordered.map { [$0.severity.rawValue, $0.kind.rawValue, $0.role, Wording.message($0)] }
        return table
    }
}
