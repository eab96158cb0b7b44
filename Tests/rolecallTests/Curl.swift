import Foundation

/// HTTP and HTTPS requests by curl: it verifies a server against a given CA, can present a client
/// certificate, and signs in by Kerberos (`--negotiate`) with the tickets its environment names.
enum Curl {
    struct Answer {
        /// The HTTP status; nil when no response came (the TLS handshake failed, or no HTTPS there).
        var status: Int?
        var headers: String
        var body: String
        /// curl's exit status (0 when a response came; 60 when the server's certificate was not trusted).
        var exit: Int32
        /// What curl said went wrong (with `verbose`, also the request it sent).
        var error: String

        /// The value of the last `Authorization` header curl sent (with `verbose`).
        var authorizationSent: String? {
            let prefix = "> Authorization: "
            return error.split(whereSeparator: \.isNewline).last { $0.hasPrefix(prefix) }
                .map { String($0.dropFirst(prefix.count)) }
        }
    }

    /// One request: a GET, or a POST of `json`.
    /// - Parameters:
    ///   - url: `https://HOST:PORT/path` or `http://…`.
    ///   - ca: The CA file an HTTPS server must chain to.
    ///   - client: A client certificate's path without `.pem`/`.key`; nil for none.
    ///   - connectTo: An address to connect to instead of the URL's host (the name is still verified).
    ///   - json: A JSON body to POST.
    ///   - headers: Request headers, `Name: value`.
    ///   - negotiate: Sign in by Kerberos (HTTP Negotiate) when the server asks.
    ///   - environment: Variables for curl (`KRB5_CONFIG`, `KRB5CCNAME`).
    ///   - verbose: Keep the request curl sent in ``Answer/error``.
    static func request(
        _ url: String,
        ca: String? = nil,
        client: String? = nil,
        connectTo: String? = nil,
        json: String? = nil,
        headers: [String] = [],
        negotiate: Bool = false,
        environment: [String: String] = [:],
        verbose: Bool = false
    ) throws -> Answer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("curl-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // -q first: no ~/.curlrc changes what is asked.
        var arguments = [
            "-q", "--silent", "--show-error", "--noproxy", "*", "--max-time", "120", "--dump-header",
            folder + "/headers",
            "--output", folder + "/body", "--write-out", "%{http_code}",
        ]
        if let ca { arguments += ["--cacert", ca] }
        if let client { arguments += ["--cert", client + ".pem", "--key", client + ".key"] }
        if let connectTo, let authority = url.split(separator: "/").dropFirst().first {
            arguments += ["--connect-to", "\(authority):\(connectTo):\(authority.split(separator: ":").last ?? "")"]
        }
        for header in headers { arguments += ["--header", header] }
        if let json {
            arguments += ["--header", "Content-Type: application/json", "--data-binary", json]
        }
        if negotiate { arguments += ["--negotiate", "--user", ":"] }
        if verbose { arguments.append("--verbose") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = arguments + [url]
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let output = Pipe()
        process.standardOutput = output
        _ = FileManager.default.createFile(atPath: folder + "/error", contents: nil)
        process.standardError = FileHandle(forWritingAtPath: folder + "/error") ?? FileHandle.nullDevice
        try process.run()
        let written = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let code = Int(written.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        return Answer(
            status: process.terminationStatus == 0 && code > 0 ? code : nil,
            headers: (try? String(contentsOfFile: folder + "/headers", encoding: .utf8)) ?? "",
            body: (try? String(contentsOfFile: folder + "/body", encoding: .utf8)) ?? "",
            exit: process.terminationStatus,
            error: (try? String(contentsOfFile: folder + "/error", encoding: .utf8)) ?? ""
        )
    }
}
