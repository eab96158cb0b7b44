public import RoleCall

public import Foundation

/// The JSON contract of DESIGN.md, schema version 2: every document starts with
/// `schemaVersion` and `asOf`, keys in a fixed order so documents are byte-stable. Documents are
/// written as they are made (a lookup lists hundreds of holders), with no tree of values.
public enum JSONDocuments {
    /// The schema version these documents follow.
    public static let schemaVersion = 2

    /// `rolecall lookup --format json`.
    public static func lookup(_ results: [LookupResult], asOf: Date) -> String {
        document(asOf: asOf) { document in
            document.key("results")
            document.array(results, write)
        }
    }

    /// `rolecall verify --format json`.
    public static func verify(_ check: RecipientCheck, asOf: Date) -> String {
        document(asOf: asOf) { document in
            document.key("recipients")
            document.array(check.recipients, write)
            document.key("uncovered")
            document.array(check.uncovered)
        }
    }

    /// `rolecall report --format json`.
    public static func report(_ report: StaleRoleReport, asOf: Date) -> String {
        document(asOf: asOf) { document in
            document.key("results")
            document.array(report.results, write)
            document.key("findings")
            document.array(report.findings, write)
        }
    }

    /// An object of `schemaVersion`, `asOf` and the members `body` writes, pretty-printed.
    static func document(asOf: Date, _ body: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter(capacity: 16_384)
        writer.object { document in
            document.member("schemaVersion", schemaVersion)
            document.member("asOf", instant(asOf))
            body(&document)
        }
        return writer.text()
    }

    /// ISO 8601 with an offset (UTC, `Z`), whole seconds.
    public static func instant(_ date: Date) -> String { Instant.text(date) }

    static func write(_ writer: inout JSONWriter, _ result: LookupResult) {
        writer.object { object in
            object.member("query", result.query)
            object.member("status", result.status.rawValue)
            object.member("expectedHolders", result.expectedHolders)
            object.key("holders")
            object.array(result.holders, write)
            object.key("inactiveHolders")
            object.array(result.inactiveHolders, write)
            object.key("similar")
            object.array(result.similar, write)
        }
    }

    static func write(_ writer: inout JSONWriter, _ holder: Holder) {
        writer.object { object in
            object.member("dn", holder.dn)
            object.member("name", holder.name)
            object.member("mail", holder.mail)
            object.member("title", holder.title)
            object.member("via", holder.via.rawValue)
            if let reason = holder.reason { object.member("reason", reason.rawValue) }
            if let source = holder.source { object.member("source", source) }
        }
    }

    static func write(_ writer: inout JSONWriter, _ similar: SimilarTitle) {
        writer.object { object in
            object.member("title", similar.title)
            object.key("score")
            object.double(similar.score)
            object.member("reason", Wording.reason(similar))
            object.key("differences")
            write(&object, similar.differences)
            object.key("holders")
            object.array(similar.holders, write)
        }
    }

    static func write(_ writer: inout JSONWriter, _ differences: [TitleDifference]) {
        writer.array(differences) { array, difference in
            array.object { object in
                object.member("kind", difference.kind.rawValue)
                object.member("detail", DifferenceWording.detail(difference))
                object.key("words")
                object.array(difference.words)
                object.key("insteadOf")
                object.array(difference.insteadOf)
            }
        }
    }

    static func write(_ writer: inout JSONWriter, _ verdict: RecipientCheck.Verdict) {
        writer.object { object in
            object.member("recipient", verdict.recipient)
            object.member("address", verdict.address)
            object.key("groups")
            object.array(verdict.groups)
            object.member("status", verdict.status.rawValue)
            object.member("reason", verdict.reason.rawValue)
            object.member("message", Wording.message(verdict))
            object.member("dn", verdict.dn)
            object.key("candidates")
            object.array(verdict.candidates)
            object.key("roles")
            object.array(verdict.roles)
            object.member("nearestRole", verdict.nearestRole)
            object.key("nearestRoleDifferences")
            write(&object, verdict.nearestRoleDifferences)
        }
    }

    static func write(_ writer: inout JSONWriter, _ finding: Finding) {
        writer.object { object in
            object.member("kind", finding.kind.rawValue)
            object.member("severity", finding.severity.rawValue)
            object.member("role", finding.role)
            object.member("message", Wording.message(finding))
            let holders = { (object: inout JSONWriter, name: String, holders: [Holder]) in
                object.key(name)
                object.array(holders, write)
            }
            let similar = { (object: inout JSONWriter) in
                object.key("similar")
                if let similar = finding.similar { write(&object, similar) } else { object.null() }
            }
            switch finding.kind {
            case .vacant: holders(&object, "inactiveHolders", finding.inactiveHolders)
            case .notFound, .confusable: similar(&object)
            case .multipleHolders, .incomplete:
                object.member("expectedHolders", finding.expectedHolders)
                holders(&object, "holders", finding.holders)
            case .inactiveHolder, .danglingOccupant:
                object.key("holder")
                if let holder = finding.holder { write(&object, holder) } else { object.null() }
            case .holderChanged:
                holders(&object, "joined", finding.joined)
                holders(&object, "left", finding.left)
                holders(&object, "holders", finding.holders)
            case .titleGone:
                holders(&object, "lastHolders", finding.lastHolders)
                similar(&object)
            }
        }
    }
}
