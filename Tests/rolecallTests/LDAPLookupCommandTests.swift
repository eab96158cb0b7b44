import Foundation
import ServerFixtures
import Testing

/// `rolecall lookup --uri` against a real slapd holding the example directory and generated entries.
@Suite("rolecall lookup --uri", .serialized)
struct LDAPLookupCommandTests {
    let slapd: Slapd

    init() throws { slapd = try Slapd.shared() }

    private func lookup(
        _ source: [String],
        _ titles: [String],
        environment: [String: String] = [:]
    ) throws -> CommandResult {
        try CommandRunner.run(
            ["lookup", "--as-of", "2026-11-25", "--format", "json"] + source + titles,
            environment: environment
        )
    }

    static let exampleTitles = [
        "Head of Defence Statistics", "Chief Press Officer", "Press Officer", "Press Officer (x2)",
        "Statistician, Armed Forces Personnel (x3)", "Director of Analysis", "Chief Statistician",
        "Census Senior Responsible Owner", "Pre-release Access Coordinator", "Head of Data Governance",
        "Defence Attache, Brasilia", "Head of Statistical Dissemnation", "*)(uid=*",
    ]

    @Test("the example directory gives byte-identical JSON from slapd and from its LDIF")
    func sameAsLDIF() throws {
        let fromLDAP = try lookup(["--uri", slapd.ldapURI, "--base", slapd.base], Self.exampleTitles)
        let fromLDIF = try lookup(["--ldif", CommandRunner.example], Self.exampleTitles)
        #expect(fromLDAP.status == 1)
        #expect(fromLDAP.stderr.isEmpty, "\(fromLDAP.stderr)")
        #expect(fromLDAP.stdout == fromLDIF.stdout)
        #expect(fromLDAP.stdout.contains("\"status\": \"vacant\""))
    }

    @Test(
        "a snapshot written from slapd answers like slapd; slapd down makes 'rolecall snapshot' exit 3 and keeps the file"
    )
    func snapshotFromLDAP() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "rolecall-\(UUID().uuidString).snapshot"
        ).path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let written = try CommandRunner.run(["snapshot", file, "--uri", slapd.ldapURI, "--base", slapd.base])
        #expect(written.status == 0, "\(written.stderr)")
        let fromSnapshot = try lookup(["--snapshot", file], Self.exampleTitles)
        let fromLDAP = try lookup(["--uri", slapd.ldapURI, "--base", slapd.base], Self.exampleTitles)
        #expect(fromSnapshot.status == fromLDAP.status)
        #expect(fromSnapshot.stdout == fromLDAP.stdout)
        let text = try CommandRunner.run(["lookup", "Chief Statistician", "--snapshot", file])
        #expect(text.stdout.hasPrefix("Directory: snapshot \(file) of \(slapd.ldapURI) (\(slapd.base)) reflecting "))

        // A snapshot from a server holds people with a title and occupants only: anyone else is
        // "not in the snapshot", never "not in the directory" (and never authorised).
        let recipients = file + ".recipients"
        defer { try? FileManager.default.removeItem(atPath: recipients) }
        try "nobody@dda.example\n".write(toFile: recipients, atomically: true, encoding: .utf8)
        let list = CommandRunner.packageRoot.appendingPathComponent("Docs/examples/access-list.txt").path
        let verify = try CommandRunner.run(
            ["verify", list, "--recipients", recipients, "--snapshot", file, "--format", "json"]
        )
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("\"reason\": \"notInSnapshot\""))

        // Nothing listens on a closed port: the refresh fails as unavailable and the old snapshot stays usable.
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let failed = try CommandRunner.run(["snapshot", file, "--uri", "ldap://127.0.0.1:1", "--timeout", "5"])
        #expect(failed.status == 3)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
    }

    @Test("every page size (1, 7, the default) gives the same answers as the LDIF", arguments: ["1", "7", "500"])
    func pageSizes(pageSize: String) throws {
        let fromLDAP = try lookup(
            ["--uri", slapd.ldapURI, "--base", slapd.base, "--page-size", pageSize],
            Self.exampleTitles
        )
        let fromLDIF = try lookup(["--ldif", CommandRunner.example], Self.exampleTitles)
        #expect(fromLDAP.status == 1)
        #expect(fromLDAP.stdout == fromLDIF.stdout)
    }

    @Test("SASL EXTERNAL over ldapi:// reads a directory anonymous users cannot; without it, exit 3")
    func saslExternal() throws {
        let source = ["--uri", slapd.ldapiURI, "--base", slapd.privateBase]
        let bound = try lookup(source + ["--sasl-mech", "EXTERNAL"], Self.exampleTitles)
        let fromLDIF = try lookup(["--ldif", CommandRunner.example], Self.exampleTitles)
        #expect(bound.status == 1, "\(bound.stderr)")
        #expect(bound.stdout == fromLDIF.stdout.replacingOccurrences(of: "dc=dda,dc=example", with: slapd.privateBase))
        let anonymous = try lookup(source, Self.exampleTitles)
        #expect(anonymous.status == 3)
        #expect(anonymous.stdout.isEmpty)
    }

    @Test("verify and report give the same JSON from slapd as from the LDIF")
    func workflowsSameAsLDIF() throws {
        let examples = CommandRunner.packageRoot.appendingPathComponent("Docs/examples")
        let list = examples.appendingPathComponent("access-list.txt").path
        let recipients = examples.appendingPathComponent("recipients.txt").path
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("recipients-\(UUID()).txt").path
        // Add someone without a title (found only by the recipient search), a DN, and a distribution
        // list whose members (and nested list, which lists it back) are fetched from the server.
        try
            (try String(contentsOfFile: recipients, encoding: .utf8)
            + "wpage@dda.example\nuid=vlee,ou=People,dc=dda,dc=example\nPress Office <press-office@dda.example>\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        for command in [["verify", list, "--recipients", file], ["report", list]] {
            let common = command + ["--as-of", "2026-11-25", "--format", "json"]
            let fromLDAP = try CommandRunner.run(common + ["--uri", slapd.ldapURI, "--base", slapd.base])
            let fromLDIF = try CommandRunner.run(common + ["--ldif", CommandRunner.example])
            #expect(fromLDAP.status == 1)
            #expect(fromLDAP.stdout == fromLDIF.stdout, "\(command[0])")
            #expect(fromLDAP.stdout.contains("\"schemaVersion\": 2"))
        }
        let verify = try CommandRunner.run(
            [
                "verify", list, "--recipients", file, "--as-of", "2026-11-25", "--uri", slapd.ldapURI, "--base",
                slapd.base,
            ]
        )
        #expect(
            verify.stdout.contains(
                "Press Office <press-office@dda.example> → press-deputies@dda.example → gevans@dda.example — NOT AUTHORISED"
            )
        )
    }

    @Test("--uri with a contacts --ldif merges them: the server first, each holder labelled with its source")
    func mergedWithContacts() throws {
        let contacts = CommandRunner.packageRoot.appendingPathComponent("Docs/examples/contacts.ldif").path
        let titles = ["Head of Defence Statistics", "Private Secretary to the Minister for Defence Analysis"]
        let result = try lookup(["--uri", slapd.ldapURI, "--base", slapd.base, "--ldif", contacts], titles)
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let results = try #require(document?["results"] as? [[String: Any]], "\(result.stderr)")
        let sources = results.map { ($0["holders"] as? [[String: Any]])?.compactMap { $0["source"] as? String } }
        // Ann Smith is in both: one holder, from the server read first.
        #expect(sources == [[slapd.ldapURI], [contacts]])
        #expect(results.allSatisfy { $0["status"] as? String == "resolved" })
    }

    @Test("thousands of generated entries, read in pages past the size limit, match their LDIF")
    func generatedSameAsLDIF() throws {
        let titles = [
            "Head of Statistics 0", "Deputy Head of Finance 3", "Press Officer, Energy 9", "Director of Trade 40",
        ]
        let fromLDAP = try lookup(["--uri", slapd.ldapURI, "--base", slapd.bigBase, "--page-size", "250"], titles)
        let fromLDIF = try lookup(["--ldif", slapd.generatedLDIF], titles)
        #expect(fromLDAP.stdout == fromLDIF.stdout)
        #expect(fromLDAP.stdout.contains("\"status\": \"resolved\""))
    }

    @Test("with several naming contexts and no --base, the user is asked to choose")
    func defaultBase() throws {
        // Two databases mean two naming contexts: the user must choose.
        let result = try lookup(["--uri", slapd.ldapURI], ["Chief Statistician"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--base"))
    }

    @Test("a bind with the password from a file or the environment; a wrong one is exit 3")
    func passwords() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pw-\(UUID())").path
        try (slapd.adminPassword + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let source = ["--uri", slapd.ldapURI, "--base", slapd.base, "--bind-dn", slapd.adminDN]
        #expect(try lookup(source + ["--password-file", file], ["Chief Statistician"]).status == 0)
        #expect(
            try lookup(source, ["Chief Statistician"], environment: ["ROLECALL_PASSWORD": slapd.adminPassword]).status
                == 0
        )
        let wrong = try lookup(source, ["Chief Statistician"], environment: ["ROLECALL_PASSWORD": "nope"])
        #expect(wrong.status == 3)
        #expect(wrong.stdout.isEmpty)
        #expect(wrong.stderr.contains("invalid credentials"))
        #expect(!wrong.stderr.contains("nope"))
        let noPassword = try CommandRunner.run(["lookup"] + source + ["Chief Statistician"])
        #expect(noPassword.status == 2)
        #expect(noPassword.stderr.contains("ROLECALL_PASSWORD"))
    }

    @Test("an unreachable directory is exit 3 and never 'vacant'")
    func unreachable() throws {
        let result = try lookup(
            ["--uri", "ldap://127.0.0.1:\(try Slapd.freePort())/", "--base", slapd.base],
            ["Chief Press Officer"]
        )
        #expect(result.status == 3)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("cannot reach"))
    }

    @Test("a search that finds nothing is exit 3 with a hint about --base and the bind")
    func emptySearch() throws {
        let result = try lookup(["--uri", slapd.ldapURI, "--base", "ou=Empty,dc=big,dc=example"], ["X"])
        #expect(result.status == 3)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("check --base"))
    }

    @Test("cleartext passwords to other hosts are refused before connecting")
    func cleartext() throws {
        let result = try lookup(
            ["--uri", "ldap://directory.example.org/", "--base", "dc=x", "--bind-dn", "cn=x"],
            ["X"],
            environment: ["ROLECALL_PASSWORD": "secret"]
        )
        #expect(result.status == 2)
        #expect(result.stderr.contains("--allow-insecure"))
    }

    @Test("TLS: the right CA works, the wrong one is exit 3 with a hint")
    func tls() throws {
        let good = try lookup(
            ["--uri", slapd.ldapsURI, "--base", slapd.base, "--ca-file", slapd.caFile],
            ["Chief Statistician"]
        )
        #expect(good.status == 0)
        let bad = try lookup(
            ["--uri", slapd.ldapsURI, "--base", slapd.base, "--ca-file", slapd.wrongCAFile],
            ["Chief Statistician"]
        )
        #expect(bad.status == 3)
        #expect(bad.stderr.contains("--ca-file"))
    }
}

/// A search the server answers with a referral (RFC 4511 §4.1.10) is an error, never an empty answer.
@Suite("rolecall and LDAP referrals")
struct ReferralTests {
    @Test("a base that is a referral object: exit 3 naming the referral, nothing 'vacant'")
    func referral() throws {
        let slapd = try Slapd.start(generated: 10)
        defer { slapd.kill() }
        try addReferral(to: slapd)
        let result = try CommandRunner.run([
            "lookup", "--uri", slapd.ldapURI, "--base", "ou=Elsewhere,dc=dda,dc=example", "Head of Defence Statistics",
        ])
        #expect(result.status == 3)
        #expect(result.stderr.contains("referred the search elsewhere"), "\(result.stderr)")
        #expect(!result.stdout.contains("VACANT"))
    }

    @Test("a group or recipient DN the server refers elsewhere: serve, snapshot --group and verify stop naming it")
    func groupBehindReferral() throws {
        let slapd = try Slapd.start(generated: 10)
        defer { slapd.kill() }
        try addReferral(to: slapd)
        let group = "cn=Press Office,ou=Elsewhere,dc=dda,dc=example"
        let source = ["--uri", slapd.ldapURI, "--base", "dc=dda,dc=example"]
        let serve = try CommandRunner.run(
            ["serve", "--listen", "127.0.0.1:0", "--allow-group", group] + ServeCommandTests.proxySignIn + source,
            hangLimit: 120
        )
        #expect(serve.status == 3)
        #expect(serve.stderr.contains("would not show \(group)"), "\(serve.stderr)")
        #expect(serve.stderr.contains("referred"), "\(serve.stderr)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("referral-\(UUID()).snapshot").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let snapshot = try CommandRunner.run(["snapshot", file, "--group", group] + source, hangLimit: 120)
        #expect(snapshot.status == 3)
        #expect(snapshot.stderr.contains("would not show \(group)"), "\(snapshot.stderr)")
        #expect(!FileManager.default.fileExists(atPath: file))
        // A recipient named by that DN: verify stops too, rather than call it unknown.
        let recipients = file + ".recipients.txt"
        try "\(group)\n".write(toFile: recipients, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: recipients) }
        let list = CommandRunner.packageRoot.appendingPathComponent("Docs/examples/access-list.txt").path
        let verify = try CommandRunner.run(["verify", list, "--recipients", recipients] + source, hangLimit: 120)
        #expect(verify.status == 3)
        #expect(verify.stderr.contains("would not show \(group)"), "\(verify.stderr)")
    }

    /// Adds `ou=Elsewhere`, a referral object pointing at another server.
    private func addReferral(to slapd: Slapd) throws {
        let add = Process()
        add.executableURL = URL(fileURLWithPath: "/usr/bin/ldapadd")
        add.arguments = ["-x", "-M", "-H", slapd.ldapURI, "-D", slapd.adminDN, "-w", slapd.adminPassword]
        let input = Pipe()
        add.standardInput = input
        add.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try add.run()
        input.fileHandleForWriting.write(
            Data(
                """
                dn: ou=Elsewhere,dc=dda,dc=example
                objectClass: referral
                objectClass: extensibleObject
                ou: Elsewhere
                ref: ldap://directory.elsewhere.example/ou=Elsewhere,dc=dda,dc=example

                """.utf8
            )
        )
        try input.fileHandleForWriting.close()
        add.waitUntilExit()
        try #require(add.terminationStatus == 0)
    }
}
