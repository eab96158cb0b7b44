import Foundation
import LDIF

/// RFC 2047 encoded words in display names (`=?UTF-8?B?…?=`, `=?ISO-8859-1?Q?…?=`), decoded for
/// display. Control characters a decoded name could smuggle in (a line break forging an output
/// line) become U+FFFD; an encoded word in a charset RoleCall does not know stays as written.
enum EncodedWords {
    static func decode(_ text: String) -> String {
        guard text.contains("=?") else { return VisibleText.of(text) }
        var result = ""
        var rest = Substring(text)
        var lastWasEncoded = false
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            guard let word = encodedWord(at: rest[start.lowerBound...]) else {
                result += before + "=?"
                rest = rest[start.upperBound...]
                lastWasEncoded = false
                continue
            }
            // Whitespace between two encoded words is not part of the text (RFC 2047 section 6.2).
            if !(lastWasEncoded && before.allSatisfy(\.isWhitespace)) { result += before }
            result += word.decoded
            rest = rest[word.end...]
            lastWasEncoded = true
        }
        result += rest
        return VisibleText.of(result)
    }

    /// The encoded word at the start of `text` (`=?charset?B|Q?text?=`) and where it ends.
    private static func encodedWord(at text: Substring) -> (decoded: String, end: Substring.Index)? {
        let parts = text.dropFirst(2).split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[3].hasPrefix("="), parts[2].count <= 1_000 else { return nil }
        let charset = parts[0].split(separator: "*").first.map { $0.lowercased() } ?? ""
        let payload = parts[2]
        let bytes: [UInt8]?
        switch parts[1].lowercased() {
        case "b": bytes = base64(payload)
        case "q": bytes = quotedPrintable(payload)
        default: return nil
        }
        guard let bytes, let decoded = string(bytes, charset: charset) else { return nil }
        return (decoded, parts[3].index(after: parts[3].startIndex))
    }

    private static func base64(_ text: Substring) -> [UInt8]? {
        var padded = String(text)
        while padded.count % 4 != 0 { padded += "=" }
        return Data(base64Encoded: padded).map(Array.init)
    }

    private static func quotedPrintable(_ text: Substring) -> [UInt8]? {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "_"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "="):
                guard let high = iterator.next().flatMap(ASCII.hexValue),
                    let low = iterator.next().flatMap(ASCII.hexValue)
                else {
                    return nil
                }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        return bytes
    }

    private static func string(_ bytes: [UInt8], charset: String) -> String? {
        switch charset {
        case "utf-8", "utf8", "us-ascii": String(validating: bytes, as: UTF8.self)
        case "iso-8859-1", "latin1": String(bytes.map { Character(Unicode.Scalar($0)) })
        case "windows-1252", "cp1252": String(data: Data(bytes), encoding: .windowsCP1252)
        default: nil
        }
    }
}
