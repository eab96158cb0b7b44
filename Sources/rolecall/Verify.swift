import ArgumentParser
import Foundation
import Presentation
import RoleCall

/// `rolecall verify LIST --recipients FILE`: the pre-send check.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that every recipient of a release holds a role on the access list.",
        discussion:
            "Exit status 0 when every recipient is authorised, 1 when any is not (or is unknown), 2 on bad input, 3 when the directory is unavailable."
    )

    @OptionGroup var list: ListOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Recipients as copied from a mail client (Name <address>; several a line, separated by ; or ,), a saved message (.eml, .msg), uids or DNs; - reads standard input.",
            valueName: "file"
        )
    )
    var recipients: String

    @Option(
        name: .long,
        help: ArgumentHelp("The release the check is for, as kept in the evidence file.", valueName: "text")
    )
    var release: String?

    @OptionGroup var evidence: EvidenceOptions
    @OptionGroup var source: SourceOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var matching: MatchingOptions

    func validate() throws {
        try source.validateSource()
        if evidence.evidence != nil, release?.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
            throw ValidationError("--evidence keeps what the check was for: add --release \"name of the release\"")
        }
        if recipients == "-" && source.ldif.contains("-") {
            throw ValidationError(
                "--recipients - and --ldif - cannot both read standard input; give one of them a file"
            )
        }
    }

    func run() async throws {
        let file = try source.configuration()
        try output.refuseOverwriting(
            source.inputFiles(file) + [
                (list.list, .accessList), (recipients, .recipients), (evidence.evidence, .evidence),
                (evidence.evidenceKey, .evidenceKey),
            ]
        )
        let accessList = try list.load()
        let recipientList =
            recipients == "-"
            ? try RecipientList.parse(Array(FileHandle.standardInput.readDataToEndOfFile()), source: "<stdin>")
            : try RecipientList.load(path: recipients)
        let snapshot = try await source.snapshot(file, recipients: recipientList.map(\.address))
        // One instant for the resolver and the document.
        let asOf = try source.instant(file)
        let resolver = Resolver(snapshot: snapshot, asOf: asOf, minimumSimilarity: matching.minScore)
        let check = RecipientCheck(recipients: recipientList, list: accessList, resolver: resolver)
        // A snapshot file damaged where this run read it gives no answer at all.
        try snapshot.checkIntact()
        if let log = try evidence.log() {
            try log.append(
                EvidenceRecord(
                    check: check,
                    list: accessList,
                    listName: ((list.list as NSString).lastPathComponent as NSString).deletingPathExtension,
                    resolver: resolver,
                    release: release ?? "",
                    by: EvidenceOptions.account
                )
            )
        }
        switch output.format {
        case .json: try output.emit(JSONDocuments.verify(check, asOf: asOf))
        case .text: try output.emit(TextOutput.header(snapshot, asOf: asOf) + TextOutput.verify(check))
        case .csv: try output.emit(Table.verify(check).csv())
        case .markdown: try output.emit(Table.verify(check).markdown())
        case .html: try output.emit(HTMLOutput.verify(check, origin: snapshot.origin, asOf: asOf))
        }
        if !check.allAuthorised { throw ExitCode(ExitStatus.findings) }
    }
}
