import ArgumentParser
import Foundation
import RoleCall

/// Where recipient checks are kept as evidence (`verify`, `serve`).
struct EvidenceOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Append each recipient check to this JSON Lines file, chained by SHA-256 ('rolecall evidence verify' checks it).",
            valueName: "file"
        )
    )
    var evidence: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Seal each evidence record with an HMAC under the key in this file.", valueName: "file")
    )
    var evidenceKey: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Roll the evidence file into a segment (FILE.<when>) once its first record is older than this many days.",
            valueName: "days"
        )
    )
    var evidenceKeep: Int?

    func validate() throws {
        if evidenceKey != nil || evidenceKeep != nil, evidence == nil {
            throw ValidationError("--evidence-key and --evidence-keep are for an evidence file: add --evidence FILE")
        }
        if let evidenceKeep, evidenceKeep < 1 {
            throw ValidationError("--evidence-keep takes a number of days, 1 or more")
        }
    }

    /// The log, when one is asked for.
    func log() throws(RoleCallError) -> EvidenceLog? {
        try evidence.map { (path) throws(RoleCallError) in
            try EvidenceLog(path: path, keyFile: evidenceKey, keep: evidenceKeep.map { TimeInterval($0) * 86_400 })
        }
    }

    /// The account running this process, for the record's `by`.
    static var account: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(geteuid())"
    }
}
