import ArgumentParser
import Foundation
import RoleCall

/// Where the directory comes from, and the instant account state is evaluated at.
struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("LDIF export of the directory ('-' reads standard input).", valueName: "file"))
    var ldif: String?

    @Flag(name: .long, help: "Let the LDIF file read ':<' file URLs (only for files you trust).")
    var allowFileUrls = false

    @Option(
        name: .long,
        help: ArgumentHelp("Evaluate account state at this date or time (2026-06-01 or 2026-06-01T09:00:00Z).", valueName: "date")
    )
    var asOf: String?

    func validate() throws {
        guard ldif != nil else {
            throw ValidationError("say where the directory is: --ldif FILE (an LDIF export, or '-' for standard input)")
        }
        if let asOf, Self.parseDate(asOf) == nil {
            throw ValidationError("--as-of \"\(asOf)\" is not a date; write 2026-06-01 or 2026-06-01T09:00:00Z")
        }
    }

    /// The instant to evaluate account state at.
    var instant: Date { asOf.flatMap(Self.parseDate) ?? Date() }

    /// Reads the directory.
    func snapshot() throws -> DirectorySnapshot {
        let path = ldif ?? "-"
        let progress = ProgressLine(label: "entries read")
        defer { progress.finish() }
        let snapshot = try LDIFSource(path: path, allowFileURLs: allowFileUrls).snapshot(progress: progress.update)
        for warning in snapshot.warnings { FileHandle.standardError.write(Data("rolecall: warning: \(warning)\n".utf8)) }
        return snapshot
    }

    static func parseDate(_ text: String) -> Date? {
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return day.date(from: text)
    }
}
