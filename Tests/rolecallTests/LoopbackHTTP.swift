import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// HTTP/1.1 to a server of the test's own on 127.0.0.1: `rolecall serve`, or chromedriver. A plain
/// socket, not URLSession: the test process then holds nothing of libcurl's for the sanitizers to report.
struct LoopbackHTTP {
    /// An HTTP answer.
    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: String

        func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }
    }

    let port: UInt16

    /// One request on its own connection, read to the server's close.
    func exchange(method: String, path: String, headers: [(String, String)], body: Data) throws -> Answer {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
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

    /// Sends bytes exactly as given and reads the answer to the server's close.
    func roundTrip(_ request: Data) throws -> Data {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        // A server that hangs fails the test in two minutes (an empty answer) instead of stalling CI.
        var timeout = timeval(tv_sec: 120, tv_usec: 0)
        for option in [SO_RCVTIMEO, SO_SNDTIMEO] {
            setsockopt(descriptor, SOL_SOCKET, option, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }
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
        // A server may answer before the body is all sent (413) and close: that is no signal that
        // kills the test process (SIGPIPE), and the answer it gave is read.
        var sent = 0
        while sent < request.count {
            let count = request.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { break }
            sent += count
        }
        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !Self.isComplete(response) {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            response += buffer[0..<count]
        }
        return response
    }

    /// Whether a response with a `Content-Length` has all of its body: a server that keeps the
    /// connection open (chromedriver does, whatever the request asks) is not waited for.
    private static func isComplete(_ response: Data) -> Bool {
        guard let split = response.range(of: Data("\r\n\r\n".utf8)) else { return false }
        let head = String(decoding: response[..<split.lowerBound], as: UTF8.self).lowercased()
        guard let field = head.components(separatedBy: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
            let length = Int(field.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        else { return false }
        return response.count - split.upperBound >= length
    }
}
