import Foundation
import RoleCall

/// Rows of cells rendered as CSV (RFC 4180) or a Markdown table.
struct Table {
    var header: [String]
    var rows: [[String]] = []

    func csv() -> String {
        ([header] + rows).map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    func markdown() -> String {
        let escape = { (cell: String) in
            cell.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        }
        var lines = [
            "| " + header.map(escape).joined(separator: " | ") + " |", "|" + header.map { _ in " --- |" }.joined(),
        ]
        lines += rows.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func csvField(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Lookup results: one row per holder, inactive holder or similar title.
    static func lookup(_ results: [LookupResult]) -> Table {
        var table = Table(header: [
            "query", "status", "expectedHolders", "item", "title", "dn", "name", "mail", "via", "reason", "score",
        ])
        for result in results {
            let lead = [result.query, result.status.rawValue, String(result.expectedHolders)]
            var items: [[String]] = []
            for holder in result.holders { items.append(["holder"] + cells(holder) + [""]) }
            for holder in result.inactiveHolders { items.append(["inactiveHolder"] + cells(holder) + [""]) }
            for similar in result.similar {
                items.append(["similar", similar.title, "", "", "", "", similar.reason, String(similar.score)])
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

    static func verify(_ check: RecipientCheck) -> Table {
        var table = Table(header: ["recipient", "status", "dn", "roles", "reason", "nearestRole"])
        for result in check.recipients {
            table.rows.append([
                result.recipient, result.status.rawValue, result.dn ?? "", result.roles.joined(separator: "; "),
                result.reason ?? "",
                result.nearestRole ?? "",
            ])
        }
        for role in check.uncovered {
            table.rows.append(["", "uncovered", "", role, "no recipient holds this listed role", ""])
        }
        return table
    }

    static func report(_ report: StaleRoleReport) -> Table {
        var table = Table(header: ["severity", "kind", "role", "message"])
        // Most severe first; list order within a severity.
        let ordered = Finding.Severity.allCases.reversed().flatMap { severity in
            report.findings.filter { $0.severity == severity }
        }
        table.rows = ordered.map { [$0.severity.rawValue, $0.kind.rawValue, $0.role, $0.message] }
        return table
    }
}
