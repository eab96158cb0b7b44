import Foundation
import Testing

@Suite("rolecall lookup")
struct LookupCommandTests {
    private func lookup(_ titles: [String], format: String = "json", extra: [String] = []) throws -> CommandResult {
        try CommandRunner.run(
            ["lookup", "--ldif", CommandRunner.example, "--as-of", "2026-11-25", "--format", format] + extra + titles
        )
    }

    private func json(_ result: CommandResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test("a listed role gives its holder as JSON, exit 0")
    func resolvedJSON() throws {
        let result = try lookup(["Head of Defence Statistics"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.hasPrefix("{\n  \"schemaVersion\": 2,"))
        let document = try json(result)
        let results = try #require(document["results"] as? [[String: Any]])
        #expect(results.count == 1)
        #expect(results[0]["status"] as? String == "resolved")
        #expect(results[0]["expectedHolders"] as? Int == 1)
        let holders = try #require(results[0]["holders"] as? [[String: Any]])
        #expect(holders.map { $0["mail"] as? String } == ["asmith@dda.example"])
        #expect(holders.map { $0["via"] as? String } == ["title"])
        #expect((results[0]["inactiveHolders"] as? [[String: Any]])?.first?["reason"] as? String == "expired")
        #expect(results[0]["similar"] is [Any])
    }

    @Test("similar titles in JSON, and --min-score")
    func similarJSON() throws {
        let result = try lookup(["Head of Defence Statistics"])
        let results = try #require(try json(result)["results"] as? [[String: Any]])
        let similar = try #require(results[0]["similar"] as? [[String: Any]])
        #expect(similar.count == 3)
        #expect(similar.allSatisfy { $0["reason"] is String && $0["score"] is Double && $0["holders"] is [Any] })
        #expect(similar.allSatisfy { ($0["differences"] as? [Any])?.isEmpty == false })
        let strict = try lookup(["Head of Defence Statistics"], extra: ["--min-score", "0.85"])
        let strictSimilar = try #require(
            (try json(strict)["results"] as? [[String: Any]])?.first?["similar"] as? [[String: Any]]
        )
        #expect(strictSimilar.map { $0["title"] as? String } == ["Deputy Head of Defence Statistics"])
        let bad = try lookup(["X"], extra: ["--min-score", "2"])
        #expect(bad.status == 2)
    }

    @Test("an unknown title is notFound, exit 1")
    func notFound() throws {
        let result = try lookup(["Head of Defence Inflation Statistics"])
        #expect(result.status == 1)
        let results = try #require(try json(result)["results"] as? [[String: Any]])
        #expect(results[0]["status"] as? String == "notFound")
    }

    @Test("every status appears, and any unresolved title gives exit 1")
    func everyStatus() throws {
        let result = try lookup([
            "Chief Statistician", "Press Officer", "Statistician, Armed Forces Personnel (x3)", "Chief Press Officer",
            "No Such Role",
        ])
        #expect(result.status == 1)
        let results = try #require(try json(result)["results"] as? [[String: Any]])
        #expect(
            results.map { $0["status"] as? String } == ["resolved", "ambiguous", "incomplete", "vacant", "notFound"]
        )
    }

    @Test("the same run twice gives byte-identical JSON")
    func stableOutput() throws {
        let titles = ["Chief Statistician", "Pre-release Access Coordinator", "Census Senior Responsible Owner"]
        #expect(try lookup(titles).stdout == lookup(titles).stdout)
    }

    @Test("text output lists holders and reasons")
    func text() throws {
        let result = try lookup(["Chief Press Officer"], format: "text")
        #expect(result.status == 1)
        #expect(result.stdout.contains("Chief Press Officer: VACANT"))
        #expect(result.stdout.contains("Farah Patel"))
        #expect(result.stdout.contains("locked"))
    }

    @Test("LDIF on standard input")
    func stdin() throws {
        let ldif = "dn: uid=a,dc=x\nobjectClass: inetOrgPerson\ncn: A\ntitle: Archivist\n"
        let result = try CommandRunner.run(["lookup", "--ldif", "-", "Archivist"], stdin: ldif)
        #expect(result.status == 0)
        #expect(result.stdout.contains("Archivist: resolved"))
    }

    @Test("malformed LDIF: exit 2 with file:line: what is wrong")
    func malformed() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID()).ldif").path
        try "dn: uid=a,dc=x\ncn: A\n\ndn: uid=b,dc=x\ncn No Colon\n".write(
            toFile: path,
            atomically: true,
            encoding: .utf8
        )
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CommandRunner.run(["lookup", "--ldif", path, "Archivist"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty, "no results may be printed from a half-read directory")
        #expect(result.stderr.contains("\(path):5: "))
        #expect(result.stderr.contains("no colon"))
    }

    @Test(
        "usage errors exit 2 and say what to do",
        arguments: [
            (["lookup", "Archivist"], "--ldif"),
            (["lookup", "--ldif", "x.ldif"], "at least one role title"),
            (["lookup", "--ldif", "x.ldif", "--as-of", "tomorrow", "X"], "not a date"),
            (["lookup", "--ldif", "x.ldif", "--as-of", "2026-02-30", "X"], "--as-of \"2026-02-30\" is not a date"),
            (["lookup", "--ldif", "x.ldif", "--as-of", "2026-06-01junk", "X"], "is not a date"),
            (["lookup", "--ldif", "x.ldif", "--time-zone", "Mars/Olympus", "X"], "--time-zone \"Mars/Olympus\""),
            // A misspelt option is named first, not hidden behind the missing source it caused.
            (
                ["lookup", "--ldfi", "x.ldif", "X"],
                "unknown option '--ldfi' for rolecall lookup; did you mean '--ldif'?"
            ),
            (
                ["verify", "list.txt", "--recipient", "r.txt", "--ldif", "x.ldif"],
                "unknown option '--recipient' for rolecall verify; did you mean '--recipients'?"
            ),
            (["lookup", "--ldif", "x.ldif", "--format", "xml", "X"], "format"),
            (["lookup", "--ldif", "/nonexistent/staff.ldif", "X"], "/nonexistent/staff.ldif"),
        ]
    )
    func usage(arguments: [String], message: String) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(message))
    }

    @Test("an empty export is exit 3, never 'vacant'")
    func emptyExport() throws {
        let result = try CommandRunner.run(["lookup", "--ldif", "-", "Archivist"], stdin: "# exported nothing\n")
        #expect(result.status == 3)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("no entries"))
    }

    @Test("URL values in an LDIF are refused unless allowed")
    func urlRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("url-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "Archivist".write(to: directory.appendingPathComponent("title.txt"), atomically: true, encoding: .utf8)
        let ldif = directory.appendingPathComponent("staff.ldif")
        try "dn: uid=a,dc=x\ncn: A\ntitle:< file:title.txt\n".write(to: ldif, atomically: true, encoding: .utf8)
        let refused = try CommandRunner.run(["lookup", "--ldif", ldif.path, "Archivist"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("refused by default"))
        let allowed = try CommandRunner.run(["lookup", "--ldif", ldif.path, "--allow-file-urls", "Archivist"])
        #expect(allowed.status == 0)
    }

    @Test(
        "a time without an offset is read in --time-zone (London: GMT in winter, BST in summer), and JSON gives the instant"
    )
    func timeZone() throws {
        let base = ["lookup", "--ldif", CommandRunner.example, "--format", "json", "Head of Defence Statistics"]
        let before = try CommandRunner.run(base + ["--as-of", "2025-12-31T23:30", "--time-zone", "Europe/London"])
        let after = try CommandRunner.run(base + ["--as-of", "2026-01-01T00:30", "--time-zone", "Europe/London"])
        #expect(before.stdout.contains("\"asOf\": \"2025-12-31T23:30:00Z\""))
        #expect(after.stdout.contains("\"asOf\": \"2026-01-01T00:30:00Z\""))
        let summer = try CommandRunner.run(base + ["--as-of", "2026-07-01T09:30", "--time-zone", "Europe/London"])
        #expect(summer.stdout.contains("\"asOf\": \"2026-07-01T08:30:00Z\""))
    }

    @Test("--version names the release and the libldap it was built against")
    func version() throws {
        let result = try CommandRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(
            result.stdout.range(
                of: #"^rolecall \d+\.\d+\.\d+ \(commit ([0-9a-f]{12}(\+changes)?|unknown), libldap \d+\.\d+\.\d+\)\n$"#,
                options: .regularExpression
            ) != nil,
            "\(result.stdout)"
        )
    }
}
