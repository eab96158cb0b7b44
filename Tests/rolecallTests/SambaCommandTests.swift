import Foundation
import ServerFixtures
import Testing

/// `rolecall` against a real Samba Active Directory domain controller holding the AD form of the
/// example department (see `Tests/ServerScripts/samba-seed.py`).
@Suite("rolecall against Samba Active Directory", .serialized)
struct SambaCommandTests {
    let dc: SambaDC

    init() throws { dc = try SambaDC.shared() }

    static let titles =
        LDAPLookupCommandTests.exampleTitles + [
            "Head of Directory Services", "Deputy Head of Directory Services", "Directory Services Manager",
        ]

    /// The service account's password, given as a scheduler would.
    private var password: [String: String] { ["ROLECALL_PASSWORD": dc.servicePassword] }

    private func source(_ uri: String? = nil, bindAs: String? = nil) -> [String] {
        ["--uri", uri ?? dc.ldapsURI, "--ca-file", dc.caFile, "--base", dc.base, "--bind-dn", bindAs ?? dc.serviceUPN]
    }

    private func lookup(_ source: [String], _ extra: [String] = []) throws -> CommandResult {
        try CommandRunner.run(
            ["lookup", "--as-of", "2026-11-25", "--format", "json"] + source + extra + Self.titles,
            environment: password
        )
    }

    /// The domain exported with ldapsearch, as an administrator would (operational attributes named).
    private func export() throws -> String {
        let passwordFile = dc.directory + "/export-password"
        try dc.servicePassword.write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ldapsearch")
        process.arguments = [
            "-LLL", "-o", "ldif-wrap=no", "-x", "-H", dc.ldapsURI, "-D", dc.serviceUPN, "-y", passwordFile, "-b",
            dc.base, "(objectClass=*)", "*", "msDS-User-Account-Control-Computed",
        ]
        process.environment = ["LDAPTLS_CACERT": dc.caFile, "PATH": "/usr/bin:/bin"]
        let path = dc.directory + "/export-\(UUID()).ldif"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: path)
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "ldapsearch could not export the domain")
        return path
    }

    private func results(_ result: CommandResult) throws -> [String: [String: Any]] {
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let list = try #require(document?["results"] as? [[String: Any]], "\(result.stderr)")
        return Dictionary(list.map { ($0["query"] as? String ?? "", $0) }) { first, _ in first }
    }

    private static func names(_ holders: Any?) -> [String] {
        (holders as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
    }

    @Test(
        "the domain gives the same answers as its LDIF export, in pages of 1, 7 and 500",
        arguments: ["1", "7", "500"]
    )
    func sameAsExport(pageSize: String) throws {
        let exported = try export()
        let fromLDIF = try lookup(["--ldif", exported])
        let fromAD = try lookup(source(), ["--page-size", pageSize])
        #expect(fromAD.status == 1, "\(fromAD.stderr)")
        #expect(fromAD.stderr.isEmpty, "\(fromAD.stderr)")
        #expect(fromAD.stdout == fromLDIF.stdout)
    }

    @Test("AD's account encodings: disabled flags, accountExpires 0 and never, lockoutTime, a deleted occupant")
    func accountStates() throws {
        let found = try results(try lookup(source()))
        let directory = try #require(found["Head of Directory Services"])
        #expect(directory["status"] as? String == "resolved")
        #expect(Self.names(directory["holders"]) == ["Ada Zero"])
        #expect((directory["inactiveHolders"] as? [[String: Any]])?.map { $0["reason"] as? String } == ["disabled"])
        #expect(found["Deputy Head of Directory Services"]?["status"] as? String == "resolved")
        let manager = try #require(found["Directory Services Manager"])
        #expect(manager["status"] as? String == "vacant")
        #expect((manager["inactiveHolders"] as? [[String: Any]])?.map { $0["reason"] as? String } == ["locked"])
        let census = try #require(found["Census Senior Responsible Owner"])
        #expect(census["status"] as? String == "vacant")
        let departed = try #require((census["inactiveHolders"] as? [[String: Any]])?.first)
        #expect(departed["reason"] as? String == "missing")
        #expect((departed["dn"] as? String)?.contains("\\0ADEL:") == true)
        let head = try #require(found["Head of Defence Statistics"])
        #expect(Self.names(head["holders"]) == ["Ann Smith"])
        #expect((head["inactiveHolders"] as? [[String: Any]])?.map { $0["reason"] as? String } == ["expired"])
    }

    @Test("binds as user@domain, DOMAIN\\user and DN all work over LDAPS and StartTLS; cleartext is refused")
    func binds() throws {
        let expected = try lookup(source())
        #expect(expected.status == 1, "\(expected.stderr)")
        for name in [dc.serviceDownLevelName, dc.serviceDN] {
            let result = try lookup(source(bindAs: name))
            #expect(result.stdout == expected.stdout, "bind as \(name): \(result.stderr)")
        }
        let startTLS = try lookup(source(dc.ldapURI), ["--starttls"])
        #expect(startTLS.stdout == expected.stdout, "\(startTLS.stderr)")
        // The domain requires TLS for simple binds; loopback is no excuse for RoleCall either way.
        let cleartext = try lookup(source(dc.ldapURI))
        #expect(cleartext.status == 3)
        #expect(cleartext.stdout.isEmpty)
        #expect(cleartext.stderr.contains("requires an encrypted connection"), "\(cleartext.stderr)")
    }

    @Test("recipients by proxyAddresses alias, sAMAccountName, DN and mail; strangers are unknown")
    func recipients() throws {
        let list = CommandRunner.packageRoot.appendingPathComponent("Docs/examples/access-list.txt").path
        let recipients = dc.directory + "/recipients-\(UUID()).txt"
        try
            "asmith.alias@dda.example\nasmith\nCN=Ann Smith,OU=People,DC=dda,DC=example\nbjones@dda.example\nnobody@dda.example\n"
            .write(toFile: recipients, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(
            ["verify", list, "--recipients", recipients, "--as-of", "2026-11-25", "--format", "json"] + source(),
            environment: password
        )
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let checked = try #require(document?["recipients"] as? [[String: Any]], "\(result.stderr)")
        #expect(
            checked.map { $0["status"] as? String } == [
                "authorised", "authorised", "authorised", "authorised", "unknown",
            ]
        )
    }

    @Test("a distribution group is expanded through its nested group, with the LDIF's verdicts")
    func distributionGroup() throws {
        let list = CommandRunner.packageRoot.appendingPathComponent("Docs/examples/access-list.txt").path
        let recipients = dc.directory + "/group-\(UUID()).txt"
        try "Press Office <press-office@dda.example>\n".write(toFile: recipients, atomically: true, encoding: .utf8)
        let command = ["verify", list, "--recipients", recipients, "--as-of", "2026-11-25", "--format", "json"]
        let verdicts = { (result: CommandResult) throws -> [String: String] in
            let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let checked = try #require(document?["recipients"] as? [[String: Any]], "\(result.stderr)")
            return Dictionary(
                checked.map { ($0["address"] as? String ?? "", "\($0["status"] ?? "") \($0["groups"] ?? "")") },
                uniquingKeysWith: { first, _ in first }
            )
        }
        let fromAD = try verdicts(try CommandRunner.run(command + source(), environment: password))
        let fromLDIF = try verdicts(try CommandRunner.run(command + ["--ldif", CommandRunner.example]))
        #expect(fromAD.count == 5)
        #expect(fromAD == fromLDIF)
    }

    @Test("the Global Catalog answers the same lookups, over StartTLS and LDAPS")
    func globalCatalog() throws {
        for uri in [dc.globalCatalogTLSURI, dc.globalCatalogURI] {
            let extra = uri == dc.globalCatalogURI ? ["--starttls"] : []
            let result = try lookup(source(uri), extra)
            #expect(result.status == 1, "\(uri): \(result.stderr)")
            #expect(Self.names(try results(result)["Head of Defence Statistics"]?["holders"]) == ["Ann Smith"])
        }
    }

    @Test("GSSAPI from a keytab, and from a ticket cache filled by kinit, give the answers of a password bind")
    func gssapi() throws {
        let expected = try lookup(source())
        let kerberos = [
            "--uri", dc.ldapURI.replacingOccurrences(of: "127.0.0.1", with: "localhost"), "--base", dc.base,
        ]
        let configuration = ["KRB5_CONFIG": dc.kerberosConfiguration]
        let withKeytab = try CommandRunner.run(
            [
                "lookup", "--as-of", "2026-11-25", "--format", "json", "--sasl-mech", "GSSAPI", "--keytab", dc.keytab,
                "--principal", dc.servicePrincipal,
            ] + kerberos + Self.titles,
            environment: configuration.merging(["KRB5CCNAME": "FILE:/nonexistent/cache"]) { $1 }
        )
        #expect(withKeytab.stdout == expected.stdout, "\(withKeytab.stderr)")
        let cache = "FILE:" + dc.directory + "/ccache-\(UUID())"
        let kinit = Process()
        kinit.executableURL = URL(fileURLWithPath: "/usr/bin/kinit")
        kinit.arguments = ["-k", "-t", dc.keytab, "-c", cache, dc.servicePrincipal]
        kinit.environment = configuration
        try kinit.run()
        kinit.waitUntilExit()
        #expect(kinit.terminationStatus == 0)
        let fromCache = try CommandRunner.run(
            ["lookup", "--as-of", "2026-11-25", "--format", "json", "--sasl-mech", "GSSAPI"] + kerberos + Self.titles,
            environment: configuration.merging(["KRB5CCNAME": cache]) { $1 }
        )
        #expect(fromCache.stdout == expected.stdout, "\(fromCache.stderr)")
        let noTicket = try CommandRunner.run(
            ["lookup", "--sasl-mech", "GSSAPI"] + kerberos + ["Chief Statistician"],
            environment: configuration.merging(["KRB5CCNAME": "FILE:/nonexistent/cache"]) { $1 }
        )
        #expect(noTicket.status == 3)
        #expect(noTicket.stderr.contains("no Kerberos ticket"), "\(noTicket.stderr)")
    }

    @Test(
        "a clock an hour off the KDC's is a Kerberos error that says so, exit 3",
        .disabled(
            if: ProcessInfo.processInfo.environment["ROLECALL_SANITIZED"] != nil,
            "faketime preloads its own clock functions, which hang a sanitizer-instrumented rolecall at start"
        )
    )
    func clockSkew() throws {
        // MIT Kerberos quietly adopts the KDC's time unless told not to (kdc_timesync).
        let strict = dc.directory + "/krb5-strict-\(UUID()).conf"
        try (try String(contentsOfFile: dc.kerberosConfiguration, encoding: .utf8))
            .replacingOccurrences(of: "[libdefaults]", with: "[libdefaults]\n    kdc_timesync = 0")
            .write(toFile: strict, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(
            [
                "-f", "+1h", CommandRunner.binary.path, "lookup", "--sasl-mech", "GSSAPI", "--keytab", dc.keytab,
                "--uri", dc.ldapURI.replacingOccurrences(of: "127.0.0.1", with: "localhost"), "--base", dc.base,
                "Chief Statistician",
            ],
            environment: ["KRB5_CONFIG": strict],
            executable: URL(fileURLWithPath: "/usr/bin/faketime")
        )
        #expect(result.status == 3)
        #expect(result.stderr.contains("Clock skew too great"), "\(result.stderr)")
    }

    @Test("rolecall snapshot refreshes from Samba by update sequence numbers: changes, titles removed, deletions")
    func snapshotRefresh() throws {
        let unit = "OU=Sync \(UUID().uuidString.prefix(8)),DC=dda,DC=example"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-\(UUID()).snapshot").path
        let contact = { (name: String, title: String) in
            "dn: CN=\(name),\(unit)\nchangetype: add\nobjectClass: contact\ntitle: \(title)\n\n"
        }
        try dc.change(
            "dn: \(unit)\nchangetype: add\nobjectClass: organizationalUnit\n\n"
                + contact("Sid Synced", "Keeper of Covert Ledgers") + contact("Kim Kept", "Keeper of Covert Seals")
        )
        defer {
            try? FileManager.default.removeItem(atPath: file)
            for name in ["Sid Synced", "Ada Added", "Kim Kept"] {
                try? dc.change("dn: CN=\(name),\(unit)\nchangetype: delete\n")
            }
            try? dc.change("dn: \(unit)\nchangetype: delete\n")
        }
        let source = ["--uri", dc.ldapsURI, "--ca-file", dc.caFile, "--base", unit, "--bind-dn", dc.serviceUPN]
        let run = { (extra: [String]) in
            try CommandRunner.run(["snapshot", file] + source + extra, environment: password)
        }
        let lookup = { (title: String) in try CommandRunner.run(["lookup", title, "--snapshot", file]).stdout }
        let first = try run([])
        #expect(first.stderr.contains("full read (no earlier snapshot to refresh): 2 entries"), "\(first.stderr)")
        #expect(try run([]).stderr.contains("incremental refresh: 0 new, 0 changed, 0 removed: 2 entries"))
        try dc.change(
            contact("Ada Added", "Keeper of Covert Archives")
                + "dn: CN=Sid Synced,\(unit)\nchangetype: modify\nreplace: title\ntitle: Keeper of Covert Maps\n\n"
        )
        let changed = try run([])
        #expect(
            changed.stderr.contains("incremental refresh: 1 new, 1 changed, 0 removed: 3 entries"),
            "\(changed.stderr)"
        )
        #expect(try lookup("Keeper of Covert Maps").contains("Sid Synced"))
        #expect(try lookup("Keeper of Covert Ledgers").contains("NOT FOUND"))
        // A title removed (the entry leaves the search) and an entry deleted: both go.
        try dc.change(
            "dn: CN=Sid Synced,\(unit)\nchangetype: modify\ndelete: title\n\n"
                + "dn: CN=Ada Added,\(unit)\nchangetype: delete\n\n"
        )
        let refused = try run([])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("would remove 2 of its 3 entries"))
        let removed = try run(["--max-removed", "100"])
        #expect(
            removed.stderr.contains("incremental refresh: 0 new, 0 changed, 2 removed: 1 entry"),
            "\(removed.stderr)"
        )
        #expect(try lookup("Keeper of Covert Maps").contains("NOT FOUND"))
        #expect(try lookup("Keeper of Covert Seals").contains("Kim Kept"))
    }
}
