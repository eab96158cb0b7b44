import Foundation
import Testing

/// Outputs that directory content cannot forge, and that never destroy the run's inputs.
@Suite("Safe outputs")
struct SafeOutputTests {
    static let examples = CommandRunner.packageRoot.appendingPathComponent("Docs/examples")
    static let list = examples.appendingPathComponent("access-list.txt").path

    private func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-\(UUID().uuidString)-\(name)").path
    }

    /// A directory whose values try to forge lines, move the cursor and start spreadsheet formulas.
    static let hostile = """
        dn: uid=mallory,dc=x
        cn:: \(Data("Mallory\n  ✓ Trusted Person <boss@x>\u{1B}[2K".utf8).base64EncodedString())
        mail: mallory@x
        title: Chief Statistician

        dn: uid=eve,dc=x
        cn: Eve
        title:: \(Data("=HYPERLINK(\"http://evil.example\",\"Chief Statistician\")".utf8).base64EncodedString())

        """

    @Test("a newline or escape sequence in a cn cannot forge a holder line in text output")
    func forgedLines() throws {
        let ldif = temporary("hostile.ldif")
        try Self.hostile.write(toFile: ldif, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: ldif) }
        let result = try CommandRunner.run(["lookup", "--ldif", ldif, "Chief Statistician"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("  ✓ ") }.count == 1, "\(result.stdout)")
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(result.stdout.contains("Mallory\\n  ✓ Trusted Person <boss@x>\\u{1B}[2K <mallory@x>"))
    }

    @Test("CSV cells that a spreadsheet would run as formulas start with a quote")
    func formulas() throws {
        let ldif = temporary("hostile.ldif")
        try Self.hostile.write(toFile: ldif, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: ldif) }
        let title = "=HYPERLINK(\"http://evil.example\",\"Chief Statistician\")"
        let result = try CommandRunner.run(["lookup", "--ldif", ldif, "--format", "csv", title])
        #expect(result.status == 0)
        // The query and the holder's title: both cells neutralised, neither left as a formula.
        #expect(result.stdout.components(separatedBy: "'=HYPERLINK(").count == 3, "\(result.stdout)")
        #expect(!result.stdout.hasPrefix("=") && !result.stdout.contains(",=") && !result.stdout.contains(",\"="))
    }

    @Test("--output refuses to overwrite an input of the run, by any path; the input is untouched")
    func outputIsInput() throws {
        let folder = temporary("inputs")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ldif = folder + "/department.ldif"
        try FileManager.default.copyItem(atPath: CommandRunner.example, toPath: ldif)
        let before = try Data(contentsOf: URL(fileURLWithPath: ldif))
        for output in [
            ldif, folder + "/./department.ldif",
            folder + "/../" + (folder as NSString).lastPathComponent + "/department.ldif",
        ] {
            let result = try CommandRunner.run(["lookup", "--ldif", ldif, "--output", output, "Chief Statistician"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("is also this run's LDIF file"), "\(result.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: ldif)) == before)
        let state = folder + "/state.json"
        let report = try CommandRunner.run(["report", Self.list, "--ldif", ldif, "--state", state, "--output", state])
        #expect(report.status == 2)
        #expect(report.stderr.contains("is also this run's state file"))
        #expect(!FileManager.default.fileExists(atPath: state))
    }

    @Test("inputs named only in the configuration file are refused as --output too, and so is the state's lock")
    func configuredInputs() throws {
        let folder = temporary("configured")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: CommandRunner.example, toPath: folder + "/staff.ldif")
        try "{\"ldif\": \"staff.ldif\"}".write(toFile: folder + "/config.json", atomically: true, encoding: .utf8)
        let before = try Data(contentsOf: URL(fileURLWithPath: folder + "/staff.ldif"))
        let result = try CommandRunner.run([
            "lookup", "--config", folder + "/config.json", "--output", folder + "/staff.ldif", "Chief Statistician",
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("is also this run's LDIF file"), "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/staff.ldif")) == before)
        let state = folder + "/state.json"
        let lock = try CommandRunner.run([
            "report", Self.list, "--ldif", folder + "/staff.ldif", "--state", state, "--output", state + ".lock",
        ])
        #expect(lock.status == 2)
        #expect(lock.stderr.contains("is also this run's lock file"), "\(lock.stderr)")
    }

    @Test("the state belongs to its list by name: another list's state is refused and left as it was")
    func stateOfAnotherList() throws {
        let folder = temporary("state")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let state = folder + "/state.json"
        let source = ["--ldif", CommandRunner.example, "--as-of", "2026-11-25", "--state", state]
        let first = try CommandRunner.run(["report", Self.list] + source)
        #expect(first.status == 1)
        #expect(!FileManager.default.fileExists(atPath: state + ".lock"), "the lock file is removed after the run")
        let saved = try String(contentsOfFile: state, encoding: .utf8)
        #expect(saved.contains("\"listName\": \"access-list.txt\""))
        let other = folder + "/other-list.txt"
        try "Chief Statistician\n".write(toFile: other, atomically: true, encoding: .utf8)
        let refused = try CommandRunner.run(["report", other] + source)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("is the state of the access list \"access-list.txt\", not \"other-list.txt\""))
        #expect(try String(contentsOfFile: state, encoding: .utf8) == saved)
        // The same list under another file name keeps its history when named.
        let renamed = try CommandRunner.run(["report", other, "--list-name", "access-list.txt"] + source)
        #expect(renamed.status == 0 || renamed.status == 1, "\(renamed.stderr)")
    }
}
