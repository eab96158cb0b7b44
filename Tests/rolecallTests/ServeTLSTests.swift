import Foundation
import ServerFixtures
import Testing

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
        return folder
    }

    private static func serverFiles(_ folder: String) -> [String] {
        ["--tls-cert", folder + "/server.pem", "--tls-key", folder + "/server.key"]
    }

    @Test("HTTPS verified against the page's CA, with HSTS; plain HTTP on the same port gets no page")
    func https() async throws {
        let folder = try Self.certificates()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try ServedRoleCall(Self.source + Self.serverFiles(folder))
        #expect(server.url.hasPrefix("https://127.0.0.1:"))
        let answer = try HTTPS.request(server.url + "/api/lookup?title=Chief%20Statistician", ca: folder + "/ca.pem")
        #expect(answer.status == 200)
        #expect(answer.body.contains("Victor Allen"))
        #expect(answer.headers.lowercased().contains("strict-transport-security: max-age="))
        // A client that trusts another CA does not take the page for the real one.
        let otherCA = try HTTPS.request(server.url + "/", ca: folder + "/wrong-ca.pem")
        #expect(otherCA.status == nil)
        #expect(!otherCA.body.contains("Victor Allen"))
        let plain = try HTTPS.request(
            server.url.replacingOccurrences(of: "https://", with: "http://") + "/api/lookup?title=Chief%20Statistician",
            ca: folder + "/ca.pem"
        )
        #expect(!plain.body.contains("Victor Allen"))
        #expect(plain.status != 200)
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
        func ask(_ path: String, as person: String?, json: String? = nil) throws -> HTTPS.Answer {
            try HTTPS.request(
                url + path,
                ca: folder + "/ca.pem",
                client: person.map { folder + "/" + $0 },
                connectTo: "127.0.0.2",
                json: json
            )
        }
        let anonymous = try ask("/lookup?title=Chief%20Statistician", as: nil)
        #expect(anonymous.status == nil)
        #expect(!anonymous.body.contains("Victor Allen"))
        let stranger = try ask("/lookup?title=Chief%20Statistician", as: "outsider")
        #expect(stranger.status == nil)
        #expect(!stranger.body.contains("Victor Allen"))
        // A member of a nested group, named by the email address in the certificate.
        let member = try ask("/lookup?title=Chief%20Statistician", as: "gevans")
        #expect(member.status == 200)
        #expect(member.body.contains("Victor Allen"))
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
        #expect(expired.stderr.contains("expired.pem: a certificate in it expired at 2020-01-02"))
        let wrongKey = try start(["--tls-cert", folder + "/server.pem", "--tls-key", folder + "/client.key"])
        #expect(wrongKey.status == 2)
        #expect(wrongKey.stderr.contains("client.key is not the private key of the certificate"))
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
        // Beyond loopback: neither TLS alone nor a sign-in alone will do.
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
}

/// HTTPS requests by curl, which verifies the server against a given CA and can present a client
/// certificate.
enum HTTPS {
    struct Answer {
        /// The HTTP status; nil when no response came (the TLS handshake failed, or no HTTPS there).
        var status: Int?
        var headers: String
        var body: String
    }

    /// One request: a GET, or a POST of `json`.
    /// - Parameters:
    ///   - url: `https://HOST:PORT/path`.
    ///   - ca: The CA file the server must chain to.
    ///   - client: A client certificate's path without `.pem`/`.key`; nil for none.
    ///   - connectTo: An address to connect to instead of the URL's host (the name is still verified).
    ///   - json: A JSON body to POST.
    static func request(
        _ url: String,
        ca: String,
        client: String? = nil,
        connectTo: String? = nil,
        json: String? = nil
    ) throws -> Answer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("https-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var arguments = [
            "--silent", "--noproxy", "*", "--max-time", "120", "--cacert", ca, "--dump-header", folder + "/headers",
            "--output", folder + "/body", "--write-out", "%{http_code}",
        ]
        if let client { arguments += ["--cert", client + ".pem", "--key", client + ".key"] }
        if let connectTo, let authority = url.split(separator: "/").dropFirst().first {
            arguments += ["--connect-to", "\(authority):\(connectTo):\(authority.split(separator: ":").last ?? "")"]
        }
        if let json {
            arguments += ["--header", "Content-Type: application/json", "--data-binary", json]
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = arguments + [url]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let written = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let code = Int(written.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        return Answer(
            status: process.terminationStatus == 0 && code > 0 ? code : nil,
            headers: (try? String(contentsOfFile: folder + "/headers", encoding: .utf8)) ?? "",
            body: (try? String(contentsOfFile: folder + "/body", encoding: .utf8)) ?? ""
        )
    }
}
