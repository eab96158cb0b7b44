import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `rolecall serve` process for one test, on a free loopback port; stopped when released.
final class ServedRoleCall {
    /// An HTTP answer.
    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: String

        func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }
    }

    private let process = Process()
    /// `http://127.0.0.1:PORT`.
    let url: String

    /// Starts the server and waits for its `listening on` line (minutes at most: a hang fails the test).
    init(_ arguments: [String]) throws {
        let output = Pipe()
        process.executableURL = CommandRunner.binary
        process.arguments = ["serve", "--listen", "127.0.0.1:0"] + arguments
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
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }

    func get(_ path: String) async throws -> Answer {
        try await send(URLRequest(url: try #require(URL(string: url + path))))
    }

    func post(_ path: String, contentType: String, body: String) async throws -> Answer {
        var request = URLRequest(url: try #require(URL(string: url + path)))
        request.httpMethod = "POST"
        request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)
        return try await send(request)
    }

    /// A form post, fields encoded as a browser encodes them.
    func postForm(_ path: String, _ fields: [(String, String)]) async throws -> Answer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
        return try await post(path, contentType: "application/x-www-form-urlencoded", body: body)
    }

    private func send(_ request: URLRequest) async throws -> Answer {
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name] = value }
        }
        return Answer(status: http.statusCode, headers: headers, body: String(decoding: data, as: UTF8.self))
    }
}

struct ServeFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
