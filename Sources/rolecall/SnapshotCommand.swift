import ArgumentParser
import Foundation
import Presentation
import RoleCall

/// `rolecall snapshot FILE`: read the directory once into a file that lookups open instantly.
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Write the directory to a snapshot file that --snapshot reads instantly.",
        discussion: """
            Reads the source (--ldif or --uri, or the configuration file's) in full and replaces FILE \
            atomically, readable by its owner only. With --check, reads FILE and checks every byte \
            against its checksums instead. Exit status 0 when written (or intact), 2 on bad input or a \
            damaged file, 3 when the directory is unavailable.
            """
    )

    @Argument(help: ArgumentHelp("The snapshot file to write (or check).", valueName: "file"))
    var file: String

    @Flag(name: .long, help: "Check FILE against its checksums and the configuration; read no directory.")
    var check = false

    @OptionGroup var source: SourceOptions

    func validate() throws {
        if !check { try source.validateSource() }
        if source.snapshot != nil {
            throw ValidationError("rolecall snapshot reads a directory (--ldif or --uri); --snapshot is for lookups")
        }
    }

    func run() async throws {
        let configuration = try source.configuration()
        if check {
            let started = Date()
            let snapshot = try await DirectorySnapshot.open(
                file: file,
                mapping: configuration?.mapping ?? AttributeMapping(),
                policy: configuration?.policy ?? AccountStatePolicy()
            )
            try snapshot.verify()
            print(
                "\(SafeText.shown(file)): intact, \(snapshot.entryCount.formatted()) entries reflecting "
                    + "\(JSONDocuments.instant(snapshot.reflects)), checked in \(Self.seconds(since: started))"
            )
            return
        }
        // The configuration's own snapshot is what this run may replace; every other input is refused.
        try OutputOptions.refuse(writing: file, over: source.inputFiles(configuration).filter { $0.kind != .snapshot })
        let started = Date()
        let snapshot = try await source.snapshot(configuration, readingSnapshots: false)
        try snapshot.write(to: file)
        FileHandle.standardError.write(
            Data(
                "rolecall: full read: \(snapshot.entryCount.formatted()) entries in \(Self.seconds(since: started)); wrote \(SafeText.shown(file))\n"
                    .utf8
            )
        )
    }

    private static func seconds(since start: Date) -> String {
        String(format: "%.2f s", Date().timeIntervalSince(start))
    }
}
