import Foundation
import Testing

#if canImport(Glibc)
import Glibc
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
        try exchange(method: "GET", path: path, headers: [], body: Data())
    }

    func post(_ path: String, contentType: String, body: String) async throws -> Answer {
        try exchange(method: "POST", path: path, headers: [("Content-Type", contentType)], body: Data(body.utf8))
    }

    /// A form post, fields encoded as a browser encodes them.
    func postForm(_ path: String, _ fields: [(String, String)]) async throws -> Answer {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let body = fields.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
        return try await post(path, contentType: "application/x-www-form-urlencoded", body: body)
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
        let response = try roundTrip(Data(request.utf8))
        return String(decoding: response, as: UTF8.self).components(separatedBy: "\r\n").first ?? ""
    }

    /// One HTTP/1.1 request on its own connection, read to the server's close. A plain socket, not
    /// URLSession: the test process then holds nothing of libcurl's for the sanitizers to report.
    private func exchange(method: String, path: String, headers: [(String, String)], body: Data) throws -> Answer {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.count)\r\n\r\n"
        let response = try roundTrip(Data(head.utf8) + body)
        let separator = Data("\r\n\r\n".utf8)
        let split = try #require(response.range(of: separator), "no response")
        let lines = String(decoding: response[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ").dropFirst().first ?? "") ?? 0
        var fields: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var content = Data(response[split.upperBound...])
        if let length = fields.first(where: { $0.key.lowercased() == "content-length" }).flatMap({ Int($0.value) }) {
            content = content.prefix(length)
        }
        return Answer(status: status, headers: fields, body: String(decoding: content, as: UTF8.self))
    }

    private func roundTrip(_ request: Data) throws -> Data {
        let port = try #require(UInt16(url.split(separator: ":").last ?? ""))
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(connected == 0)
        var sent = 0
        while sent < request.count {
            let count = request.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress! + sent, $0.count - sent, 0) }
            try #require(count > 0, "the server closed the connection while the request was sent")
            sent += count
        }
        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            response += buffer[0..<count]
        }
        return response
    }
}

struct ServeFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
