import Foundation
import ServerFixtures
import Testing

#if TLS
/// `rolecall serve` over TLS, as an intranet serves it beyond loopback: HTTPS verified against its
/// CA, client certificates that sign people in, and certificates that cannot serve refused at start.
@Suite("rolecall serve over TLS", .serialized)
struct ServeTLSTests {
    static let source = ServeCommandTests.source

    /// A folder with the test CA, the server's certificate and client certificates.
    private static func certificates() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-tls-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Certificates.make(in: folder)
        try Certificates.client(named: "gevans", email: "GEvans@dda.example", signedBy: "ca", in: folder)
        try Certificates.client(named: "hkhan", email: nil, signedBy: "ca", in: folder)
        try Certificates.client(named: "fpatel", email: "fpatel@dda.example", signedBy: "ca", in: folder)
        try Certificates.client(named: "outsider", email: "hkhan@dda.example", signedBy: "wrong-ca", in: folder)
        try Certificates.client(named: "nobody", email: nil, signedBy: "ca", in: folder, subject: "/O=DDA")
        return folder
    }

    private static func serverFiles(_ folder: String) -> [String] {
        ["--tls-cert", folder + "/server.pem", "--tls-key", folder + "/server.key"]
    }

    @Test("HTTPS verified against the page's CA; no HSTS on loopback; plain HTTP on the same port gets no page")
    func https() async throws {
        let folder = try Self.certificates()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try ServedRoleCall(Self.source + Self.serverFiles(folder))
        #expect(server.url.hasPrefix("https://127.0.0.1:"))
        let answer = try Curl.request(server.url + "/api/lookup?title=Chief%20Statistician", ca: folder + "/ca.pem")
        #expect(answer.status == 200, "\(answer.error)")
        #expect(answer.body.contains("Victor Allen"))
        // HSTS for 127.0.0.1 would hold every local page to HTTPS for a year.
        #expect(!answer.headers.lowercased().contains("strict-transport-security"))
        #expect(answer.headers.lowercased().contains("cache-control: no-store"))
        // A client that trusts another CA does not take the page for the real one (curl: 60, peer not verified).
        let otherCA = try Curl.request(server.url + "/", ca: folder + "/wrong-ca.pem")
        #expect(otherCA.exit == 60, "\(otherCA.error)")
        // Plain HTTP to the TLS port gets no HTTP answer at all.
        let plain = try Curl.request(
            server.url.replacingOccurrences(of: "https://", with: "http://") + "/api/lookup?title=Chief%20Statistician",
            ca: folder + "/ca.pem"
        )
        #expect(plain.status == nil)
        #expect(plain.exit != 0)
    }

    @Test(
        "client certificates: no certificate or another CA's cannot connect; the certificate's email, else its name, is the user"
    )
    func clientCertificates() async throws {
        let folder = try Self.certificates()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lists = try ServeCommandTests.listsFolder()
        defer { try? FileManager.default.removeItem(atPath: lists) }
        let evidence = lists + "/evidence.jsonl"
        // Beyond loopback's names (127.0.0.2 is still this machine): TLS with a sign-in may listen there.
        let server = try ServedRoleCall(
            Self.source + Self.serverFiles(folder) + [
                "--client-ca", folder + "/ca.pem", "--allow-group", "cn=Press Office,ou=Lists,dc=dda,dc=example",
                "--lists", lists, "--evidence", evidence,
            ],
            listen: "127.0.0.2:0"
        )
        let port = try #require(server.url.split(separator: ":").last.map(String.init))
        let url = "https://localhost:\(port)"
        func ask(_ path: String, as person: String?, json: String? = nil) throws -> Curl.Answer {
            try Curl.request(
                url + path,
                ca: folder + "/ca.pem",
                client: person.map { folder + "/" + $0 },
                connectTo: "127.0.0.2",
                json: json
            )
        }
        // Without a certificate, or with another CA's, the handshake fails: no HTTP answer at all.
        let anonymous = try ask("/lookup?title=Chief%20Statistician", as: nil)
        #expect(anonymous.status == nil)
        #expect(anonymous.exit != 0)
        let stranger = try ask("/lookup?title=Chief%20Statistician", as: "outsider")
        #expect(stranger.status == nil)
        #expect(stranger.exit != 0)
        // A member of a nested group, named by the email address in the certificate.
        let member = try ask("/lookup?title=Chief%20Statistician", as: "gevans")
        #expect(member.status == 200, "\(member.error)")
        #expect(member.body.contains("Victor Allen"))
        // Beyond loopback, browsers are told to keep to HTTPS.
        #expect(member.headers.lowercased().contains("strict-transport-security: max-age="))
        // The CA's certificate, naming no one: refused, saying why.
        let nobody = try ask("/lookup?title=Chief%20Statistician", as: "nobody")
        #expect(nobody.status == 403)
        #expect(nobody.body.contains("does not say who you are"))
        // A member named by the certificate's common name (its uid): no email in it.
        #expect(try ask("/lookup?title=Chief%20Statistician", as: "hkhan").status == 200)
        // A member whose account is locked is not let in, certificate or not.
        let locked = try ask("/lookup?title=Chief%20Statistician", as: "fpatel")
        #expect(locked.status == 403)
        #expect(locked.body.contains("does not list you"))

        let body = try JSONSerialization.data(withJSONObject: [
            "listName": ServeCommandTests.listName, "recipients": "asmith@dda.example",
            "release": "Bulletin, 3 December",
        ])
        let verify = try ask("/api/verify", as: "gevans", json: String(decoding: body, as: UTF8.self))
        #expect(verify.status == 200)
        let record = try #require(try String(contentsOfFile: evidence, encoding: .utf8).split(separator: "\n").last)
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: Any])
        #expect(fields["by"] as? String == "GEvans@dda.example")
    }

    @Test("certificates that cannot serve, and TLS options that do not fit together, are refused at start")
    func refusedAtStart() throws {
        let folder = try Self.certificates()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func start(_ arguments: [String]) throws -> CommandResult {
            try CommandRunner.run(["serve", "--listen", "127.0.0.1:0"] + arguments + Self.source, hangLimit: 60)
        }
        let expired = try start(["--tls-cert", folder + "/expired.pem", "--tls-key", folder + "/server.key"])
        #expect(expired.status == 2)
        #expect(expired.stderr.contains("expired.pem: its server certificate expired at 2020-01-02"))
        let early = try start(["--tls-cert", folder + "/not-yet-valid.pem", "--tls-key", folder + "/server.key"])
        #expect(early.status == 2)
        #expect(early.stderr.contains("not-yet-valid.pem: its server certificate is valid only from 2099-01-01"))
        let wrongKey = try start(["--tls-cert", folder + "/server.pem", "--tls-key", folder + "/client.key"])
        #expect(wrongKey.status == 2)
        #expect(wrongKey.stderr.contains("client.key is not the private key of the certificate"))
        // The right key, but the CA's certificate first in the file: the message says to reorder.
        let reversed = folder + "/reversed.pem"
        try
            (String(contentsOfFile: folder + "/ca.pem", encoding: .utf8)
            + String(contentsOfFile: folder + "/server.pem", encoding: .utf8))
            .write(toFile: reversed, atomically: true, encoding: .utf8)
        let misordered = try start(["--tls-cert", reversed, "--tls-key", folder + "/server.key"])
        #expect(misordered.status == 2)
        #expect(misordered.stderr.contains("put the server's own certificate first"))
        let noKey = try start(["--tls-cert", folder + "/server.pem", "--tls-key", folder + "/missing.key"])
        #expect(noKey.status == 2)
        #expect(noKey.stderr.contains("missing.key: no private key could be read"))
        let keyAsCertificate = try start(["--tls-cert", folder + "/server.key", "--tls-key", folder + "/server.key"])
        #expect(keyAsCertificate.status == 2)
        #expect(keyAsCertificate.stderr.contains("server.key: no PEM certificate could be read"))
        let alone = try start(["--tls-cert", folder + "/server.pem"])
        #expect(alone.status == 2)
        #expect(alone.stderr.contains("go together"))
        let caAlone = try start(["--client-ca", folder + "/ca.pem"])
        #expect(caAlone.status == 2)
        #expect(caAlone.stderr.contains("--client-ca needs --tls-cert"))
        let both = try start(
            Self.serverFiles(folder) + [
                "--client-ca", folder + "/ca.pem", "--trusted-proxy", "127.0.0.1", "--user-header", "X-Remote-User",
            ]
        )
        #expect(both.status == 2)
        #expect(both.stderr.contains("choose one"))
        // Beyond loopback (127.0.0.2 is still this machine): neither TLS alone nor a sign-in alone will do.
        for arguments in [
            Self.serverFiles(folder), ["--trusted-proxy", "127.0.0.1", "--user-header", "X-Remote-User"],
        ] {
            let result = try CommandRunner.run(
                ["serve", "--listen", "127.0.0.2:0"] + arguments + Self.source,
                hangLimit: 60
            )
            #expect(result.status == 2)
            #expect(result.stderr.contains("is not a loopback address"))
        }
    }

    @Test("beyond loopback over TLS, a sign-in proxy is the only way in, and names the user")
    func proxyOverTLS() async throws {
        let folder = try Self.certificates()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Connections from this machine to 127.0.0.2 come from 127.0.0.1, the proxy's address here.
        let server = try ServedRoleCall(
            Self.source + Self.serverFiles(folder) + [
                "--trusted-proxy", "127.0.0.1", "--user-header", "X-Remote-User",
            ],
            listen: "127.0.0.2:0"
        )
        let port = try #require(server.url.split(separator: ":").last.map(String.init))
        func ask(as user: String?) throws -> Curl.Answer {
            try Curl.request(
                "https://localhost:\(port)/lookup?title=Chief%20Statistician",
                ca: folder + "/ca.pem",
                connectTo: "127.0.0.2",
                headers: user.map { ["X-Remote-User: \($0)"] } ?? []
            )
        }
        let named = try ask(as: "hkhan")
        #expect(named.status == 200, "\(named.error)")
        #expect(named.body.contains("Victor Allen"))
        let unnamed = try ask(as: nil)
        #expect(unnamed.status == 403)
        #expect(!unnamed.body.contains("Victor Allen"))
    }
}

#endif
