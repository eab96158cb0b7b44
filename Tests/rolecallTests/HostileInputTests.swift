import Foundation
import ServerFixtures
import Testing

/// Input written to hurt: every case ends in bounded time and memory with a clear message or a
/// correct answer, never a crash, a hang or a wrong "resolved".
@Suite("hostile input")
struct HostileInputTests {
    private static let header = "dn: dc=x\nobjectClass: dcObject\ndc: x\n\n"

    /// How many values, words, titles or DN components the "more than N" shapes hold: past every
    /// 16-bit bound, and small enough that a debug build finishes them with a wide margin on a busy
    /// 2-core machine. `Scripts/hostile.sh` runs the same tests with a million against a release build.
    private static let many = Int(ProcessInfo.processInfo.environment["ROLECALL_HOSTILE_SCALE"] ?? "") ?? 70_000

    private static func person(_ uid: String, title: String) -> String {
        "dn: uid=\(uid),dc=x\nobjectClass: inetOrgPerson\nuid: \(uid)\ncn: \(uid)\nsn: \(uid)\nmail: \(uid)@x\ntitle: \(title)\n\n"
    }

    private func file(_ name: String, _ content: some DataProtocol) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID())-\(name)").path
        try Data(content).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func lookup(_ ldif: String, _ titles: [String]) throws -> CommandResult {
        try CommandRunner.run(["lookup", "--ldif", ldif, "--format", "json"] + titles)
    }

    private func results(_ result: CommandResult) throws -> [[String: Any]] {
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return try #require(document?["results"] as? [[String: Any]])
    }

    @Test("filter syntax in titles is only ever a literal title")
    func injectedTitles() throws {
        let ldif = try file(
            "injection.ldif",
            Array((Self.header + Self.person("a", title: "*)(uid=*") + Self.person("b", title: "Head of X")).utf8)
        )
        defer { try? FileManager.default.removeItem(atPath: ldif) }
        let found = try results(try lookup(ldif, ["*)(uid=*", "(title=*)", "Head of X)(|(uid=*"]))
        let holders = found.map { ($0["holders"] as? [[String: Any]])?.compactMap { $0["dn"] as? String } ?? [] }
        #expect(holders == [["uid=a,dc=x"], [], []])
        #expect(found.map { $0["status"] as? String } == ["resolved", "notFound", "notFound"])
    }

    @Test("a title holding a NUL byte is a different title; a list line holding one is refused with its line")
    func nulBytes() throws {
        let title = Data("Head of X\0Deputy".utf8).base64EncodedString()
        let ldif = try file(
            "nul.ldif",
            Array(
                (Self.header + Self.person("a", title: "Head of X")
                    + "dn: uid=n,dc=x\nobjectClass: inetOrgPerson\nuid: n\ncn: n\nsn: n\ntitle:: \(title)\n\n").utf8
            )
        )
        let list = try file("list.txt", Array("Head of X\nHead of\0 X\n".utf8))
        defer { for path in [ldif, list] { try? FileManager.default.removeItem(atPath: path) } }
        let found = try results(try lookup(ldif, ["Head of X"]))
        #expect((found[0]["holders"] as? [[String: Any]])?.compactMap { $0["dn"] as? String } == ["uid=a,dc=x"])
        let refused = try CommandRunner.run(["report", list, "--ldif", ldif])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("\(list):2: contains the control character 0x0"))
    }

    @Test("a 10 MB line, a 1 MB title and a 100,000-word title are read in bounded time, with short messages")
    func hugeLines() throws {
        let line = String(repeating: "x", count: 10_000_000)
        let long = String(repeating: "A", count: 1_000_000)
        let words = Array(repeating: "Head", count: 100_000).joined(separator: " ")
        let content =
            Self.header + Self.person("a", title: "Head of X").dropLast() + "description: \(line)\n\n"
            + Self.person("b", title: long) + Self.person("c", title: words)
        let ldif = try file("long.ldif", Array(content.utf8))
        let list = try file("list.txt", Array(("Head of X\n" + String(repeating: "B", count: 5_000) + "\n").utf8))
        defer { for path in [ldif, list] { try? FileManager.default.removeItem(atPath: path) } }
        let found = try results(try lookup(ldif, ["Head of X", "Head of " + String(repeating: "A", count: 100_000)]))
        #expect(found.map { $0["status"] as? String } == ["resolved", "notFound"])
        let refused = try CommandRunner.run(["report", list, "--ldif", ldif])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains(":2: a line of 5000 characters"))
        #expect(refused.stderr.count < 500)
    }

    @Test("many values in one attribute: each missing occupant is reported")
    func manyOccupants() throws {
        var content = Self.header + Self.person("a", title: "Head of X")
        content += "dn: cn=r,dc=x\nobjectClass: organizationalRole\ncn: Head of Y\n"
        for index in 0..<Self.many { content += "roleOccupant: uid=u\(index),dc=x\n" }
        content += "roleOccupant: uid=a,dc=x\n\n"
        let ldif = try file("values.ldif", Array(content.utf8))
        defer { try? FileManager.default.removeItem(atPath: ldif) }
        let result = try lookup(ldif, ["Head of Y"])
        let found = try results(result)
        #expect((found[0]["holders"] as? [[String: Any]])?.compactMap { $0["dn"] as? String } == ["uid=a,dc=x"])
        #expect((found[0]["inactiveHolders"] as? [[String: Any]])?.count == Self.many)
    }

    /// Words that differ from each other: four letters each, 26⁴ of them.
    private static func word(_ number: Int) -> String {
        var rest = number
        var letters = ""
        for _ in 0..<4 {
            letters.append(Character(Unicode.Scalar(UInt8(97 + rest % 26))))
            rest /= 26
        }
        return letters
    }

    @Test("more than 65,536 of anything: distinct words in a title, titles, values, attribute names")
    func moreThanSixteenBits() throws {
        let hugeTitle = (0..<Self.many).map(Self.word).joined(separator: " ")
        var content = Self.header + Self.person("a", title: "Head of X")
        // A self-service user who wrote a title of `many` distinct words, and a copy with 'Deputy'.
        content += Self.person("w", title: hugeTitle) + Self.person("d", title: "Deputy " + hugeTitle)
        // One person with `many` distinct titles, and one with `many` distinct attribute names.
        content += Self.person("t", title: "Analyst 0").dropLast()
        for index in 1..<Self.many { content += "title: Analyst \(index)\n" }
        content += "\n" + Self.person("n", title: "Head of Z").dropLast()
        for index in 0..<Self.many { content += "x-attribute-\(index): \(index)\n" }
        content += "\n"
        let ldif = try file("wide.ldif", Array(content.utf8))
        let list = try file("list.txt", Array("Head of X\nHead of Z\nAnalyst \(Self.many - 1)\n".utf8))
        defer { for path in [ldif, list] { try? FileManager.default.removeItem(atPath: path) } }
        let looked = try lookup(ldif, ["Head of X", "Analyst \(Self.many / 2)", "Head of Z"])
        #expect(looked.status == 0, "\(looked.stderr.prefix(500))")
        let holders = try results(looked).map {
            ($0["holders"] as? [[String: Any]])?.compactMap { $0["dn"] as? String } ?? []
        }
        #expect(holders == [["uid=a,dc=x"], ["uid=t,dc=x"], ["uid=n,dc=x"]])
        let report = try CommandRunner.run(["report", list, "--ldif", ldif, "--format", "json", "--fail-on", "error"])
        #expect(report.status == 0, "\(report.stderr.prefix(500))")
        #expect(try results(report).map { $0["status"] as? String } == ["resolved", "resolved", "resolved"])
    }

    @Test("deeply nested and malformed DNs: read, compared, and quoted briefly in warnings")
    func hostileDNs() throws {
        let deep = (0..<Self.many).map { "ou=o\($0)" }.joined(separator: ",")
        let content =
            Self.header
            + "dn: uid=a,\(deep),dc=x\nobjectClass: inetOrgPerson\nuid: a\ncn: a\nsn: a\ntitle: Head of X\n\n"
            + "dn: cn=r,dc=x\nobjectClass: organizationalRole\ncn: Head of Y\nroleOccupant: \(String(repeating: "\\", count: Self.many))\n"
            + "roleOccupant: uid=a,\(deep.uppercased()),dc=x\n\n"
        let ldif = try file("dn.ldif", Array(content.utf8))
        defer { try? FileManager.default.removeItem(atPath: ldif) }
        let result = try lookup(ldif, ["Head of X", "Head of Y"])
        let found = try results(result)
        #expect(found.map { $0["status"] as? String } == ["resolved", "resolved"])
        // The occupant DN differs only in case, so it names the same person.
        #expect((found[1]["holders"] as? [[String: Any]])?.count == 1)
        #expect(result.stderr.contains("is not a valid DN"))
        #expect(result.stderr.contains("(\(Self.many) characters)"))
        #expect(result.stderr.count < 1_000)
    }

    @Test("role occupants that name roles (a loop, or the role itself) are not followed: missing, not resolved")
    func occupantLoop() throws {
        let content =
            Self.header
            + "dn: cn=A,dc=x\nobjectClass: organizationalRole\ncn: Head of X\nroleOccupant: cn=B,dc=x\n\n"
            + "dn: cn=B,dc=x\nobjectClass: organizationalRole\ncn: Head of Y\nroleOccupant: cn=A,dc=x\n\n"
            + "dn: cn=C,dc=x\nobjectClass: organizationalRole\ncn: Head of Z\nroleOccupant: cn=C,dc=x\n\n"
        let ldif = try file("loop.ldif", Array(content.utf8))
        defer { try? FileManager.default.removeItem(atPath: ldif) }
        let result = try lookup(ldif, ["Head of X", "Head of Y", "Head of Z"])
        #expect(result.status == 1)
        let found = try results(result)
        #expect(found.map { $0["status"] as? String } == ["vacant", "vacant", "vacant"])
        let reasons = found.compactMap { ($0["inactiveHolders"] as? [[String: Any]])?.first?["reason"] as? String }
        #expect(reasons == ["missing", "missing", "missing"])
    }

    @Test("recipients written as filter syntax find nobody in a live directory")
    func injectedRecipients() throws {
        let slapd = try Slapd.shared()
        let list = CommandRunner.packageRoot.appendingPathComponent("Docs/examples/access-list.txt").path
        let recipients = try file(
            "recipients.txt",
            Array(
                "*\n*)(uid=*\n\"asmith)(|(mail=*\"@dda.example\nuid=*,ou=People,dc=dda,dc=example\nasmith@dda.example\n"
                    .utf8
            )
        )
        defer { try? FileManager.default.removeItem(atPath: recipients) }
        let result = try CommandRunner.run([
            "verify", list, "--recipients", recipients, "--uri", slapd.ldapURI, "--base", slapd.base, "--format",
            "json",
            "--as-of", "2026-11-25",
        ])
        #expect(result.status == 1)
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let checked = try #require(document?["recipients"] as? [[String: Any]])
        #expect(checked.map { $0["status"] as? String } == ["unknown", "unknown", "unknown", "unknown", "authorised"])
        // Unquoted, the same characters are not an address at all: refused before any search.
        let malformed = try file("malformed.txt", Array("asmith@dda.example)(|(mail=*\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: malformed) }
        let refused = try CommandRunner.run([
            "verify", list, "--recipients", malformed, "--uri", slapd.ldapURI, "--base", slapd.base, "--as-of",
            "2026-11-25",
        ])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("\(malformed):1:20:"), "\(refused.stderr)")
    }
}
