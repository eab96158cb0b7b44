import Foundation

/// The parts of a `multipart/form-data` body (RFC 7578), as a browser sends a form with a file:
/// each part's field name, file name and bytes (a saved message need not be text).
struct MultipartForm: Sendable {
    struct Part: Sendable {
        var name: String
        var filename: String?
        var body: [UInt8]
    }

    private(set) var parts: [Part] = []

    /// Reads a body; nil when `contentType` is not multipart with a boundary, or the body is not
    /// made of parts between that boundary.
    init?(body: [UInt8], contentType: String) {
        guard contentType.lowercased().hasPrefix("multipart/form-data"),
            let boundary = Self.parameter("boundary", in: contentType), !boundary.isEmpty
        else { return nil }
        let delimiter = Array(("--" + boundary).utf8)
        let separator = Array(("\r\n--" + boundary).utf8)
        guard body.starts(with: delimiter) else { return nil }
        var position = delimiter.count
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if body[position...].starts(with: Array("--".utf8)) { return }
            guard body[position...].starts(with: [13, 10]) else { return nil }
            position += 2
            guard let headersEnd = Self.find([13, 10, 13, 10], in: body, from: position),
                let end = Self.find(separator, in: body, from: headersEnd + 4)
            else { return nil }
            let headers = String(decoding: body[position..<headersEnd], as: UTF8.self)
            let disposition =
                headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-disposition:") }
                .map(String.init) ?? ""
            if let name = Self.parameter("name", in: disposition) {
                parts.append(
                    Part(
                        name: name,
                        filename: Self.parameter("filename", in: disposition),
                        body: Array(body[(headersEnd + 4)..<end])
                    )
                )
            }
            position = end + separator.count
        }
    }

    /// The first part with this name.
    subscript(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// A header parameter's value (`name="x"` or `name=x`), quotes and backslash escapes removed.
    static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            var value = Substring(pair[1].trimmingCharacters(in: .whitespaces))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = value.dropFirst().dropLast()
                var unescaped = ""
                var escaping = false
                for character in value {
                    if !escaping, character == "\\" {
                        escaping = true
                    } else {
                        unescaped.append(character); escaping = false
                    }
                }
                return unescaped
            }
            return String(value)
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else {
            return nil
        }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}
