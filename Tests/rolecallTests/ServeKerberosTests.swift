import Foundation
import ServerFixtures
import Testing

/// `rolecall serve --service-keytab`: Kerberos single sign-on (HTTP Negotiate) with a real MIT KDC on
/// loopback and curl as the browser, signed in with `kinit`.
@Suite("rolecall serve --service-keytab", .serialized)
struct ServeKerberosTests {
    static let chiefStatistician = "/lookup?title=Chief%20Statistician"

    /// The server's URL by the name its service principal has (`HTTP/localhost`).
    private func url(_ server: ServedRoleCall, _ path: String) -> String {
        server.url.replacingOccurrences(of: "127.0.0.1", with: "localhost") + path
    }

    /// Whether the last response's headers prove the page to the browser (a Negotiate reply token).
    private func provesThePage(_ headers: String) -> Bool {
        headers.lowercased().split(whereSeparator: \.isNewline).last { $0.hasPrefix("www-authenticate:") }?
            .contains("negotiate ") == true
    }

    @Test(
        "a ticket for the page signs its holder in; evidence records the principal; a replayed or broken token does not"
    )
    func signsIn() async throws {
        let realm = try KerberosRealm.shared()
        let folder = try ServeCommandTests.listsFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let evidence = folder + "/evidence.jsonl"
        let server = try ServedRoleCall(
            ServeCommandTests.source + [
                "--lists", folder, "--service-keytab", realm.serviceKeytab, "--evidence", evidence,
            ],
            environment: realm.serviceEnvironment
        )
        // No ticket offered: asked for one, and nothing from the directory shown.
        let unsigned = try Curl.request(url(server, Self.chiefStatistician))
        #expect(unsigned.status == 401)
        #expect(unsigned.headers.lowercased().contains("www-authenticate: negotiate\r\n"))
        #expect(unsigned.body.contains("single sign-on"))
        #expect(!unsigned.body.contains("Victor Allen"))

        let hkhan = try realm.signIn("hkhan")
        let page = try Curl.request(
            url(server, Self.chiefStatistician),
            negotiate: true,
            environment: hkhan,
            verbose: true
        )
        #expect(page.status == 200)
        #expect(page.body.contains("Victor Allen"))
        #expect(provesThePage(page.headers))

        // The same token again is a replay: refused.
        let token = try #require(page.authorizationSent)
        #expect(token.hasPrefix("Negotiate "))
        let replayed = try await server.get(Self.chiefStatistician, headers: [("Authorization", token)])
        #expect(replayed.status == 401)
        #expect(!replayed.body.contains("Victor Allen"))
        for broken in ["Negotiate AAAA", "Negotiate not-base64!", "Basic aGtoYW46cGFzcw==", "Negotiate"] {
            let answer = try await server.get(Self.chiefStatistician, headers: [("Authorization", broken)])
            #expect(answer.status == 401, "\(broken)")
            #expect(!answer.body.contains("Victor Allen"))
        }

        let check = try JSONSerialization.data(withJSONObject: [
            "listName": ServeCommandTests.listName, "recipients": "asmith@dda.example",
            "release": "Bulletin, 3 December",
        ])
        let verify = try Curl.request(
            url(server, "/api/verify"),
            json: String(decoding: check, as: UTF8.self),
            negotiate: true,
            environment: hkhan
        )
        #expect(verify.status == 200)
        let record = try #require(try String(contentsOfFile: evidence, encoding: .utf8).split(separator: "\n").last)
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: Any])
        #expect(fields["by"] as? String == "hkhan@\(realm.realm)")
    }

    @Test(
        "Chromium, allowed to sign in to the page and holding a ticket, opens it without a prompt; without a ticket it is refused"
    )
    func browser() throws {
        let realm = try KerberosRealm.shared()
        let server = try ServedRoleCall(
            ServeCommandTests.source + ["--service-keytab", realm.serviceKeytab],
            environment: realm.serviceEnvironment
        )
        let page = url(server, Self.chiefStatistician)
        // A fresh Chromium answers its very first Negotiate challenge without a token (seen against a
        // plain Python server too: it loads its GSS-API library then); each browser opens the page
        // once before the load that counts.
        let signedIn = try WebDriver(negotiateWith: ["localhost"], environment: try realm.signIn("hkhan"))
        try signedIn.open(page)
        try signedIn.open(page)
        let body = try signedIn.text("body")
        #expect(body.contains("Victor Allen"), "\(body)")
        // The same browser without a ticket (a cache with none in it).
        let noTicket = realm.serviceEnvironment.merging(["KRB5CCNAME": "FILE:/nonexistent/\(UUID())"]) { $1 }
        let signedOut = try WebDriver(negotiateWith: ["localhost"], environment: noTicket)
        try signedOut.open(page)
        try signedOut.open(page)
        let refusal = try signedOut.text("body")
        #expect(refusal.contains("single sign-on"), "\(refusal)")
        #expect(!refusal.contains("Victor Allen"))
    }

    @Test("a ticket for another service does not sign in to this page")
    func ticketForAnotherService() throws {
        let realm = try KerberosRealm.shared()
        let server = try ServedRoleCall(
            ServeCommandTests.source + ["--service-keytab", realm.otherServiceKeytab],
            environment: realm.serviceEnvironment
        )
        let answer = try Curl.request(
            url(server, Self.chiefStatistician),
            negotiate: true,
            environment: try realm.signIn("hkhan")
        )
        #expect(answer.status == 401)
        #expect(!answer.body.contains("Victor Allen"))
        #expect(answer.body.contains("not accepted"))
    }

    @Test(
        "--allow-group: a member signs in by the local name the directory holds as uid; a locked member and an outsider do not"
    )
    func allowGroup() throws {
        let realm = try KerberosRealm.shared()
        let server = try ServedRoleCall(
            ServeCommandTests.source + [
                "--service-keytab", realm.serviceKeytab, "--allow-group", "cn=Press Office,ou=Lists,dc=dda,dc=example",
            ],
            environment: realm.serviceEnvironment
        )
        func status(of user: String) throws -> Int? {
            try Curl.request(url(server, Self.chiefStatistician), negotiate: true, environment: realm.signIn(user))
                .status
        }
        #expect(try status(of: "hkhan") == 200)
        #expect(try status(of: "fpatel") == 403)
        #expect(try status(of: "asmith") == 403)
    }

    @Test("refused at start: an unusable keytab, two sign-ins at once, Kerberos beyond loopback without TLS")
    func startRefusals() throws {
        let realm = try KerberosRealm.shared()
        let missing = "/nonexistent/\(UUID()).keytab"
        let unusable = try CommandRunner.run(
            ["serve", "--listen", "127.0.0.1:0", "--service-keytab", missing] + ServeCommandTests.source,
            hangLimit: 60
        )
        #expect(unusable.status == 2)
        #expect(unusable.stderr.contains("--service-keytab \(missing) cannot sign people in"))
        let twoSignIns = try CommandRunner.run(
            ["serve", "--listen", "127.0.0.1:0", "--service-keytab", realm.serviceKeytab]
                + ServeCommandTests.proxySignIn
                + ServeCommandTests.source,
            hangLimit: 60
        )
        #expect(twoSignIns.status == 2)
        #expect(twoSignIns.stderr.contains("choose one"))
        let plainBeyondLoopback = try CommandRunner.run(
            ["serve", "--listen", "127.0.0.2:0", "--service-keytab", realm.serviceKeytab] + ServeCommandTests.source,
            hangLimit: 60
        )
        #expect(plainBeyondLoopback.status == 2)
        #expect(plainBeyondLoopback.stderr.contains("needs TLS"))
    }
}
