import Foundation
import ServerFixtures
import Testing

/// `rolecall serve` as its users meet it: the JSON API gives the command line's documents, the
/// pages answer the same questions safely, and a followed snapshot file is switched when replaced.
@Suite("rolecall serve", .serialized)
struct ServeCommandTests {
    static let examples = CommandRunner.packageRoot.appendingPathComponent("Docs/examples").path
    static let source = ["--ldif", CommandRunner.example, "--as-of", "2026-11-25"]
    /// A sign-in proxy on loopback naming the user in `X-Remote-User`, for the --allow-group tests.
    static let proxySignIn = ["--trusted-proxy", "127.0.0.1", "--user-header", "X-Remote-User"]

    /// The status of the page for the Chief Statistician, asked as `user` through the sign-in proxy.
    private func lookupStatus(_ server: ServedRoleCall, as user: String) async throws -> Int {
        try await server.get("/lookup?title=Chief%20Statistician", headers: [("X-Remote-User", user)]).status
    }
    static let listName = "Defence Statistics Bulletin"

    /// A folder holding the example access list under a readable name.
    static func listsFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lists-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: Self.examples + "/access-list.txt",
            toPath: folder + "/\(Self.listName).txt"
        )
        return folder
    }

    private func errorCode(_ answer: ServedRoleCall.Answer) -> String? {
        let document = try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]
        return (document?["error"] as? [String: Any])?["code"] as? String
    }

    @Test("the JSON API answers with exactly the documents of lookup, verify and report")
    func sameDocumentsAsCommandLine() async throws {
        let lists = try Self.listsFolder()
        defer { try? FileManager.default.removeItem(atPath: lists) }
        let server = try ServedRoleCall(Self.source + ["--lists", lists])
        let titles = ["Head of Defence Statistics", "Press Officer (x2)", "Head of Statistical Dissemnation"]
        let lookup = try await server.get(
            "/api/lookup?"
                + titles.map { "title=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }
                .joined(separator: "&")
        )
        #expect(lookup.status == 200)
        #expect(lookup.body == (try CommandRunner.run(["lookup", "--format", "json"] + Self.source + titles).stdout))

        let pasted =
            "Smith, Ann <asmith@dda.example>; Jones, Bilal <bjones@dda.example>\nPress Office <press-office@dda.example>\n"
        let recipients = lists + "/../recipients-\(UUID()).txt"
        try pasted.write(toFile: recipients, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: recipients) }
        let body = try JSONSerialization.data(withJSONObject: ["listName": Self.listName, "recipients": pasted])
        let verify = try await server.post(
            "/api/verify",
            contentType: "application/json",
            body: String(decoding: body, as: UTF8.self)
        )
        #expect(verify.status == 200)
        let fromCLI = try CommandRunner.run(
            ["verify", lists + "/\(Self.listName).txt", "--recipients", recipients, "--format", "json"] + Self.source
        )
        #expect(verify.body == fromCLI.stdout)

        let report = try await server.get("/api/report?listName=Defence%20Statistics%20Bulletin")
        #expect(report.status == 200)
        let reportCLI = try CommandRunner.run(
            ["report", lists + "/\(Self.listName).txt", "--format", "json"] + Self.source
        )
        #expect(report.body == reportCLI.stdout)
    }

    @Test("bad requests get 400, 404, 413 or 415 with a code and a message, never a guess")
    func errors() async throws {
        let lists = try Self.listsFolder()
        defer { try? FileManager.default.removeItem(atPath: lists) }
        let server = try ServedRoleCall(Self.source + ["--lists", lists])
        let noTitle = try await server.get("/api/lookup")
        #expect(noTitle.status == 400)
        #expect(errorCode(noTitle) == "noTitle")
        let unknown = try await server.get("/api/report?listName=Nope")
        #expect(unknown.status == 404)
        #expect(errorCode(unknown) == "unknownList")
        #expect(unknown.body.contains(Self.listName))
        let notJSON = try await server.post("/api/verify", contentType: "text/plain", body: "x")
        #expect(notJSON.status == 415)
        let badJSON = try await server.post("/api/verify", contentType: "application/json", body: "{\"list\": 3}")
        #expect(badJSON.status == 400)
        // A check another site's page started is refused, whether that site is this one's sibling or not.
        for site in ["cross-site", "same-site"] {
            let fromElsewhere = try await server.post(
                "/api/verify",
                contentType: "application/json",
                body: #"{"list": ["Chief Statistician"], "recipients": "asmith@dda.example"}"#,
                headers: [("Sec-Fetch-Site", site)]
            )
            #expect(fromElsewhere.status == 403)
            #expect(errorCode(fromElsewhere) == "crossSite")
        }
        let unparsable = try await server.post(
            "/api/verify",
            contentType: "application/json",
            body: #"{"list": ["Chief Statistician"], "recipients": "Ann Smith"}"#
        )
        #expect(unparsable.status == 400)
        #expect(errorCode(unparsable) == "badRecipients")
        #expect(
            unparsable.body.contains("recipients:1:1: \\\"Ann Smith\\\" is a name without an address"),
            "\(unparsable.body)"
        )
        let huge = try await server.post(
            "/api/verify",
            contentType: "application/json",
            body: String(repeating: "a", count: 2 << 20)
        )
        #expect(huge.status == 413)
        #expect(errorCode(huge) == "tooLarge")
    }

    @Test("pages: the form needs the page's token, directory values are text, nothing is cached")
    func pages() async throws {
        let lists = try Self.listsFolder()
        defer { try? FileManager.default.removeItem(atPath: lists) }
        let server = try ServedRoleCall(Self.source + ["--lists", lists])
        let home = try await server.get("/")
        #expect(home.status == 200)
        #expect(home.header("Cache-Control") == "no-store")
        #expect(home.header("Content-Security-Policy")?.contains("default-src 'none'") == true)
        let token = try #require(
            home.body.range(of: #"name="token" value=""#).map {
                String(home.body[$0.upperBound...].prefix { $0 != "\"" })
            }
        )
        let fields = [
            ("listName", Self.listName), ("list", ""),
            ("recipients", "Smith, Ann <asmith@dda.example>; dokafor@dda.example"),
        ]
        let forged = try await server.postForm("/verify", fields)
        #expect(forged.status == 403)
        #expect(!forged.body.contains("AUTHORISED"))
        // Another site's page posting the form, even with a token it somehow has, is refused.
        let crossSite = try await server.postForm(
            "/verify",
            [("token", token)] + fields,
            headers: [("Sec-Fetch-Site", "cross-site")]
        )
        #expect(crossSite.status == 403)
        let checked = try await server.postForm(
            "/verify",
            [("token", token)] + fields,
            headers: [("Sec-Fetch-Site", "same-origin")]
        )
        #expect(checked.status == 200)
        #expect(checked.body.contains("No: 1 of 2 recipients must not receive this."))
        #expect(checked.body.contains("Smith, Ann &lt;asmith@dda.example&gt;"))
        // A pasted list instead of a configured one.
        let pastedList = try await server.postForm(
            "/verify",
            [("token", token), ("listName", ""), ("list", "1. Head of Defence Statistics\n"), ("recipients", "asmith")]
        )
        #expect(pastedList.body.contains("Yes: all 1 recipients are authorised."))
        let hostile = try await server.get("/lookup?title=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        #expect(hostile.status == 200)
        #expect(!hostile.body.contains("<script>"))
        #expect(hostile.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        let report = try await server.get("/report?listName=Defence+Statistics+Bulletin")
        #expect(report.body.contains("Stale-role report: Defence Statistics Bulletin"))
        #expect(report.header("Cache-Control") == "no-store")
        // An address no route answers gets the framework's own 404, with the same headers.
        let unknown = try await server.get("/nothing-here")
        #expect(unknown.status == 404)
        #expect(unknown.header("Cache-Control") == "no-store")
        #expect(unknown.header("Content-Security-Policy") == home.header("Content-Security-Policy"))
        #expect(unknown.header("X-Frame-Options") == "DENY")
    }

    @Test("the saved draft uploaded (.eml or Outlook's .msg) gives the answers of the pasted recipients")
    func upload() async throws {
        let lists = try Self.listsFolder()
        defer { try? FileManager.default.removeItem(atPath: lists) }
        let server = try ServedRoleCall(Self.source + ["--lists", lists])
        let home = try await server.get("/")
        #expect(home.body.contains("enctype=\"multipart/form-data\""))
        let token = try #require(
            home.body.range(of: #"name="token" value=""#).map {
                String(home.body[$0.upperBound...].prefix { $0 != "\"" })
            }
        )
        let fields = [("token", token), ("listName", Self.listName), ("list", ""), ("recipients", "")]
        var verdicts: [String] = []
        for name in ["draft.eml", "draft.msg"] {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.examples + "/" + name))
            let answer = try await server.postMultipart("/verify", fields: fields, file: ("message", name, bytes))
            #expect(answer.status == 200, "\(name): \(answer.body)")
            verdicts.append(
                answer.body.components(separatedBy: "<strong>").dropFirst().map { $0.prefix { $0 != "<" } }.joined(
                    separator: " "
                )
            )
        }
        #expect(verdicts[0] == verdicts[1])
        #expect(verdicts[0].contains("No: 3 of 9 recipients must not receive this."), "\(verdicts[0])")
        let pasted = try await server.postMultipart(
            "/verify",
            fields: [("token", token), ("listName", Self.listName), ("recipients", "asmith@dda.example")],
            file: ("message", "", Data())
        )
        #expect(pasted.body.contains("Yes: all 1 recipients are authorised."))
    }

    @Test("a followed snapshot file is switched when replaced; data older than --max-age is refused with 503")
    func followsSnapshot() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let snapshot = folder + "/directory.snapshot"
        #expect(try CommandRunner.run(["snapshot", snapshot, "--ldif", CommandRunner.example]).status == 0)
        let server = try ServedRoleCall(["--snapshot", snapshot, "--max-age", "3650d", "--as-of", "2026-11-25"])
        let before = try await server.get("/api/lookup?title=Head%20of%20Defence%20Statistics")
        #expect(before.body.contains("Ann Smith"))
        // The scheduled refresh: Ann Smith's title passes to someone else.
        let changed = try String(contentsOfFile: CommandRunner.example, encoding: .utf8)
            .replacingOccurrences(of: "cn: Ann Smith", with: "cn: Ann Smith-Jones")
        try changed.write(toFile: folder + "/changed.ldif", atomically: true, encoding: .utf8)
        #expect(try CommandRunner.run(["snapshot", snapshot, "--ldif", folder + "/changed.ldif"]).status == 0)
        let after = try await server.get("/api/lookup?title=Head%20of%20Defence%20Statistics")
        #expect(after.body.contains("Ann Smith-Jones"))

        // An export last written in 2020 makes a snapshot reflecting 2020.
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_600_000_000)],
            ofItemAtPath: folder + "/changed.ldif"
        )
        #expect(try CommandRunner.run(["snapshot", snapshot, "--ldif", folder + "/changed.ldif"]).status == 0)
        let stale = try ServedRoleCall(["--snapshot", snapshot, "--max-age", "1d"])
        let refused = try await stale.get("/api/lookup?title=Chief%20Statistician")
        #expect(refused.status == 503)
        #expect(errorCode(refused) == "dataTooOld")
        let page = try await stale.get("/lookup?title=Chief%20Statistician")
        #expect(page.status == 503)
        #expect(!page.body.contains("Victor Allen"))
    }

    @Test("a request naming another host (DNS rebinding) is refused; loopback names are answered")
    func hostHeader() throws {
        let server = try ServedRoleCall(Self.source)
        for host in ["evil.example", "evil.example:80", "127.0.0.1.evil.example"] {
            #expect(try server.raw("GET / HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n").contains(" 421 "))
        }
        for host in ["127.0.0.1", "localhost:8080", "[::1]:1"] {
            #expect(
                try server.raw("GET /style.css HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n").contains(
                    " 200 "
                )
            )
        }
    }

    @Test("hostile directory values (markup, a newline) are shown as text on the page")
    func hostileValues() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let name = Data("Eve <script>alert(1)</script>\n✓ Forged Holder".utf8).base64EncodedString()
        try "dn: uid=eve,dc=x\ncn:: \(name)\nmail: \"><img src=x>@x\ntitle: Head of Statistics\n"
            .write(toFile: folder + "/hostile.ldif", atomically: true, encoding: .utf8)
        let server = try ServedRoleCall(["--ldif", folder + "/hostile.ldif"])
        let page = try await server.get("/lookup?title=Head+of+Statistics")
        #expect(page.status == 200)
        #expect(!page.body.contains("<script>") && !page.body.contains("<img"))
        #expect(page.body.contains("Eve &lt;script&gt;alert(1)&lt;/script&gt;\\n✓ Forged Holder"))
    }

    @Test("listening beyond loopback is refused until the page has TLS and sign-in")
    func loopbackOnly() throws {
        let result = try CommandRunner.run(["serve", "--listen", "0.0.0.0:8080"] + Self.source)
        #expect(result.status == 2)
        #expect(result.stderr.contains("not a loopback address"))
    }

    @Test("behind a sign-in proxy: only the proxy may ask, it must name the user, and evidence records that user")
    func signInProxy() async throws {
        let folder = try Self.listsFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let evidence = folder + "/evidence.jsonl"
        // The proxy's address written as IPv4 mapped into IPv6 is still this machine's 127.0.0.1.
        let proxied = ["--trusted-proxy", "::ffff:127.0.0.1", "--user-header", "X-Remote-User", "--evidence", evidence]
        let server = try ServedRoleCall(Self.source + ["--lists", folder] + proxied)
        let unnamed = try await server.get("/lookup?title=Chief%20Statistician")
        #expect(unnamed.status == 403)
        #expect(!unnamed.body.contains("Victor Allen"))
        let twoNames = try await server.get(
            "/",
            headers: [("X-Remote-User", "asmith@DDA.EXAMPLE"), ("X-Remote-User", "mallory")]
        )
        #expect(twoNames.status == 403)
        let named = try await server.get(
            "/lookup?title=Chief%20Statistician",
            headers: [("X-Remote-User", "asmith@DDA.EXAMPLE")]
        )
        #expect(named.status == 200)
        #expect(named.body.contains("Victor Allen"))
        let body = try JSONSerialization.data(withJSONObject: [
            "listName": Self.listName, "recipients": "asmith@dda.example", "release": "Bulletin, 3 December",
        ])
        let verify = try await server.post(
            "/api/verify",
            contentType: "application/json",
            body: String(decoding: body, as: UTF8.self),
            headers: [("X-Remote-User", "asmith@DDA.EXAMPLE")]
        )
        #expect(verify.status == 200)
        let record = try #require(try String(contentsOfFile: evidence, encoding: .utf8).split(separator: "\n").last)
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: Any])
        #expect(fields["by"] as? String == "asmith@DDA.EXAMPLE")

        // One user's form token does not post another's form: no check is kept in someone else's name.
        func token(of user: String) async throws -> String {
            let home = try await server.get("/", headers: [("X-Remote-User", user)])
            return try #require(
                home.body.range(of: #"name="token" value=""#).map {
                    String(home.body[$0.upperBound...].prefix { $0 != "\"" })
                }
            )
        }
        let asmithToken = try await token(of: "asmith@DDA.EXAMPLE")
        #expect(try await token(of: "mallory@DDA.EXAMPLE") != asmithToken)
        let form = [
            ("token", asmithToken), ("listName", Self.listName), ("recipients", "asmith@dda.example"),
            ("release", "Bulletin, 3 December"),
        ]
        let forged = try await server.postForm("/verify", form, headers: [("X-Remote-User", "mallory@DDA.EXAMPLE")])
        #expect(forged.status == 403)
        let own = try await server.postForm("/verify", form, headers: [("X-Remote-User", "asmith@DDA.EXAMPLE")])
        #expect(own.status == 200)
        let records = try String(contentsOfFile: evidence, encoding: .utf8).split(separator: "\n")
        #expect(records.count == 2)
        #expect(!records.contains { $0.contains("mallory") })

        // A proxy elsewhere: this machine's own requests are not the proxy's, whatever they claim.
        let elsewhere = try ServedRoleCall(
            Self.source + ["--trusted-proxy", "192.0.2.10", "--user-header", "X-Remote-User"]
        )
        let direct = try await elsewhere.get("/", headers: [("X-Remote-User", "asmith")])
        #expect(direct.status == 403)
        #expect(direct.body.contains("sign-in"))
        let named2 = try CommandRunner.run(
            ["serve", "--trusted-proxy", "proxy.dda.example", "--user-header", "X-Remote-User"] + Self.source
        )
        #expect(named2.status == 2)
        #expect(named2.stderr.contains("not an IP address"))
        let alone = try CommandRunner.run(["serve", "--trusted-proxy", "127.0.0.1"] + Self.source)
        #expect(alone.status == 2)
        #expect(alone.stderr.contains("go together"))
    }

    @Test(
        "--allow-group: active members (nested ones too) named by uid or mail get in; others, or an unknown group, do not"
    )
    func allowGroup() async throws {
        let group = "cn=Press Office,ou=Lists,dc=dda,dc=example"
        let signIn = Self.proxySignIn
        let server = try ServedRoleCall(Self.source + signIn + ["--allow-group", group])
        func status(of user: String) async throws -> Int { try await lookupStatus(server, as: user) }
        #expect(try await status(of: "hkhan") == 200)
        // A member whose account is locked is not let in.
        #expect(try await status(of: "fpatel") == 403)
        // A member of a nested group, named by mail in another case.
        #expect(try await status(of: "GEvans@DDA.example") == 200)
        let outsider = try await server.get(
            "/lookup?title=Chief%20Statistician",
            headers: [("X-Remote-User", "asmith")]
        )
        #expect(outsider.status == 403)
        #expect(!outsider.body.contains("Victor Allen"))
        #expect(outsider.body.contains("does not list you"))
        // A part of a name is not the name.
        #expect(try await status(of: "hkha") == 403)

        // Refused at start: these must not start serving (a free port, and no long wait if they did).
        let refusedStart = ["--listen", "127.0.0.1:0"] + Self.source + signIn
        let unknown = try CommandRunner.run(
            ["serve", "--allow-group", "cn=Nobody,ou=Lists,dc=dda,dc=example"] + refusedStart,
            hangLimit: 60
        )
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no group has that DN"))
        let person = try CommandRunner.run(
            ["serve", "--allow-group", "uid=asmith,ou=People,dc=dda,dc=example"] + refusedStart,
            hangLimit: 60
        )
        #expect(person.status == 2)
        let unsigned = try CommandRunner.run(
            ["serve", "--listen", "127.0.0.1:0", "--allow-group", group] + Self.source,
            hangLimit: 60
        )
        #expect(unsigned.status == 2)
        #expect(unsigned.stderr.contains("needs a sign-in"))
    }

    @Test("--allow-group with --uri: the group and its nested members are read from the server at start")
    func allowGroupFromServer() async throws {
        let slapd = try Slapd.shared()
        let source = ["--uri", slapd.ldapURI, "--base", slapd.base, "--as-of", "2026-11-25"]
        let signIn = Self.proxySignIn
        // The server's search for titles and roles does not find the list itself: it is fetched by DN.
        let server = try ServedRoleCall(
            source + signIn + ["--allow-group", "cn=Press Office,ou=Lists,\(slapd.base)"]
        )
        func status(of user: String) async throws -> Int { try await lookupStatus(server, as: user) }
        #expect(try await status(of: "hkhan") == 200)
        #expect(try await status(of: "GEvans@DDA.example") == 200)  // through the nested list
        #expect(try await status(of: "fpatel") == 403)  // locked by the server's password policy
        #expect(try await status(of: "asmith") == 403)

        let unknown = try CommandRunner.run(
            ["serve", "--listen", "127.0.0.1:0", "--allow-group", "cn=Nobody,ou=Lists,\(slapd.base)"] + source + signIn,
            hangLimit: 60
        )
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no group has that DN in the directory data"))
    }

    @Test(
        "--allow-group from a server's snapshot written with --group: the group is read again at every refresh"
    )
    func allowGroupFromServerSnapshot() async throws {
        let slapd = try Slapd.shared()
        let unit = "Senders \(UUID().uuidString.prefix(8))"
        let group = "cn=Release Senders,ou=\(unit),\(slapd.base)"
        try slapd.change(
            """
            dn: ou=\(unit),\(slapd.base)
            changetype: add
            objectClass: organizationalUnit
            ou: \(unit)

            dn: uid=sender,ou=\(unit),\(slapd.base)
            changetype: add
            objectClass: inetOrgPerson
            uid: sender
            cn: Sam Sender
            sn: Sender
            mail: sender@dda.example

            dn: \(group)
            changetype: add
            objectClass: groupOfNames
            cn: Release Senders
            member: uid=hkhan,ou=People,\(slapd.base)
            member: uid=sender,ou=\(unit),\(slapd.base)
            """
        )
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (file, withoutGroup) = (directory + "/with-group.snapshot", directory + "/plain.snapshot")
        let server = ["--uri", slapd.ldapURI, "--base", slapd.base]
        let written = try CommandRunner.run(["snapshot", file, "--group", group] + server)
        #expect(written.status == 0, "\(written.stderr)")
        let signIn = Self.proxySignIn
        let served = try ServedRoleCall(["--snapshot", file, "--allow-group", group] + signIn)
        func status(of user: String) async throws -> Int { try await lookupStatus(served, as: user) }
        #expect(try await status(of: "hkhan") == 200)
        // A member with no title: the search for titles and roles never reads them.
        #expect(try await status(of: "sender@dda.example") == 200)
        #expect(try await status(of: "asmith") == 403)

        // The directory adds a member; the group is outside the refreshed search, so only reading
        // it again brings the member in. The page follows the replaced file.
        try slapd.change(
            """
            dn: \(group)
            changetype: modify
            add: member
            member: uid=asmith,ou=People,\(slapd.base)
            """
        )
        let refreshed = try CommandRunner.run(["snapshot", file, "--group", group] + server)
        #expect(refreshed.status == 0, "\(refreshed.stderr)")
        #expect(!refreshed.stderr.contains("full read"), "a refresh, not a full read: \(refreshed.stderr)")
        var admitted = false
        for _ in 0..<50 where !admitted {
            admitted = try await status(of: "asmith") == 200
            if !admitted { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(admitted)
        #expect(try await status(of: "hkhan") == 200)

        // A server's snapshot written without --group holds no group: the start says how to keep one.
        #expect(try CommandRunner.run(["snapshot", withoutGroup] + server).status == 0)
        let refused = try CommandRunner.run(
            ["serve", "--listen", "127.0.0.1:0", "--snapshot", withoutGroup, "--allow-group", group] + signIn,
            hangLimit: 60
        )
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--group"))
        // --group is for servers, and takes a DN.
        let export = try CommandRunner.run(
            ["snapshot", directory + "/export.snapshot", "--group", group, "--ldif", CommandRunner.example]
        )
        #expect(export.status == 2)
        #expect(export.stderr.contains("--uri"))
        let notADN = try CommandRunner.run(
            ["snapshot", directory + "/x.snapshot", "--group", "Release Senders"] + server
        )
        #expect(notADN.status == 2)
        #expect(notADN.stderr.contains("not a DN"))
    }

    @Test("a client asking faster than --rate-limit gets 429 with Retry-After")
    func rateLimit() async throws {
        let server = try ServedRoleCall(Self.source + ["--rate-limit", "1"])
        var statuses: [Int] = []
        for _ in 0..<10 { statuses.append(try await server.get("/style.css").status) }
        #expect(statuses.prefix(2).allSatisfy { $0 == 200 })
        #expect(statuses.contains(429))

        // Behind a sign-in proxy every request comes from the proxy: the limit is per signed-in user.
        let proxied = try ServedRoleCall(
            Self.source + ["--rate-limit", "1", "--trusted-proxy", "127.0.0.1", "--user-header", "X-Remote-User"]
        )
        var busy: [Int] = []
        for _ in 0..<10 {
            busy.append(try await proxied.get("/style.css", headers: [("X-Remote-User", "busy")]).status)
        }
        #expect(busy.contains(429))
        #expect(try await proxied.get("/style.css", headers: [("X-Remote-User", "quiet")]).status == 200)
    }
}
