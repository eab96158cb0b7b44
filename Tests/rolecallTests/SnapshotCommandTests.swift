import Foundation
import ServerFixtures
import Testing

/// `rolecall snapshot FILE` and `--snapshot FILE` as a user runs them.
@Suite("rolecall snapshot")
struct SnapshotCommandTests {
    static let examples = WorkflowCommandTests.examples
    static let list = WorkflowCommandTests.list
    static let recipients = WorkflowCommandTests.recipients

    private func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-\(UUID().uuidString)-\(name)").path
    }

    @Test(
        "lookup, verify and report from a snapshot print exactly what they print from the LDIF, in every format",
        arguments: ["json", "csv", "markdown", "text"]
    )
    func sameOutput(format: String) throws {
        let file = temporary("example.snapshot")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let written = try CommandRunner.run(["snapshot", file, "--ldif", CommandRunner.example])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stderr.contains("full read: 60 entries"))
        let commands = [
            [
                "lookup", "Head of Defence Statistics", "Press Officer", "Chief Press Officer",
                "Hed of Defence Statistics",
            ],
            ["verify", Self.list, "--recipients", Self.recipients],
            ["report", Self.list],
        ]
        for command in commands {
            let arguments = command + ["--format", format, "--as-of", "2026-11-25"]
            let direct = try CommandRunner.run(arguments + ["--ldif", CommandRunner.example])
            let snapshot = try CommandRunner.run(arguments + ["--snapshot", file])
            #expect(snapshot.status == direct.status)
            #expect(snapshot.stderr == direct.stderr)
            // Text output's first line names the source; everything after it is the same.
            let skip = format == "text" ? 1 : 0
            #expect(
                snapshot.stdout.split(separator: "\n").dropFirst(skip)
                    == direct.stdout.split(separator: "\n").dropFirst(skip),
                "\(command[0]) --format \(format)"
            )
            if format == "text" {
                #expect(
                    snapshot.stdout.hasPrefix("Directory: snapshot \(file) of \(CommandRunner.example) reflecting ")
                )
            }
        }
    }

    @Test("--check says intact; a damaged, cut or foreign file is exit 2 naming it; the snapshot is private")
    func checkAndRefusals() throws {
        let file = temporary("example.snapshot")
        let damaged = temporary("damaged.snapshot")
        defer {
            try? FileManager.default.removeItem(atPath: file)
            try? FileManager.default.removeItem(atPath: damaged)
        }
        #expect(try CommandRunner.run(["snapshot", file, "--ldif", CommandRunner.example]).status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let check = try CommandRunner.run(["snapshot", "--check", file])
        #expect(check.status == 0)
        #expect(check.stdout.contains("intact, 60 entries"))

        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        bytes[bytes.count - 100] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: damaged))
        let checked = try CommandRunner.run(["snapshot", "--check", damaged])
        #expect(checked.status == 2)
        #expect(checked.stderr.contains("\(damaged): the snapshot is damaged"))

        try Data(bytes.prefix(bytes.count / 2)).write(to: URL(fileURLWithPath: damaged))
        let cut = try CommandRunner.run(["lookup", "Chief Statistician", "--snapshot", damaged])
        #expect(cut.status == 2)
        #expect(cut.stdout.isEmpty)
        #expect(cut.stderr.contains("\(damaged) is cut short"))

        // A mistyped FILE must not destroy an export: only a snapshot is replaced.
        let overwrite = try CommandRunner.run(["snapshot", CommandRunner.example, "--ldif", CommandRunner.example])
        #expect(overwrite.status == 2)
        let notSnapshot = try CommandRunner.run(["snapshot", Self.list, "--ldif", CommandRunner.example])
        #expect(notSnapshot.status == 2)
        #expect(notSnapshot.stderr.contains("is not a RoleCall snapshot"))
    }

    @Test("a configuration with another title attribute refuses the snapshot; --max-age refuses an old one with exit 3")
    func configurationAndAge() throws {
        let file = temporary("example.snapshot")
        let config = temporary("config.json")
        defer {
            try? FileManager.default.removeItem(atPath: file)
            try? FileManager.default.removeItem(atPath: config)
        }
        #expect(try CommandRunner.run(["snapshot", file, "--ldif", CommandRunner.example]).status == 0)
        try #"{"snapshot": "\#(file)", "attributeMapping": {"title": "description"}}"#
            .write(toFile: config, atomically: true, encoding: .utf8)
        let refused = try CommandRunner.run(["lookup", "Chief Statistician", "--config", config])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("attributeMapping.title \"title\", but it is now \"description\""))

        // The snapshot reflects the example LDIF's modification time: a checkout built and tested is older than a second.
        let old = try CommandRunner.run(["lookup", "Chief Statistician", "--snapshot", file, "--max-age", "1s"])
        #expect(old.status == 3)
        #expect(old.stderr.contains("older than --max-age 1s"))
        let fresh = try CommandRunner.run(["lookup", "Chief Statistician", "--snapshot", file, "--max-age", "3650d"])
        #expect(fresh.status == 0)
        let bad = try CommandRunner.run(["lookup", "Chief Statistician", "--snapshot", file, "--max-age", "soon"])
        #expect(bad.status == 2)
        let both = try CommandRunner.run(["lookup", "x", "--snapshot", file, "--ldif", CommandRunner.example])
        #expect(both.status == 2)
        #expect(both.stderr.contains("--snapshot is a whole source"))
    }
}

/// `rolecall snapshot FILE --uri …` run again and again against a slapd with `syncprov`.
@Suite("rolecall snapshot, refreshed from a server")
struct SnapshotRefreshCommandTests {
    @Test("the second run reads only the changes; lookups from the file match the server; a mass removal is refused")
    func refresh() throws {
        let slapd = try Slapd.start(generated: 10)
        defer { slapd.kill() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-\(UUID()).snapshot").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let server = ["--uri", slapd.ldapURI, "--base", slapd.base]
        let first = try CommandRunner.run(["snapshot", file] + server)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("rolecall: full read (no earlier snapshot to refresh): 53 entries"))
        let again = try CommandRunner.run(["snapshot", file] + server)
        #expect(again.stderr.contains("rolecall: incremental refresh: 0 new, 0 changed, 0 removed: 53 entries"))

        try slapd.change(
            """
            dn: uid=fresh,ou=People,dc=dda,dc=example
            changetype: add
            objectClass: inetOrgPerson
            uid: fresh
            cn: Fay Fresh
            sn: Fresh
            mail: fresh@dda.example
            title: Head of Defence Statistics

            dn: uid=dokafor,ou=People,dc=dda,dc=example
            changetype: delete

            """
        )
        let refreshed = try CommandRunner.run(["snapshot", file] + server)
        #expect(refreshed.stderr.contains("incremental refresh: 1 new, 0 changed, 1 removed: 53 entries"))
        let titles = ["Head of Defence Statistics", "Press Officer", "Chief Press Officer", "Head of Statistics"]
        let arguments = ["lookup"] + titles + ["--format", "json", "--as-of", "2026-11-25"]
        let fromFile = try CommandRunner.run(arguments + ["--snapshot", file])
        let fromServer = try CommandRunner.run(arguments + server)
        #expect(fromFile.status == fromServer.status)
        #expect(fromFile.stdout == fromServer.stdout)
        #expect(fromFile.stdout.contains("fresh@dda.example"))

        // Ten people gone at once (a server restored from an old backup, say) is refused.
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let removed = ["asmith", "bjones", "cwong", "ebrown", "fpatel", "gevans", "hkhan", "ilewis"]
        try slapd.change(
            removed.map { "dn: uid=\($0),ou=People,dc=dda,dc=example\nchangetype: delete\n" }.joined(separator: "\n")
        )
        let refused = try CommandRunner.run(["snapshot", file] + server)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("would remove 8 of its 53 entries, more than 10%; it was left unchanged"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
        let full = try CommandRunner.run(["snapshot", file, "--full"] + server)
        #expect(full.status == 0)
        #expect(full.stderr.contains("rolecall: full read (--full given): 45 entries"))
    }

    @Test("a file that is not a snapshot is never replaced by a refresh")
    func notASnapshot() throws {
        let slapd = try Slapd.shared()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-\(UUID()).ldif").path
        try FileManager.default.copyItem(atPath: CommandRunner.example, toPath: file)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try CommandRunner.run(["snapshot", file, "--uri", slapd.ldapURI, "--base", slapd.base])
        #expect(result.status == 2)
        #expect(result.stderr.contains("not a"))
        let original = try String(contentsOfFile: CommandRunner.example, encoding: .utf8)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == original)
    }
}
