public import ArgumentParser
import Foundation
import Presentation
import RoleCall

/// `rolecall report LIST [--state FILE]`: the scheduled stale-role report.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report listed roles that are vacant, ambiguous, held by inactive accounts, changed or confusable.",
        discussion: """
            For schedulers: exit status 0 when nothing reaches --fail-on, 1 when something does, 2 on bad input \
            (including a corrupt state file), 3 when the directory is unavailable. The state file is only \
            replaced after a complete, successful run.
            """
    )

    @OptionGroup var list: ListOptions

    @Option(
        name: .long,
        help: ArgumentHelp("Remember holders here between runs, to report holder changes.", valueName: "file")
    )
    var state: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The list's name in --state (default: the list's file name); the state refuses another list's.",
            valueName: "name"
        )
    )
    var listName: String?

    @Option(
        name: .long,
        help: "Exit 1 on findings of this severity or worse: error, warning or info (default warning)."
    )
    var failOn: Finding.Severity = .warning

    @OptionGroup var source: SourceOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var matching: MatchingOptions

    func validate() throws { try source.validateSource() }

    func run() async throws {
        let file = try source.configuration()
        try output.refuseOverwriting(
            source.inputFiles(file) + [
                (list.list, .accessList), (state, .state), (state.map { $0 + ".lock" }, .stateLock),
            ]
        )
        let accessList = try list.load()
        let name = listName ?? (list.list as NSString).lastPathComponent
        let lock = try state.map { try StateLock(statePath: $0) }
        let previous = try state.flatMap { try ReportState.load(path: $0) }
        if let previous, let state { try previous.check(belongsTo: name, path: state) }
        let snapshot = try await source.snapshot(file)
        let asOf = try source.instant(file)
        let resolver = Resolver(snapshot: snapshot, asOf: asOf, minimumSimilarity: matching.minScore)
        let report = StaleRoleReport(list: accessList, resolver: resolver, previous: previous)
        // A snapshot file damaged where this run read it gives no answer at all.
        try snapshot.checkIntact()
        switch output.format {
        case .json: try output.emit(JSONDocuments.report(report, asOf: asOf))
        case .text: try output.emit(TextOutput.header(snapshot, asOf: asOf) + TextOutput.report(report))
        case .csv: try output.emit(Table.report(report).csv())
        case .markdown: try output.emit(TextOutput.reportMarkdown(report, origin: snapshot.origin, asOf: asOf))
        case .html: try output.emit(HTMLOutput.report(report, origin: snapshot.origin, asOf: asOf))
        }
        if let state {
            if Task.isCancelled { throw RoleCallError(.cancelled) }
            try AtomicFile.write(
                ReportState(holders: report.holders, asOf: asOf, listName: name).json,
                to: state,
                kind: .state
            )
        }
        withExtendedLifetime(lock) {}
        if let worst = report.worstSeverity, worst >= failOn { throw ExitCode(ExitStatus.findings) }
    }
}

extension Finding.Severity: ExpressibleByArgument {}
