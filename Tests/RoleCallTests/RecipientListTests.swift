import Foundation
import RoleCall
import Testing

/// Recipients as they really arrive: pasted from a mail client, saved as a message, or a plain list.
@Suite("Recipient lists as mail clients write them")
struct RecipientListTests {
    private func parse(_ text: String, source: String = "recipients.txt") throws -> [Recipient] {
        try RecipientList.parse(Array(text.utf8), source: source)
    }

    private func addresses(_ text: String, source: String = "recipients.txt") throws -> [String] {
        try parse(text, source: source).map(\.address)
    }

    private func problem(_ text: String, source: String = "recipients.txt") -> RoleCallError.Problem? {
        do {
            _ = try parse(text, source: source)
            return nil
        } catch let error as RoleCallError {
            return error.problem
        } catch {
            return nil
        }
    }

    @Test("what Outlook copies: several recipients a line, names with commas, separated by ;")
    func outlookPaste() throws {
        let recipients = try parse("Smith, Ann <asmith@dda.example>; Jones, Bilal <bjones@dda.example>\n")
        #expect(recipients.map(\.address) == ["asmith@dda.example", "bjones@dda.example"])
        #expect(recipients.map(\.written) == ["Smith, Ann <asmith@dda.example>", "Jones, Bilal <bjones@dda.example>"])
        #expect(recipients.map(\.column) == [1, 34])
    }

    @Test(
        "each RFC 5322 form, mailto: and the identifiers accepted before",
        arguments: [
            ("asmith@dda.example", ["asmith@dda.example"]),
            ("<asmith@dda.example>", ["asmith@dda.example"]),
            ("Ann Smith <asmith@dda.example>", ["asmith@dda.example"]),
            ("\"Smith, Ann\" <asmith@dda.example>", ["asmith@dda.example"]),
            ("\"Smith, Ann (Stats)\" <asmith@dda.example> (work)", ["asmith@dda.example"]),
            ("mailto:asmith@dda.example", ["asmith@dda.example"]),
            ("mailto:asmith@dda.example?subject=Bulletin", ["asmith@dda.example"]),
            ("<mailto:asmith@dda.example>", ["asmith@dda.example"]),
            ("a@x, b@x; c@x", ["a@x", "b@x", "c@x"]),
            ("Press Office: hkhan@dda.example, ilewis@dda.example;", ["hkhan@dda.example", "ilewis@dda.example"]),
            ("Undisclosed recipients:;", []),
            ("vallen", ["vallen"]),
            ("vallen; sclarke", ["vallen", "sclarke"]),
            ("uid=sclarke,ou=People,dc=dda,dc=example", ["uid=sclarke,ou=People,dc=dda,dc=example"]),
        ]
    )
    func forms(line: String, expected: [String]) throws {
        if expected.isEmpty {
            #expect(problem(line) == .emptyList(.recipients, path: "recipients.txt"))
        } else {
            #expect(try addresses(line) == expected)
        }
    }

    @Test(
        "a recipient beside an Outlook-style name is never swallowed by it; DNs stay whole",
        arguments: [
            ("vallen; Carol Wong <cwong@dda.example>", ["vallen", "cwong@dda.example"]),
            ("bjones; sclarke; Carol <c@x>", ["bjones", "sclarke", "c@x"]),
            ("a@x, Bob <b@x>", ["a@x", "b@x"]),
            (
                "uid=x,ou=People,dc=dda,dc=example; a@x",
                ["uid=x,ou=People,dc=dda,dc=example", "a@x"]
            ),
            (
                "mail=asmith@dda.example,ou=People,dc=dda,dc=example",
                ["mail=asmith@dda.example,ou=People,dc=dda,dc=example"]
            ),
            ("To: a@x\nb@x\nc@x", ["a@x", "b@x", "c@x"]),
        ]
    )
    func neighbours(text: String, expected: [String]) throws {
        #expect(try addresses(text) == expected)
    }

    @Test("a name fragment on its own between semicolons is an error, not dropped")
    func orphanName() {
        guard case .unparsableRecipient(_, 1, 1, _, .nameWithoutAddress) = problem("Press Office; Smith, Ann <a@x>")
        else {
            Issue.record("\(String(describing: problem("Press Office; Smith, Ann <a@x>")))")
            return
        }
    }

    @Test("long pasted lines, a message's 8-bit body and percent-escaped controls")
    func robustness() throws {
        let many = (1...400).map { "Person \($0) <p\($0)@dda.example>" }.joined(separator: "; ")
        #expect(try parse(many).count == 400)
        var message = Array("From: a@x\r\nTo: b@x\r\nSubject: hi\r\n\r\n".utf8)
        message += [0xE9, 0x0A] + Array(repeating: UInt8(ascii: "x"), count: 5_000)
        #expect(try RecipientList.parse(message, source: "draft.eml").map(\.address) == ["b@x"])
        #expect(try parse("mailto:a%0Ab@x").map(\.address) == ["a\u{FFFD}b@x"])
        // No address holds a tab or space, and a part after ";" is a DN only when it is a valid one.
        #expect(problem("Ann <a\tb>") != nil)
        guard case .unparsableRecipient(_, 1, _, _, .nameWithoutAddress) = problem("a@x;, x=y\tz") else {
            Issue.record("a part after ; that is not a valid DN is not read whole")
            return
        }
        // Not a message: a list whose first lines look like headers.
        #expect(try addresses("From: a@x\nTo: b@x\nc@x\n") == ["a@x", "b@x", "c@x"])
        // A message: a stray line in its header block is an error at that line.
        guard
            case .unparsableRecipient(_, 3, 1, _, .notAHeaderField) = problem(
                "From: a@x\nTo: b@x\nc@x\n",
                source: "d.eml"
            )
        else {
            Issue.record("a stray line in a message's header block must be an error")
            return
        }
    }

    @Test(
        "a piece that is not a recipient is an error at its line and column",
        arguments: [
            ("a@x\nAnn Smith\n", 2, 1, RecipientProblem.nameWithoutAddress),
            ("a@x; Ann <ann@x\n", 1, 10, .unclosedAngleBracket),
            ("\"Smith, Ann <ann@x>\n", 1, 1, .unclosedQuote),
            ("Ann (Stats <ann@x>\n", 1, 5, .unclosedComment),
            ("Ann <ann@x> Smith\n", 1, 12, .textAfterAddress),
            ("b@x, Ann <>\n", 1, 6, .emptyAddress),
            ("a@b@c\n", 1, 1, .notAnAddress),
            ("  x@y, ann smith@x\n", 1, 8, .notAnAddress),
        ]
    )
    func unparsable(text: String, line: Int, column: Int, expected: RecipientProblem) {
        guard case .unparsableRecipient(let path, let foundLine, let foundColumn, _, let found) = problem(text) else {
            Issue.record(
                "no unparsable-recipient error for \(text.debugDescription): \(String(describing: problem(text)))"
            )
            return
        }
        #expect(path == "recipients.txt")
        #expect((foundLine, foundColumn, found) == (line, column, expected))
    }

    @Test("a saved message: To, Cc, Bcc and Resent-, folded, groups, encoded names; the body ignored")
    func message() throws {
        let text = """
            From: Publications <pubs@dda.example>\r
            To: "Smith, Ann" <asmith@dda.example>,\r
             =?UTF-8?Q?Victor_All=C3=A9n?= <vallen@dda.example>\r
            Cc: Press: hkhan@dda.example, =?UTF-8?B?QmlsYWwgSm9uZXM=?= <bjones@dda.example>;\r
            Subject: Bulletin to: nobody@dda.example\r
            Resent-To: fpatel@dda.example\r
            Bcc: dokafor@dda.example\r
            \r
            To: body@dda.example\r

            """
        let recipients = try parse(text, source: "draft.txt")
        #expect(
            recipients.map(\.address) == [
                "asmith@dda.example", "vallen@dda.example", "hkhan@dda.example", "bjones@dda.example",
                "fpatel@dda.example", "dokafor@dda.example",
            ]
        )
        #expect(recipients[1].written == "Victor Allén <vallen@dda.example>")
        #expect(recipients[3].written == "Bilal Jones <bjones@dda.example>")
        #expect(recipients.map(\.line) == [2, 2, 4, 4, 6, 7])
    }

    @Test("an encoded name cannot forge a line or a control character")
    func encodedControlCharacters() throws {
        // "Ann\nAUTHORISED" and a bell, base64-encoded.
        let recipients = try parse("To: =?UTF-8?B?QW5uCkFVVEhPUklTRUQH?= <a@x>\n", source: "draft.eml")
        #expect(recipients.map(\.written) == ["Ann\u{FFFD}AUTHORISED\u{FFFD} <a@x>"])
    }

    @Test("a message with no recipients, or a .eml without headers, names the file")
    func emptyMessage() {
        #expect(problem("From: a@x\nSubject: hi\n\nbody\n") == .emptyList(.recipients, path: "recipients.txt"))
    }

    @Test("the example department's draft.eml, draft.msg and pasted.txt name the same people as recipients.txt")
    func examples() throws {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Docs/examples")
        let plain = try RecipientList.load(path: examples.appendingPathComponent("recipients.txt").path)
        // recipients.txt names two people by uid and DN; the others hold their addresses.
        let expected = plain.map(\.address).map { address in
            address == "vallen"
                ? "vallen@dda.example"
                : address.hasPrefix("uid=sclarke") ? "sclarke@dda.example" : address
        }
        for name in ["draft.eml", "draft.msg", "pasted.txt"] {
            let recipients = try RecipientList.load(path: examples.appendingPathComponent(name).path)
            #expect(recipients.map(\.address).sorted() == expected.sorted(), "\(name)")
        }
        let outlook = try RecipientList.load(path: examples.appendingPathComponent("draft.msg").path)
        #expect(outlook.first?.written == "Smith, Ann <asmith@dda.example>")
    }

    @Test("a damaged or cut .msg is an error naming the file, never a crash")
    func damagedMessage() throws {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Docs/examples")
        let bytes = Array(try Data(contentsOf: examples.appendingPathComponent("draft.msg")))
        let whole = Set(try RecipientList.parse(bytes, source: "draft.msg").map(\.address))
        for length in [8, 512, 1_024, bytes.count / 2, bytes.count - 64] {
            switch Result(catching: { () throws(RoleCallError) in
                try RecipientList.parse(Array(bytes.prefix(length)), source: "cut.msg")
            }) {
            case .success(let recipients):
                // A cut that spares the recipient table still reads; it must not invent anyone.
                #expect(Set(recipients.map(\.address)).isSubset(of: whole))
            case .failure(let error):
                #expect(error.problem == .unreadableMessage(path: "cut.msg", .damaged))
            }
        }
        // Every sector number pointing at itself or past the end: refused, in bounded time.
        var looped = bytes
        for offset in stride(from: 512, to: min(looped.count, 2_048), by: 4) {
            looped[offset] = 0x01
            looped[offset + 1] = 0
            looped[offset + 2] = 0
            looped[offset + 3] = 0
        }
        #expect(throws: RoleCallError.self) { try RecipientList.parse(looped, source: "looped.msg") }
    }
}

/// Access lists as published: list markers removed, HTML list items read.
@Suite("Access lists as published")
struct PublishedAccessListTests {
    @Test("bullets and numbering are not part of the role; the line is kept")
    func markers() throws {
        let text = """
            1. Chief Statistician
            2) Press Officer (x2)
            • Head of Defence Statistics
            – Director of Analysis
            (a) Chief Press Officer
            iv. Census Senior Responsible Owner
            - Head of Profession for Statistics
            A&E Consultant
            1st Secretary
            """
        let list = try AccessList.parse(Array(text.utf8), source: "list.txt", format: .text)
        #expect(
            list.roles.map(\.title) == [
                "Chief Statistician", "Press Officer (x2)", "Head of Defence Statistics", "Director of Analysis",
                "Chief Press Officer", "Census Senior Responsible Owner", "Head of Profession for Statistics",
                "A&E Consultant", "1st Secretary",
            ]
        )
        #expect(list.roles.map(\.line) == Array(1...9))
        let kept = ["N. Ireland Secretary", "A. N. Other", "mil. Attaché", "E. Midlands Director"]
        let parsed = try AccessList.parse(Array(kept.joined(separator: "\n").utf8), source: "l.txt", format: .text)
        #expect(parsed.roles.map(\.title) == kept)
        let markers = try AccessList.parse(
            Array("IV. Chief Statistician\nb) Press Officer\n".utf8),
            source: "l.txt",
            format: .text
        )
        #expect(markers.roles.map(\.title) == ["Chief Statistician", "Press Officer"])
    }

    @Test("a page's navigation, footer, scripts and nested-list headings are not roles; a BOM is fine")
    func pageFurniture() throws {
        let page =
            "\u{FEFF}<!DOCTYPE html><html><nav><ul><li>Home</li><li>About</li></ul></nav>"
            + "<!-- <li>Commented</li> --><main><ul><li>Directors<ul><li>Director of Analysis</li></ul></li>"
            + "<li>Chief Statistician</li></ul></main><footer><ul><li>Contact</li></ul></footer>"
            + "<script>var x = '<li>no</li>';</script></html>"
        let list = try AccessList.parse(Array(page.utf8), source: "list.html", format: .html)
        #expect(list.roles.map(\.title) == ["Director of Analysis", "Chief Statistician"])
    }

    @Test("an HTML page's list items, tags and character references handled, with their lines")
    func html() throws {
        let page = """
            <html><body><p>Pre-release access</p>
            <ul>
              <li>Head of Defence &amp; Security Statistics</li>
              <li><a href="#">Chief</a>
                  Statistician
              <li>1. Press Officer&nbsp;(x2)</li>
              <li>Line&#10;break</li>
            </ul></body></html>
            """
        let list = try AccessList.parse(Array(page.utf8), source: "list.html", format: .html)
        #expect(
            list.roles.map(\.title) == [
                "Head of Defence & Security Statistics", "Chief Statistician", "Press Officer (x2)",
                "Line\u{FFFD}break",
            ]
        )
        #expect(list.roles.map(\.line) == [3, 4, 6, 7])
    }
}
