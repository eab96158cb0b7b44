import Foundation
import Testing

@Suite("rolecall --config")
struct ConfigFileTests {
    private func config(_ json: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-config-\(UUID()).json").path
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("the source, attribute mapping and extra account-state rules come from the file")
    func mappingAndRules() throws {
        let path = try config(
            """
            {"ldif": "\(CommandRunner.example)",
             "attributes": {"name": "sn"},
             "accountStateRules": [{"attribute": "mail", "equals": "ASMITH@dda.example", "reason": "disabled"}]}
            """
        )
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CommandRunner.run([
            "lookup", "--config", path, "--as-of", "2026-11-25", "Head of Defence Statistics", "Chief Statistician",
        ])
        #expect(result.status == 1)
        #expect(result.stdout.contains("Head of Defence Statistics: VACANT"))
        #expect(result.stdout.contains("✗ Smith <asmith@dda.example>"))
        #expect(result.stdout.contains("✓ Allen <vallen@dda.example>"))
    }

    @Test("flags override the file")
    func flagsOverride() throws {
        let path = try config("{\"ldif\": \"/nonexistent.ldif\"}")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CommandRunner.run([
            "lookup", "--config", path, "--ldif", CommandRunner.example, "Chief Statistician",
        ])
        #expect(result.status == 0)
    }

    @Test(
        "a bad configuration file is exit 2 naming it",
        arguments: [
            "{not json", "{\"timeout\": \"soon\"}",
            "{\"accountStateRules\": [{\"attribute\": \"x\", \"reason\": \"gone\"}], \"ldif\": \"x\"}",
        ]
    )
    func badConfig(json: String) throws {
        let path = try config(json)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CommandRunner.run(["lookup", "--config", path, "Chief Statistician"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(path))
    }

    @Test(
        "a misspelt key is exit 2 naming the key: a rule that would be dropped must not pass silently",
        arguments: [
            ("{\"ldif\": \"x\", \"acountStateRules\": []}", "\"acountStateRules\""),
            ("{\"ldif\": \"x\", \"attributes\": {\"tilte\": \"title\"}}", "\"attributes.tilte\""),
            (
                "{\"ldif\": \"x\", \"accountStateRules\": [{\"attribute\": \"x\", \"equal\": \"y\", \"reason\": \"disabled\"}]}",
                "\"accountStateRules.0.equal\""
            ),
        ]
    )
    func unknownKey(json: String, key: String) throws {
        let path = try config(json)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CommandRunner.run(["lookup", "--config", path, "Chief Statistician"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(path): unknown key \(key)"), "\(result.stderr)")
    }

    @Test("paths in the file are relative to the file's folder, not the current one")
    func relativePaths() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-config-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            atPath: CommandRunner.example,
            toPath: folder.appendingPathComponent("staff.ldif").path
        )
        let path = folder.appendingPathComponent("rolecall.json").path
        try "{\"ldif\": \"staff.ldif\"}".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["lookup", "--config", path, "--as-of", "2026-11-25", "Chief Statistician"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("✓ Victor Allen"))
    }

    @Test("timeZone and attributeMapping are keys of the file, as DESIGN.md names them")
    func designKeys() throws {
        let path = try config(
            """
            {"ldif": "\(CommandRunner.example)", "timeZone": "Europe/London", "attributeMapping": {"name": "sn"}}
            """
        )
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CommandRunner.run([
            "lookup", "--config", path, "--as-of", "2026-07-01T09:30", "--format", "json", "Chief Statistician",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"asOf\": \"2026-07-01T08:30:00Z\""))
        #expect(result.stdout.contains("\"name\": \"Allen\""))
    }

    @Test("leavers moved, not disabled: a rule can make every account under a DN inactive")
    func leaversSubtree() throws {
        let ldif = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-leavers-\(UUID()).ldif").path
        try
            (try String(contentsOfFile: CommandRunner.example, encoding: .utf8)
            + "\ndn: uid=oldcs,ou=Leavers,dc=dda,dc=example\nobjectClass: inetOrgPerson\ncn: Old Chief\nsn: Chief\n"
            + "title: Chief Statistician\n")
            .write(toFile: ldif, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: ldif) }
        let without = try CommandRunner.run(["lookup", "--ldif", ldif, "--as-of", "2026-11-25", "Chief Statistician"])
        #expect(without.status == 1)
        #expect(without.stdout.contains("AMBIGUOUS"))
        let path = try config(
            """
            {"ldif": "\(ldif)", "accountStateRules": [{"under": "OU=Leavers, DC=dda,DC=example", "reason": "disabled"}]}
            """
        )
        defer { try? FileManager.default.removeItem(atPath: path) }
        let with = try CommandRunner.run(["lookup", "--config", path, "--as-of", "2026-11-25", "Chief Statistician"])
        #expect(with.status == 0, "\(with.stdout)\(with.stderr)")
        #expect(with.stdout.contains("✗ Old Chief  uid=oldcs,ou=Leavers,dc=dda,dc=example — disabled"))
        let bad = try config(
            "{\"ldif\": \"x\", \"accountStateRules\": [{\"under\": \"not a dn\", \"reason\": \"disabled\"}]}"
        )
        defer { try? FileManager.default.removeItem(atPath: bad) }
        let refused = try CommandRunner.run(["lookup", "--config", bad, "Chief Statistician"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("\"accountStateRules.0.under\" has the wrong type"))
    }
}
