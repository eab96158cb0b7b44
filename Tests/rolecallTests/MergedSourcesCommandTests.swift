import Foundation
import Testing

/// Issue 17's people outside the directory: a contacts export merged with the department's
/// directory, each holder labelled with its source, one person across sources only by address.
@Suite("rolecall with merged sources")
struct MergedSourcesCommandTests {
    static let examples = CommandRunner.packageRoot.appendingPathComponent("Docs/examples")
    static let contacts = examples.appendingPathComponent("contacts.ldif").path
    static let merged = ["--ldif", CommandRunner.example, "--ldif", contacts, "--as-of", "2026-11-25"]

    private func json(_ result: CommandResult) throws -> [String: Any] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
            "\(result.stderr)"
        )
    }

    private func results(_ titles: [String]) throws -> [String: [String: Any]] {
        let document = try json(try CommandRunner.run(["lookup", "--format", "json"] + Self.merged + titles))
        let results = try #require(document["results"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: results.map { ($0["query"] as? String ?? "", $0) })
    }

    @Test("a role held only in the contacts file resolves, its holder labelled with the file")
    func contactsOnly() throws {
        let result = try #require(try results(["Private Secretary to the Minister for Defence Analysis"]).first?.value)
        #expect(result["status"] as? String == "resolved")
        let holder = try #require((result["holders"] as? [[String: Any]])?.first)
        #expect(holder["name"] as? String == "Priya Shah")
        #expect(holder["source"] as? String == Self.contacts)
    }

    @Test("the same address in two sources is one person; the same name with another address is two")
    func samePersonByAddressOnly() throws {
        let results = try results(["Head of Defence Statistics", "Deputy Head of Defence Statistics"])
        // Ann Smith is in both files (her address in another case): one holder, the first source's.
        let head = try #require(results["Head of Defence Statistics"])
        #expect(head["status"] as? String == "resolved")
        let ann = try #require((head["holders"] as? [[String: Any]])?.first)
        #expect((head["holders"] as? [[String: Any]])?.count == 1)
        #expect(ann["source"] as? String == CommandRunner.example)
        // Two people called Bilal Jones with different addresses are never taken for one.
        let deputy = try #require(results["Deputy Head of Defence Statistics"])
        #expect(deputy["status"] as? String == "ambiguous")
        let sources = (deputy["holders"] as? [[String: Any]])?.compactMap { $0["source"] as? String }
        #expect(Set(sources ?? []) == [CommandRunner.example, Self.contacts])
    }

    @Test("verify: a contact is authorised from the contacts file; a person in both files is not 'several entries'")
    func verify() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merged-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "Head of Defence Statistics\nPrivate Secretary to the Minister for Defence Analysis\n"
            .write(toFile: folder + "/list.txt", atomically: true, encoding: .utf8)
        try "priya.shah@minister.example\nasmith@dda.example\ntom.okoro@stats-authority.example\n"
            .write(toFile: folder + "/recipients.txt", atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(
            ["verify", folder + "/list.txt", "--recipients", folder + "/recipients.txt", "--format", "json"]
                + Self.merged
        )
        #expect(result.status == 1)
        let recipients = try #require(try json(result)["recipients"] as? [[String: Any]])
        #expect(recipients.map { $0["status"] as? String } == ["authorised", "authorised", "unauthorised"])
        #expect(recipients[1]["dn"] as? String == "uid=asmith,ou=People,dc=dda,dc=example")
        // One source alone: the contact is not in the department's directory.
        let alone = try CommandRunner.run(
            [
                "verify", folder + "/list.txt", "--recipients", folder + "/recipients.txt", "--format", "json",
                "--ldif", CommandRunner.example, "--as-of", "2026-11-25",
            ]
        )
        let unmerged = try #require(try json(alone)["recipients"] as? [[String: Any]])
        #expect(unmerged.first?["status"] as? String == "unknown")
    }

    @Test("one source gives no source labels; the text header names every source")
    func labels() throws {
        let single = try CommandRunner.run(
            ["lookup", "--ldif", CommandRunner.example, "--format", "json", "Head of Defence Statistics"]
        )
        #expect(!single.stdout.contains("\"source\""))
        let text = try CommandRunner.run(
            ["lookup"] + Self.merged + ["Private Secretary to the Minister for Defence Analysis"]
        )
        #expect(text.stdout.hasPrefix("Directory: \(CommandRunner.example) + \(Self.contacts), as of"))
        #expect(text.stdout.contains("from \(Self.contacts)"))
    }

    @Test("an empty or malformed contacts file stops the run naming that file; stdin is read once")
    func badSecondSource() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID()).ldif").path
        try "# nothing\n".write(toFile: empty, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let result = try CommandRunner.run([
            "lookup", "--ldif", CommandRunner.example, "--ldif", empty, "Chief Statistician",
        ])
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(empty))
        let twice = try CommandRunner.run(["lookup", "--ldif", "-", "--ldif", "-", "Chief Statistician"], stdin: "")
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("at most one --ldif -"))
        let withSnapshot = try CommandRunner.run(
            ["lookup", "--ldif", CommandRunner.example, "--snapshot", empty, "Chief Statistician"]
        )
        #expect(withSnapshot.status == 2)
        #expect(withSnapshot.stderr.contains("--snapshot is a whole source"))
    }
}
