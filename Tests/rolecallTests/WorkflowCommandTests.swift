import Foundation
import Testing

/// `rolecall verify` and `rolecall report` run as a subprocess on the example directory.
@Suite("rolecall verify and report")
struct WorkflowCommandTests {
    static let examples = CommandRunner.packageRoot.appendingPathComponent("Docs/examples")
    static let list = examples.appendingPathComponent("access-list.txt").path
    static let recipients = examples.appendingPathComponent("recipients.txt").path
    static let source = ["--ldif", CommandRunner.example, "--as-of", "2026-11-25"]

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-\(UUID().uuidString)-\(name)").path
    }

    @Test("verify: every recipient status, nearest listed role, uncovered roles, exit 1")
    func verify() throws {
        let result = try CommandRunner.run(
            ["verify", Self.list, "--recipients", Self.recipients, "--format", "json"] + Self.source
        )
        #expect(result.status == 1)
        let document = try json(result.stdout)
        #expect(document["schemaVersion"] as? Int == 2)
        let recipients = try #require(document["recipients"] as? [[String: Any]])
        let status = Dictionary(
            uniqueKeysWithValues: recipients.map { ($0["recipient"] as? String ?? "", $0["status"] as? String ?? "") }
        )
        #expect(status["asmith@dda.example"] == "authorised")
        #expect(status["vallen"] == "authorised")
        #expect(status["uid=sclarke,ou=People,dc=dda,dc=example"] == "authorised")
        #expect(status["fpatel@dda.example"] == "unauthorised")
        #expect(status["dokafor@dda.example"] == "unauthorised")
        #expect(status["someone@elsewhere.example"] == "unknown")
        let acting = try #require(recipients.first { $0["recipient"] as? String == "dokafor@dda.example" })
        // The listed title exactly as the list writes it; the difference is its own field.
        #expect(acting["nearestRole"] as? String == "Head of Defence Statistics")
        #expect(acting["reason"] as? String == "holdsNoListedRole")
        let differences = try #require(acting["nearestRoleDifferences"] as? [[String: Any]])
        #expect(differences.map { $0["kind"] as? String } == ["modifierAdded", "qualifierAdded"])
        #expect(differences.map { $0["words"] as? [String] } == [["Acting"], ["Army"]])
        let locked = try #require(recipients.first { $0["recipient"] as? String == "fpatel@dda.example" })
        #expect(locked["reason"] as? String == "inactive")
        #expect((locked["message"] as? String)?.contains("locked") == true)
        let unknown = try #require(recipients.first { $0["recipient"] as? String == "someone@elsewhere.example" })
        #expect(unknown["reason"] as? String == "notInDirectory")
        #expect(unknown["dn"] is NSNull)
        let uncovered = try #require(document["uncovered"] as? [String])
        #expect(uncovered.contains("Chief Press Officer"))
        #expect(!uncovered.contains("Head of Defence Statistics"))
    }

    @Test("verify: an all-authorised list is exit 0")
    func verifyClean() throws {
        let file = temporary("ok.txt")
        try "asmith@dda.example\nvallen\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try CommandRunner.run(["verify", Self.list, "--recipients", file] + Self.source)
        #expect(result.status == 0)
        #expect(result.stdout.contains("All 2 recipients are authorised."))
    }

    @Test("report: every finding kind except holderChanged on the example, with severities")
    func reportFindings() throws {
        let result = try CommandRunner.run(["report", Self.list, "--format", "json"] + Self.source)
        #expect(result.status == 1)
        let findings = try #require(try json(result.stdout)["findings"] as? [[String: Any]])
        let kinds = Set(findings.compactMap { $0["kind"] as? String })
        #expect(
            kinds == [
                "vacant", "notFound", "multipleHolders", "incomplete", "inactiveHolder", "danglingOccupant",
                "confusable",
            ]
        )
        for finding in findings {
            #expect(["error", "warning", "info"].contains(finding["severity"] as? String ?? ""))
            #expect((finding["message"] as? String)?.isEmpty == false)
            #expect(finding["role"] is String)
        }
        #expect(findings.first { $0["kind"] as? String == "vacant" }?["severity"] as? String == "error")
    }

    @Test("report: --fail-on sets the exit status")
    func failOn() throws {
        let file = temporary("list.txt")
        try "Deputy Chief Statistician\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        // Only an info finding (a confusable title) for this role.
        #expect(try CommandRunner.run(["report", file] + Self.source).status == 0)
        #expect(try CommandRunner.run(["report", file, "--fail-on", "info"] + Self.source).status == 1)
    }

    @Test("report: holder changes across two runs, state written atomically, a failed run leaves it untouched")
    func holderChanged() throws {
        let state = temporary("state.json")
        defer { try? FileManager.default.removeItem(atPath: state) }
        let first = try CommandRunner.run(["report", Self.list, "--state", state] + Self.source)
        #expect(first.status == 1)
        let saved = try String(contentsOfFile: state, encoding: .utf8)
        #expect(saved.contains("uid=vallen,ou=People,dc=dda,dc=example"))

        // Victor Allen leaves; Wendy Scott becomes Chief Statistician.
        let changed = temporary("changed.ldif")
        defer { try? FileManager.default.removeItem(atPath: changed) }
        var ldif = try String(contentsOfFile: CommandRunner.example, encoding: .utf8)
        ldif = ldif.replacingOccurrences(of: "title: Deputy Chief Statistician", with: "title: Chief Statistician")
        ldif = ldif.replacingOccurrences(of: "uid: vallen\n", with: "uid: vallen\nnsAccountLock: true\n")
        try ldif.write(toFile: changed, atomically: true, encoding: .utf8)

        // A run that fails (the directory cannot be read) leaves the state byte-identical.
        let broken = temporary("broken.ldif")
        try "dn: uid=x,dc=x\ncn No Colon\n".write(toFile: broken, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: broken) }
        let failed = try CommandRunner.run(["report", Self.list, "--state", state, "--ldif", broken])
        #expect(failed.status == 2)
        #expect(try String(contentsOfFile: state, encoding: .utf8) == saved)

        let second = try CommandRunner.run([
            "report", Self.list, "--state", state, "--format", "json", "--ldif", changed, "--as-of", "2026-11-25",
        ])
        let findings = try #require(try json(second.stdout)["findings"] as? [[String: Any]])
        let change = try #require(findings.first { $0["kind"] as? String == "holderChanged" })
        #expect(change["role"] as? String == "Chief Statistician")
        let dns = { (key: String) in (change[key] as? [[String: Any]])?.map { $0["dn"] as? String } }
        #expect(dns("left") == ["uid=vallen,ou=People,dc=dda,dc=example"])
        #expect(dns("joined") == ["uid=wscott,ou=People,dc=dda,dc=example"])
        #expect(dns("holders") == ["uid=wscott,ou=People,dc=dda,dc=example"])
        #expect((change["left"] as? [[String: Any]])?.first?["name"] as? String == "Victor Allen")
        #expect(try String(contentsOfFile: state, encoding: .utf8).contains("uid=wscott"))
    }

    @Test(
        "report: a corrupt or foreign state file is an error naming it, and is not replaced",
        arguments: [
            "{half", "{\"kind\": \"other\"}", "",
            // A real state file cut off half-way, as a crash during a non-atomic copy leaves it.
            "{\n  \"schemaVersion\": 1,\n  \"kind\": \"rolecall-report-state\",\n  \"asOf\": \"2026-11-25T00:00:00Z\",\n  \"holders\": {\n    \"Chief Statistician\": [\n      \"uid=vallen,ou=Peo",
        ]
    )
    func corruptState(content: String) throws {
        let state = temporary("state.json")
        try content.write(toFile: state, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: state) }
        let result = try CommandRunner.run(["report", Self.list, "--state", state] + Self.source)
        #expect(result.status == 2)
        #expect(result.stderr.contains(state))
        #expect(try String(contentsOfFile: state, encoding: .utf8) == content)
    }

    @Test("report: a second run on the same state file is refused while the first holds the lock")
    func concurrentRuns() throws {
        let state = temporary("state.json")
        let lock = open(state + ".lock", O_RDWR | O_CREAT, 0o600)
        #expect(flock(lock, LOCK_EX | LOCK_NB) == 0)
        defer {
            close(lock)
            try? FileManager.default.removeItem(atPath: state + ".lock")
        }
        let result = try CommandRunner.run(["report", Self.list, "--state", state] + Self.source)
        #expect(result.status == 2)
        #expect(result.stderr.contains("in use"))
        #expect(!FileManager.default.fileExists(atPath: state))
    }

    @Test("every format of every command parses", arguments: ["lookup", "verify", "report"])
    func formats(command: String) throws {
        let arguments: [String] =
            switch command {
            case "lookup": ["lookup", "Chief Statistician", "Head of Defence Statistics"]
            case "verify": ["verify", Self.list, "--recipients", Self.recipients]
            default: ["report", Self.list]
            }
        let json = try CommandRunner.run(arguments + Self.source + ["--format", "json"])
        #expect(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) is [String: Any])
        let csv = try CommandRunner.run(arguments + Self.source + ["--format", "csv"])
        let rows = CSV.parse(csv.stdout)
        #expect(rows.count > 1)
        #expect(rows.allSatisfy { $0.count == rows[0].count }, "every CSV row has the header's width")
        let markdown = try CommandRunner.run(arguments + Self.source + ["--format", "markdown"])
        #expect(markdown.stdout.contains("| --- |"))
        let text = try CommandRunner.run(arguments + Self.source)
        #expect(!text.stdout.isEmpty)
        #expect(text.stderr.isEmpty)
    }

    @Test("--output to a device or pipe writes in place; to a symlink replaces the file it names, keeping its mode")
    func outputSpecialFiles() throws {
        let result = try CommandRunner.run(
            ["report", Self.list, "--format", "json", "--output", "/dev/stdout"] + Self.source
        )
        #expect(result.stdout.hasPrefix("{\n  \"schemaVersion\": 2,"), "\(result.stderr)")
        let target = temporary("target.json")
        let link = temporary("link.json")
        try "old".write(toFile: target, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: target)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        defer { for path in [target, link] { try? FileManager.default.removeItem(atPath: path) } }
        _ = try CommandRunner.run(["report", Self.list, "--format", "json", "--output", link] + Self.source)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("{\n  \"schemaVersion\": 2,"))
        let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
        #expect(mode == 0o644)
    }

    @Test("--output /dev/stdout redirected to a log appends to it; the log's history stays")
    func outputToRedirectedStdout() throws {
        let log = temporary("rolecall.log")
        try "yesterday's report\n".write(toFile: log, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: log) }
        let handle = try #require(FileHandle(forWritingAtPath: log))
        handle.seekToEndOfFile()
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = ["lookup", "Chief Statistician", "--output", "/dev/stdout"] + Self.source
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(process.terminationStatus == 0)
        #expect(
            text.hasPrefix("yesterday's report\nDirectory: \(CommandRunner.example), as of 2026-11-25T00:00:00Z\n"),
            "\(text)"
        )
        #expect(text.contains("\nChief Statistician: resolved\n"))
    }

    @Test("a new output file honours the umask; the state file is the owner's alone")
    func outputModes() throws {
        let output = temporary("out.json")
        let state = temporary("state.json")
        defer { for path in [output, state] { try? FileManager.default.removeItem(atPath: path) } }
        // The child runs under umask 022, set by a shell: this process's umask stays as it is.
        let arguments = ["report", Self.list, "--output", output, "--state", state] + Self.source
        let quoted = ([CommandRunner.binary.path] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        _ = try CommandRunner.run(["-c", "umask 022; exec " + quoted], executable: URL(fileURLWithPath: "/bin/sh"))
        let mode = { (path: String) in
            (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        }
        #expect(try mode(output) == 0o644)
        #expect(try mode(state) == 0o600)
    }

    @Test("--output writes the results to a file and nothing to standard output")
    func outputFile() throws {
        let file = temporary("report.json")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try CommandRunner.run(["report", Self.list, "--format", "json", "--output", file] + Self.source)
        #expect(result.stdout.isEmpty)
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("{\n  \"schemaVersion\": 2,"))
    }

    @Test(
        "bad lists: exit 2 naming the file and line",
        arguments: [
            (Array("Head of X\nhead of x\n".utf8), ":2: "),
            (Array("# only a comment\n\n".utf8), "names no roles"),
            ([0x48, 0x0A, 0xFF, 0x0A], ":2: not valid UTF-8"),
        ] as [([UInt8], String)]
    )
    func badLists(content: [UInt8], message: String) throws {
        let file = temporary("list.txt")
        try Data(content).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try CommandRunner.run(["report", file] + Self.source)
        #expect(result.status == 2)
        #expect(result.stderr.contains(file + message) || result.stderr.contains(message))
        #expect(result.stderr.contains(file))
    }

    @Test("a CSV access list with a role column")
    func csvList() throws {
        let file = temporary("list.csv")
        try "team,role\nstats,\"Chief Statistician\"\npress,\"Head of Defence Statistics\"\n".write(
            toFile: file,
            atomically: true,
            encoding: .utf8
        )
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try CommandRunner.run(["report", file, "--format", "json"] + Self.source)
        let results = try #require(try json(result.stdout)["results"] as? [[String: Any]])
        #expect(results.map { $0["query"] as? String } == ["Chief Statistician", "Head of Defence Statistics"])
    }
}

/// A small RFC 4180 reader, independent of RoleCall's own code, to check its CSV.
enum CSV {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(field); field = ""
            } else if character == "\r\n" || character == "\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else {
                field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
