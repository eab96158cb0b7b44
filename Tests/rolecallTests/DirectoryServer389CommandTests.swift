import Foundation
import ServerFixtures
import Testing

/// `rolecall` against a real 389 Directory Server holding the example department.
@Suite("rolecall against 389 Directory Server", .serialized)
struct DirectoryServer389CommandTests {
    let server: DirectoryServer389

    init() throws { server = try DirectoryServer389.shared() }

    private func lookup(
        _ source: [String],
        _ titles: [String] = LDAPLookupCommandTests.exampleTitles
    ) throws
        -> CommandResult
    {
        try CommandRunner.run(
            ["lookup", "--as-of", "2026-11-25", "--format", "json"] + source + titles,
            environment: ["ROLECALL_PASSWORD": server.adminPassword]
        )
    }

    @Test(
        "the example gives the LDIF's answers in pages of 1, 7 and 500 (389 sends one cookie for every page)",
        arguments: ["1", "7", "500"]
    )
    func sameAsLDIF(pageSize: String) throws {
        let fromLDIF = try lookup(["--ldif", CommandRunner.example])
        let from389 = try lookup(["--uri", server.ldapURI, "--base", server.base, "--page-size", pageSize])
        #expect(from389.status == 1, "\(from389.stderr)")
        #expect(from389.stderr.isEmpty, "\(from389.stderr)")
        #expect(from389.stdout == fromLDIF.stdout)
    }

    @Test("verify expands a distribution list and its nested list from 389 as from the LDIF")
    func distributionList() throws {
        let list = CommandRunner.packageRoot.appendingPathComponent("Docs/examples/access-list.txt").path
        let recipients = FileManager.default.temporaryDirectory.appendingPathComponent("group-\(UUID()).txt").path
        try "Press Office <press-office@dda.example>\nasmith\n".write(
            toFile: recipients,
            atomically: true,
            encoding: .utf8
        )
        defer { try? FileManager.default.removeItem(atPath: recipients) }
        let command = ["verify", list, "--recipients", recipients, "--as-of", "2026-11-25", "--format", "json"]
        let fromLDIF = try CommandRunner.run(command + ["--ldif", CommandRunner.example])
        let from389 = try CommandRunner.run(command + ["--uri", server.ldapURI, "--base", server.base])
        #expect(from389.status == 1, "\(from389.stderr)")
        #expect(from389.stdout == fromLDIF.stdout)
        #expect(from389.stdout.contains("\"press-deputies@dda.example\""))
    }

    @Test("LDAPS and StartTLS with the server's CA give the same answers")
    func tls() throws {
        let expected = try lookup(["--ldif", CommandRunner.example])
        for source in [
            ["--uri", server.ldapsURI, "--ca-file", server.caFile],
            [
                "--uri", server.ldapURI.replacingOccurrences(of: "127.0.0.1", with: "localhost"), "--starttls",
                "--ca-file", server.caFile,
            ],
        ] {
            let result = try lookup(source + ["--base", server.base])
            #expect(result.stdout == expected.stdout, "\(source): \(result.stderr)")
        }
    }

    @Test("an anonymous search 389 answers with an empty success is exit 3, never 'not found'; bound, it reads")
    func emptySuccess() throws {
        let anonymous = try lookup(
            ["--uri", server.ldapURI, "--base", server.hiddenBase],
            ["Head of Covert Statistics"]
        )
        #expect(anonymous.status == 3)
        #expect(anonymous.stdout.isEmpty)
        #expect(anonymous.stderr.contains("no entries"), "\(anonymous.stderr)")
        let bound = try lookup(
            ["--uri", server.ldapURI, "--base", server.hiddenBase, "--bind-dn", server.adminDN],
            ["Head of Covert Statistics"]
        )
        #expect(bound.status == 0, "\(bound.stderr)")
        #expect(bound.stdout.contains("Hana Secret"))
    }

    @Test(
        "389's content synchronisation leaves open what is still there: every snapshot run reads it all, and is right"
    )
    func snapshotRefresh() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-\(UUID()).snapshot").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        // 389 refuses an anonymous sync search; the hidden subtree keeps these entries from the other tests.
        let source = ["--uri", server.ldapURI, "--base", server.hiddenBase, "--bind-dn", server.adminDN]
        let run = {
            try CommandRunner.run(
                ["snapshot", file] + source,
                environment: ["ROLECALL_PASSWORD": server.adminPassword]
            )
        }
        let lookup = { (title: String) in try CommandRunner.run(["lookup", title, "--snapshot", file]).stdout }
        #expect(try run().stderr.contains("full read (no earlier snapshot to refresh): 1 entry"))
        let ambiguous = "full read (the server's refresh does not say which entries are still there"
        #expect(try run().stderr.contains(ambiguous))
        try server.change(
            """
            dn: uid=synced,ou=Hidden,dc=dda,dc=example
            changetype: add
            objectClass: inetOrgPerson
            uid: synced
            cn: Sid Synced
            sn: Synced
            title: Keeper of Covert Ledgers

            """
        )
        defer { try? server.change("dn: uid=synced,ou=Hidden,dc=dda,dc=example\nchangetype: delete\n") }
        #expect(try run().stderr.contains("\(ambiguous), as 389 DS's does not; only a full read is sure): 2 entries"))
        #expect(try lookup("Keeper of Covert Ledgers").contains("Sid Synced"))
        // A title removed takes the entry out of the search: 389 reports nothing, the full read sees it.
        try server.change(
            "dn: uid=synced,ou=Hidden,dc=dda,dc=example\nchangetype: modify\ndelete: title\n\n"
        )
        #expect(try run().stderr.contains(": 1 entry in"))
        #expect(try lookup("Keeper of Covert Ledgers").contains("NOT FOUND"))
    }
}
