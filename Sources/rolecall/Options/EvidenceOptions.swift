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

    func validate() throws {
        if evidenceKey != nil, evidence == nil {
            throw ValidationError("--evidence-key seals an evidence file: add --evidence FILE")
        }
    }

    /// The log, when one is asked for.
    func log() throws(RoleCallError) -> EvidenceLog? {
        try evidence.map { (path) throws(RoleCallError) in try EvidenceLog(path: path, keyFile: evidenceKey) }
    }

    /// The account running this process, for the record's `by`.
    static var account: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(geteuid())"
    }
}
