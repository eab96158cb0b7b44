import Foundation
import Testing

/// Every command's whole output on the example department, in every format, compared with the
/// files in `Tests/Golden`: a change of wording or layout is a reviewed diff, never a surprise.
/// `ROLECALL_UPDATE_GOLDEN=1 swift test --filter GoldenOutput` rewrites them.
@Suite("Whole outputs match the golden files")
struct GoldenOutputTests {
    static let examples = CommandRunner.packageRoot.appendingPathComponent("Docs/examples").path
    static let golden = CommandRunner.packageRoot.appendingPathComponent("Tests/Golden")
    static let source = ["--ldif", CommandRunner.example, "--as-of", "2026-11-25"]
    static let commands: [(name: String, arguments: [String], status: Int32)] = [
        (
            "lookup",
            [
                "lookup", "Head of Defence Statistics", "Chief Statistician", "Press Officer (x2)",
                "Chief Press Officer", "Statistician, Armed Forces Personnel (x3)", "Head of Defence Statistcs",
                "Director of Analysis",
            ], 1
        ),
        ("verify", ["verify", "\(examples)/access-list.txt", "--recipients", "\(examples)/recipients.txt"], 1),
        ("report", ["report", "\(examples)/access-list.txt"], 1),
    ]

    @Test("each command in each format", arguments: ["text", "json", "csv", "markdown", "html"])
    func output(format: String) throws {
        for command in Self.commands {
            let result = try CommandRunner.run(command.arguments + Self.source + ["--format", format])
            #expect(result.status == command.status, "\(command.name) \(format): \(result.stderr)")
            #expect(result.stderr.isEmpty, "\(command.name) \(format)")
            let file = Self.golden.appendingPathComponent("\(command.name).\(format)").path
            // The text header names the export by the path it was given: the same on every checkout.
            let output = result.stdout.replacingOccurrences(of: CommandRunner.packageRoot.path, with: "<package>")
            if ProcessInfo.processInfo.environment["ROLECALL_UPDATE_GOLDEN"] == "1" {
                try output.write(toFile: file, atomically: true, encoding: .utf8)
            }
            let expected = try String(contentsOfFile: file, encoding: .utf8)
            #expect(output == expected, "\(command.name) --format \(format) differs from Tests/Golden")
        }
    }
}
