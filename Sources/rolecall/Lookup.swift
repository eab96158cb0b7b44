import ArgumentParser
import Foundation
import Presentation
import RoleCall

/// `rolecall lookup TITLE...`: resolve titles now.
struct Lookup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Resolve role titles to their current holders.",
        discussion:
            "Exit status 0 when every title resolved, 1 when any did not, 2 on bad input, 3 when the directory is unavailable."
    )

    @OptionGroup var source: SourceOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var matching: MatchingOptions

    @Argument(help: "Role titles, e.g. \"Head of Defence Statistics\" or \"Press Officer (x2)\".")
    var titles: [String] = []

    func validate() throws {
        try source.validateSource()
        guard !titles.isEmpty else {
            throw ValidationError(
                "give at least one role title, e.g. rolecall lookup --ldif staff.ldif \"Chief Statistician\""
            )
        }
        for title in titles where title.allSatisfy({ !$0.isLetter && !$0.isNumber }) {
            throw ValidationError("\"\(title)\" has no letters or digits; give a role title")
        }
    }

    func run() async throws {
        let file = try source.configuration()
        try output.refuseOverwriting(source.inputFiles(file))
        let snapshot = try await source.snapshot(file)
        let asOf = try source.instant(file)
        let resolver = Resolver(snapshot: snapshot, asOf: asOf, minimumSimilarity: matching.minScore)
        let results = resolver.resolveAll(titles)
        // A snapshot file damaged where this run read it gives no answer at all.
        try snapshot.checkIntact()
        switch output.format {
        case .json: try output.emit(JSONDocuments.lookup(results, asOf: asOf))
        case .text: try output.emit(TextOutput.header(snapshot, asOf: asOf) + TextOutput.lookup(results))
        case .csv: try output.emit(Table.lookup(results).csv())
        case .markdown: try output.emit(Table.lookup(results).markdown())
        case .html: try output.emit(HTMLOutput.lookup(results, origin: snapshot.origin, asOf: asOf))
        }
        if results.contains(where: { $0.status != .resolved }) { throw ExitCode(ExitStatus.findings) }
    }
}
