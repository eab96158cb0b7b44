import ArgumentParser
import Foundation
import Presentation
import RoleCall

/// `rolecall evidence verify FILE`: is the evidence file as written?
struct EvidenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Check an evidence file written by verify --evidence or serve --evidence.",
        subcommands: [Check.self]
    )

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check every record's chain (and seal, with --evidence-key); print the count and last hash.",
            discussion: """
                Exit status 0 when intact, 1 when a record was edited, inserted, deleted or cut short, 2 when \
                the file cannot be read. Keep the count and last hash elsewhere (the release log): records \
                cut off the end show only against them.
                """
        )

        @Argument(help: ArgumentHelp("The evidence file.", valueName: "file"))
        var file: String

        @Option(name: .long, help: ArgumentHelp("The key the records were sealed with.", valueName: "file"))
        var evidenceKey: String?

        func run() async throws {
            let check = try EvidenceLog(path: file, keyFile: evidenceKey).verify()
            let name = SafeText.shown(file)
            if check.isIntact {
                print("\(name): intact, \(check.records) records; last hash \(check.lastHash)")
                if let segment = check.segment {
                    let checked =
                        check.segmentsChecked == 1 ? "checked" : "checked with \(check.segmentsChecked - 1) before it"
                    let missing = check.missingSegment.map {
                        check.segmentsChecked == 0
                            ? "not there to check" : "\(checked); \(SafeText.shown($0)) is not there to check"
                    }
                    print(
                        "continues \(SafeText.shown(segment.file)) (\(segment.records) records ending in "
                            + "\(segment.lastHash); \(missing ?? checked))"
                    )
                }
                return
            }
            let why =
                switch check.problem {
                case .notJSON: "is not a record"
                case .brokenChain: "does not follow the record before it: a record was edited, inserted or deleted"
                case .badSeal: "does not match its seal: the record was edited"
                case .missingSeal: "has no seal, though the file is sealed with this key"
                case .segmentDiffers:
                    "names a segment before it that does not end as the line says (or is not intact itself)"
                case .cutShort, .sealedWithoutKey, nil:
                    "is cut short (no line end): a write stopped or the file was cut"
                }
            print(
                "\(name): line \(check.problemLine ?? 0) \(why); the \(check.records) records before it are intact, "
                    + "the last of them \(check.lastHash)"
            )
            throw ExitCode(ExitStatus.findings)
        }
    }
}
