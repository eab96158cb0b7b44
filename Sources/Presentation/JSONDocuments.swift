public import RoleCall

public import Foundation

/// The JSON contract of DESIGN.md, schema version 2: every document starts with
/// `schemaVersion` and `asOf`, keys in a fixed order so documents are byte-stable.
public enum JSONDocuments {
    /// The schema version these documents follow.
    public static let schemaVersion = 2

    /// `rolecall lookup --format json`.
    public static func lookup(_ results: [LookupResult], asOf: Date) -> String {
        document(asOf: asOf, [("results", .array(results.map(json)))])
    }

    /// `rolecall verify --format json`.
    public static func verify(_ check: RecipientCheck, asOf: Date) -> String {
        document(
            asOf: asOf,
            [
                ("recipients", .array(check.recipients.map(json))),
                ("uncovered", .array(check.uncovered.map(JSONValue.string))),
            ]
        )
    }

    /// `rolecall report --format json`.
    public static func report(_ report: StaleRoleReport, asOf: Date) -> String {
        document(
            asOf: asOf,
            [("results", .array(report.results.map(json))), ("findings", .array(report.findings.map(json)))]
        )
    }

    static func document(asOf: Date, _ members: [(String, JSONValue)]) -> String {
        JSONValue.object([("schemaVersion", .int(schemaVersion)), ("asOf", .string(instant(asOf)))] + members)
            .serialized()
    }

    /// ISO 8601 with an offset (UTC, `Z`), whole seconds.
    public static func instant(_ date: Date) -> String { Instant.text(date) }

    static func json(_ result: LookupResult) -> JSONValue {
        .object([
            ("query", .string(result.query)),
            ("status", .string(result.status.rawValue)),
            ("expectedHolders", .int(result.expectedHolders)),
            ("holders", .array(result.holders.map(json))),
            ("inactiveHolders", .array(result.inactiveHolders.map(json))),
            ("similar", .array(result.similar.map(json))),
        ])
    }

    static func json(_ holder: Holder) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("dn", .string(holder.dn)),
            ("name", .string(holder.name)),
            ("mail", .string(holder.mail)),
            ("title", .string(holder.title)),
            ("via", .string(holder.via.rawValue)),
        ]
        if let reason = holder.reason { members.append(("reason", .string(reason.rawValue))) }
        if let source = holder.source { members.append(("source", .string(source))) }
        return .object(members)
    }

    static func json(_ similar: SimilarTitle) -> JSONValue {
        .object([
            ("title", .string(similar.title)),
            ("score", .double(similar.score)),
            ("reason", .string(Wording.reason(similar))),
            ("differences", json(similar.differences)),
            ("holders", .array(similar.holders.map(json))),
        ])
    }

    static func json(_ differences: [TitleDifference]) -> JSONValue {
        .array(
            differences.map { difference in
                .object([
                    ("kind", .string(difference.kind.rawValue)),
                    ("detail", .string(DifferenceWording.detail(difference))),
                    ("words", .array(difference.words.map(JSONValue.string))),
                    ("insteadOf", .array(difference.insteadOf.map(JSONValue.string))),
                ])
            }
        )
    }

    static func json(_ verdict: RecipientCheck.Verdict) -> JSONValue {
        .object([
            ("recipient", .string(verdict.recipient)),
            ("address", .string(verdict.address)),
            ("groups", .array(verdict.groups.map(JSONValue.string))),
            ("status", .string(verdict.status.rawValue)),
            ("reason", .string(verdict.reason.rawValue)),
            ("message", .string(Wording.message(verdict))),
            ("dn", .string(verdict.dn)),
            ("candidates", .array(verdict.candidates.map(JSONValue.string))),
            ("roles", .array(verdict.roles.map(JSONValue.string))),
            ("nearestRole", .string(verdict.nearestRole)),
            ("nearestRoleDifferences", json(verdict.nearestRoleDifferences)),
        ])
    }

    static func json(_ finding: Finding) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("kind", .string(finding.kind.rawValue)),
            ("severity", .string(finding.severity.rawValue)),
            ("role", .string(finding.role)),
            ("message", .string(Wording.message(finding))),
        ]
        let holders = { (name: String, holders: [Holder]) in members.append((name, .array(holders.map(json)))) }
        switch finding.kind {
        case .vacant: holders("inactiveHolders", finding.inactiveHolders)
        case .notFound: members.append(("similar", finding.similar.map(json) ?? .null))
        case .multipleHolders, .incomplete:
            members.append(("expectedHolders", .int(finding.expectedHolders)))
            holders("holders", finding.holders)
        case .inactiveHolder, .danglingOccupant: members.append(("holder", finding.holder.map(json) ?? .null))
        case .holderChanged:
            holders("joined", finding.joined)
            holders("left", finding.left)
            holders("holders", finding.holders)
        case .titleGone:
            holders("lastHolders", finding.lastHolders)
            members.append(("similar", finding.similar.map(json) ?? .null))
        case .confusable: members.append(("similar", finding.similar.map(json) ?? .null))
        }
        return .object(members)
    }
}
