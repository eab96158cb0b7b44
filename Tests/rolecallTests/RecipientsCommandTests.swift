import Foundation
import Testing

/// Issue 17's "what was seen", each as the command a user ran: recipients pasted from Outlook, a
/// saved draft (.eml, .msg), standard input, and numbered or HTML access lists.
@Suite("rolecall verify with recipients and lists as they really arrive")
struct RecipientsCommandTests {
    static let examples = CommandRunner.packageRoot.appendingPathComponent("Docs/examples")
    static let list = examples.appendingPathComponent("access-list.txt").path
    static let source = ["--ldif", CommandRunner.example, "--as-of", "2026-11-25"]

    private func temporary(_ name: String, _ contents: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("rolecall-\(UUID().uuidString)-\(name)").path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Each recipient's address and status in verify's JSON.
    private func statuses(_ result: CommandResult) throws -> [String: String] {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let recipients = try #require(document["recipients"] as? [[String: Any]], "\(result.stderr)")
        var statuses: [String: String] = [:]
        for recipient in recipients {
            statuses[recipient["address"] as? String ?? ""] = recipient["status"] as? String
        }
        return statuses
    }

    /// `verify --format json` on a list and recipients written to temporary files: exit 0 expected.
    private func verifyDocument(list: (name: String, text: String), recipients: String) throws -> [String: Any] {
        let listFile = try temporary(list.name, list.text)
        let recipientsFile = try temporary("recipients.txt", recipients)
        defer {
            try? FileManager.default.removeItem(atPath: listFile)
            try? FileManager.default.removeItem(atPath: recipientsFile)
        }
        let result = try verify(recipientsFile, list: listFile)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    private func verify(_ recipients: String, list: String = Self.list, stdin: String? = nil) throws -> CommandResult {
        try CommandRunner.run(
            ["verify", list, "--recipients", recipients, "--format", "json"] + Self.source,
            stdin: stdin
        )
    }

    @Test("draft.eml, draft.msg, pasted.txt and standard input give the answers of one address a line")
    func sameAnswers() throws {
        // recipients.txt names vallen and sclarke by uid and DN; the drafts by address.
        var expected = try statuses(try verify(Self.examples.appendingPathComponent("recipients.txt").path))
        expected["vallen@dda.example"] = expected.removeValue(forKey: "vallen")
        expected["sclarke@dda.example"] = expected.removeValue(forKey: "uid=sclarke,ou=People,dc=dda,dc=example")
        #expect(expected.count == 9)
        for name in ["draft.eml", "draft.msg", "pasted.txt"] {
            let result = try verify(Self.examples.appendingPathComponent(name).path)
            #expect(result.status == 1, "\(name): \(result.stderr)")
            #expect(try statuses(result) == expected, "\(name)")
        }
        let pasted = try String(contentsOf: Self.examples.appendingPathComponent("pasted.txt"), encoding: .utf8)
        #expect(try statuses(try verify("-", stdin: pasted)) == expected)
    }

    @Test("seen 1: Outlook's paste is two recipients, each echoed as written with the address used")
    func outlookPaste() throws {
        let file = try temporary(
            "pasted.txt",
            "Smith, Ann <asmith@dda.example>; Jones, Bilal <bjones@dda.example>\n"
        )
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try CommandRunner.run(["verify", Self.list, "--recipients", file] + Self.source)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Smith, Ann <asmith@dda.example>"))
        #expect(result.stdout.contains("Jones, Bilal <bjones@dda.example>"))
        #expect(!result.stdout.contains("UNKNOWN"))
    }

    @Test("seen 1: a saved draft's Subject and body are not recipients")
    func draftBody() throws {
        let result = try verify(Self.examples.appendingPathComponent("draft.eml").path)
        let statuses = try statuses(result)
        #expect(statuses["not-a-recipient@dda.example"] == nil)
        #expect(statuses["cwong@dda.example"] == nil)
        #expect(!result.stdout.contains("Subject"))
    }

    @Test("an unparsable piece is exit 2 naming the file, line and column")
    func unparsable() throws {
        let file = try temporary("bad.txt", "asmith@dda.example\nSmith, Ann <asmith@dda.example\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try CommandRunner.run(["verify", Self.list, "--recipients", file] + Self.source)
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(file):2:12:"), "\(result.stderr)")
        #expect(result.stderr.contains("without closing it"))
    }

    @Test("seen 4: a numbered or bulleted access list works, and roles are shown without the markers")
    func numberedList() throws {
        let document = try verifyDocument(
            list: (
                "numbered.txt",
                "1. Head of Defence Statistics\n2) Chief Statistician\n• Head of Profession for Statistics\n– Press Officer (x2)\n"
            ),
            recipients: "asmith@dda.example\nvallen\nsclarke@dda.example\nhkhan@dda.example; ilewis@dda.example\n"
        )
        let roles = (document["recipients"] as? [[String: Any]] ?? []).flatMap { $0["roles"] as? [String] ?? [] }
        #expect(
            Set(roles) == [
                "Head of Defence Statistics", "Chief Statistician", "Head of Profession for Statistics",
                "Press Officer (x2)",
            ]
        )
    }

    @Test("an access list saved from a web page is read from its list items")
    func htmlList() throws {
        let page = """
            <!DOCTYPE html><html><body><h1>Pre-release access: Defence Statistics Bulletin</h1>
            <p>The following roles receive the release 24 hours early:</p>
            <ol>
              <li>Head of Defence Statistics</li>
              <li><strong>Chief</strong> Statistician</li>
              <li>Press Officer&nbsp;(x2)</li>
            </ol></body></html>
            """
        let document = try verifyDocument(
            list: ("list.html", page),
            recipients: "asmith@dda.example, vallen@dda.example, hkhan@dda.example, ilewis@dda.example\n"
        )
        #expect((document["uncovered"] as? [String]) == [])
    }

    @Test("a distribution list expands to its members: each judged, the way it was reached shown")
    func distributionList() throws {
        let file = try temporary(
            "draft.txt",
            "To: Press Office <press-office@dda.example>, asmith@dda.example\nSubject: x\n\n"
        )
        defer { try? FileManager.default.removeItem(atPath: file) }
        let text = try CommandRunner.run(["verify", Self.list, "--recipients", file] + Self.source)
        #expect(text.status == 1)
        #expect(text.stdout.contains("✓ Press Office <press-office@dda.example> → hkhan@dda.example — authorised"))
        #expect(
            text.stdout.contains(
                "✗ Press Office <press-office@dda.example> → press-deputies@dda.example → jmurray@dda.example — NOT AUTHORISED"
            )
        )
        #expect(text.stdout.contains("✓ asmith@dda.example — authorised"))
        #expect(text.stdout.contains("3 of 6 recipients must not receive this."))
        let json = try verify(file)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let recipients = try #require(document["recipients"] as? [[String: Any]])
        let gevans = try #require(recipients.first { $0["address"] as? String == "gevans@dda.example" })
        #expect(gevans["groups"] as? [String] == ["press-office@dda.example", "press-deputies@dda.example"])
        #expect(recipients.last?["groups"] as? [String] == [])
    }
}
