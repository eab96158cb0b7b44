import ArgumentParser
import Directory
import Foundation
import Presentation
import RoleCall

/// `rolecall snapshot FILE`: read the directory once into a file that lookups open instantly.
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Write the directory to a snapshot file that --snapshot reads instantly.",
        discussion: """
            Reads the source (--ldif or --uri, or the configuration file's) and replaces FILE \
            atomically, readable by its owner only. From a server that offers content synchronisation \
            (RFC 4533: OpenLDAP syncprov, 389 DS), a snapshot written before is refreshed with only the \
            entries changed since; otherwise, or with --full, everything is read. With --check, reads \
            FILE and checks every byte against its checksums instead. Exit status 0 when written (or \
            intact), 2 on bad input, a damaged file or a refresh that would remove too much, 3 when \
            the directory is unavailable.
            """
    )

    @Argument(help: ArgumentHelp("The snapshot file to write (or check).", valueName: "file"))
    var file: String

    @Flag(name: .long, help: "Check FILE against its checksums and the configuration; read no directory.")
    var check = false

    @Flag(name: .long, help: "Read the whole directory even when FILE could be refreshed with only the changes.")
    var full = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Refuse a refresh that would remove more than this share of FILE's entries (default 10).",
            valueName: "percent"
        )
    )
    var maxRemoved: Double = 10

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Keep this directory group too, with its members and nested groups, read again at every refresh "
                + "(for rolecall serve --allow-group; --uri only: an export keeps its groups). Repeatable.",
            valueName: "dn"
        )
    )
    var group: [String] = []

    @OptionGroup var source: SourceOptions

    func validate() throws {
        if !check { try source.validateSource() }
        guard (0...100).contains(maxRemoved) else {
            throw ValidationError("--max-removed takes a percentage, 0 to 100")
        }
        if source.snapshot != nil {
            throw ValidationError("rolecall snapshot reads a directory (--ldif or --uri); --snapshot is for lookups")
        }
        for dn in group where !DistinguishedName.isValid(dn) {
            throw ValidationError(
                "--group \(SafeText.shown(dn)): not a DN; give the group's DN, e.g. cn=Senders,ou=Groups,dc=example"
            )
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
        let snapshot: DirectorySnapshot
        let summary: String
        if let server = try source.serverOnly(configuration) {
            let refresh = try await synchronize(server, configuration)
            (snapshot, summary) = (refresh.snapshot, Wording.refresh(refresh.kind))
        } else {
            // An export is read whole every time, groups and all.
            if !group.isEmpty {
                throw StartFailure(
                    "--group reads a group from a directory server (--uri, alone); an LDIF export keeps its groups already"
                )
            }
            (snapshot, summary) = (try await source.snapshot(configuration, readingSnapshots: false), "full read")
        }
        try snapshot.write(to: file)
        FileHandle.standardError.write(
            Data(
                "rolecall: \(summary): \(Self.entries(snapshot.entryCount)) in \(Self.seconds(since: started)); wrote \(SafeText.shown(file))\n"
                    .utf8
            )
        )
    }

    /// Refreshes FILE from the server, or reads it all when FILE cannot be refreshed (missing,
    /// built with other settings, older, damaged: it is rebuilt).
    private func synchronize(_ server: LDAPSource, _ configuration: Configuration?) async throws -> SnapshotRefresh {
        let mapping = configuration?.mapping ?? AttributeMapping()
        let policy = configuration?.policy ?? AccountStatePolicy()
        var previous: DirectorySnapshot?
        if !full, FileManager.default.fileExists(atPath: file) {
            do {
                let opened = try await DirectorySnapshot.open(file: file, mapping: mapping, policy: policy)
                try opened.verify()
                previous = opened
            } catch {
                // A file that is no snapshot, or one a newer rolecall wrote, is never replaced.
                switch error.problem {
                case .snapshotUnusable(_, .notASnapshot), .snapshotUnusable(_, .newerFormat): throw error
                default: break
                }
                let reason = cliWording.message(error)
                FileHandle.standardError.write(Data("rolecall: rebuilding: \(SafeText.shown(reason))\n".utf8))
            }
        }
        let progress = ProgressLine(label: "entries read")
        defer { progress.finish() }
        let refresh = try await server.synchronize(
            previous: previous,
            mapping: mapping,
            policy: policy,
            full: full,
            maximumDeletedShare: maxRemoved / 100,
            groups: group,
            progress: progress.update
        )
        if case .full = refresh.kind { SourceOptions.printWarnings(of: refresh.snapshot) }
        return refresh
    }

    private static func entries(_ count: Int) -> String { count == 1 ? "1 entry" : "\(count.formatted()) entries" }

    private static func seconds(since start: Date) -> String {
        String(format: "%.2f s", Date().timeIntervalSince(start))
    }
}
