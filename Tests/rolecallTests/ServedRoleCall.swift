import Foundation
import Testing

/// A `rolecall serve` process for one test, on a free loopback port; stopped when released.
final class ServedRoleCall {
    typealias Answer = LoopbackHTTP.Answer

    private let process = Process()
    /// `http://127.0.0.1:PORT`.
    let url: String
    private let http: LoopbackHTTP

    /// Starts the server and waits for its `listening on` line (minutes at most: a hang fails the test).
    /// - Parameters:
    ///   - arguments: `rolecall serve`'s arguments after `--listen`.
    ///   - listen: The address to listen on; a free port on 127.0.0.1 unless a test needs another.
    ///   - environment: Variables added to the server's environment.
    init(_ arguments: [String], listen: String = "127.0.0.1:0", environment: [String: String] = [:]) throws {
        let output = Pipe()
        process.executableURL = CommandRunner.binary
        process.arguments = ["serve", "--listen", listen] + arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 300, execute: watchdog)
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        watchdog.cancel()
        let text = String(decoding: line, as: UTF8.self)
        guard let start = text.range(of: "listening on ") else {
            process.terminate()
            throw ServeFailure(message: "rolecall serve did not start: \(text)")
        }
        url = String(text[start.upperBound...].prefix { !$0.isNewline })
        guard let port = UInt16(url.split(separator: ":").last ?? "") else {
            process.terminate()
            throw ServeFailure(message: "rolecall serve printed no port: \(text)")
        }
        http = LoopbackHTTP(port: port)
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }

    func get(_ path: String, headers: [(String, String)] = []) async throws -> Answer {
        try exchange(method: "GET", path: path, headers: headers, body: Data())
    }

    func post(
        _ path: String,
        contentType: String,
        body: String,
        headers: [(String, String)] = []
    ) async throws
        -> Answer
    {
        try exchange(
            method: "POST",
            path: path,
            headers: [("Content-Type", contentType)] + headers,
            body: Data(body.utf8)
        )
    }

    /// A form post, fields encoded as a browser encodes them.
    func postForm(_ path: String, _ fields: [(String, String)], headers: [(String, String)] = []) async throws -> Answer
    {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let body = fields.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
        return try await post(path, contentType: "application/x-www-form-urlencoded", body: body, headers: headers)
    }

    /// A form post with a file, encoded as a browser encodes `multipart/form-data`.
    func postMultipart(
        _ path: String,
        fields: [(String, String)],
        file: (field: String, name: String, bytes: Data)
    )
        async throws -> Answer
    {
        let boundary = "----RoleCallTest\(UUID().uuidString)"
        var body = Data()
        for (name, value) in fields {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Data(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                .utf8
        )
        body += file.bytes + Data("\r\n--\(boundary)--\r\n".utf8)
        return try exchange(
            method: "POST",
            path: path,
            headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")],
            body: body
        )
    }

    /// Sends a request exactly as written (any `Host`) and returns the response's status line.
    func raw(_ request: String) throws -> String {
        let response = try http.roundTrip(Data(request.utf8))
        return String(decoding: response, as: UTF8.self).components(separatedBy: "\r\n").first ?? ""
    }

    private func exchange(method: String, path: String, headers: [(String, String)], body: Data) throws -> Answer {
        try http.exchange(method: method, path: path, headers: headers, body: body)
    }
}

struct ServeFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
