import LDIF

/// Parses RFC 4514 text into RDNs, one character at a time over UTF-8 bytes.
struct DistinguishedNameParser {
    private let text: String
    private let bytes: [UInt8]
    private var index = 0

    init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    mutating func parse() throws(DistinguishedNameError) -> [RelativeDistinguishedName] {
        skipSpaces()
        if index == bytes.count { return [] }
        var rdns: [RelativeDistinguishedName] = []
        var pairs: [AttributeTypeAndValue] = []
        while true {
            pairs.append(try parsePair())
            skipSpaces()
            guard index < bytes.count else { break }
            let separator = bytes[index]
            index += 1
            if separator == UInt8(ascii: "+") { continue }
            guard separator == UInt8(ascii: ",") || separator == UInt8(ascii: ";") else {
                throw failure(.expectedSeparator)
            }
            rdns.append(RelativeDistinguishedName(pairs))
            pairs = []
            skipSpaces()
            guard index < bytes.count else { throw failure(.trailingSeparator) }
        }
        rdns.append(RelativeDistinguishedName(pairs))
        return rdns
    }

    private mutating func parsePair() throws(DistinguishedNameError) -> AttributeTypeAndValue {
        skipSpaces()
        let typeStart = index
        while index < bytes.count, SimpleDNScanner.isTypeCharacter(bytes[index]) { index += 1 }
        guard index > typeStart else { throw failure(.missingAttributeType) }
        let type = String(decoding: bytes[typeStart..<index], as: UTF8.self)
        skipSpaces()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
            throw failure(.expectedEquals(afterType: String(type.prefix(200))))
        }
        index += 1
        skipSpaces()
        if index < bytes.count, bytes[index] == UInt8(ascii: "#") {
            index += 1
            return AttributeTypeAndValue(type: type, value: try parseHexValue(), isHex: true)
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
            return AttributeTypeAndValue(type: type, value: try parseQuotedValue(), isHex: false)
        }
        return AttributeTypeAndValue(type: type, value: try parseStringValue(), isHex: false)
    }

    private mutating func parseStringValue() throws(DistinguishedNameError) -> [UInt8] {
        var value: [UInt8] = []
        var significantEnd = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ";") { break }
            if byte == UInt8(ascii: "\\") {
                value.append(try parseEscape())
                significantEnd = value.count
                continue
            }
            if byte == UInt8(ascii: "\"") || byte == 0 {
                throw failure(.unescaped(Character(Unicode.Scalar(byte))))
            }
            value.append(byte)
            index += 1
            if byte != UInt8(ascii: " ") { significantEnd = value.count }
        }
        return Array(value[0..<significantEnd])
    }

    private mutating func parseEscape() throws(DistinguishedNameError) -> UInt8 {
        index += 1
        guard index < bytes.count else { throw failure(.trailingBackslash) }
        if let high = ASCII.hexValue(bytes[index]), index + 1 < bytes.count, let low = ASCII.hexValue(bytes[index + 1])
        {
            index += 2
            return high << 4 | low
        }
        let escaped = bytes[index]
        let specials = Array(" \"#+,;<=>\\".utf8)
        guard specials.contains(escaped) else {
            throw failure(.invalidEscape)
        }
        index += 1
        return escaped
    }

    private mutating func parseQuotedValue() throws(DistinguishedNameError) -> [UInt8] {
        index += 1
        var value: [UInt8] = []
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == UInt8(ascii: "\\") {
                value.append(try parseEscape())
            } else {
                value.append(bytes[index])
                index += 1
            }
        }
        guard index < bytes.count else { throw failure(.unclosedQuote) }
        index += 1
        return value
    }

    private mutating func parseHexValue() throws(DistinguishedNameError) -> [UInt8] {
        var value: [UInt8] = []
        while index + 1 < bytes.count, let high = ASCII.hexValue(bytes[index]),
            let low = ASCII.hexValue(bytes[index + 1])
        {
            value.append(high << 4 | low)
            index += 2
        }
        guard !value.isEmpty else { throw failure(.invalidHexValue) }
        return value
    }

    private mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
    }

    private func failure(_ reason: DistinguishedNameError.Reason) -> DistinguishedNameError {
        DistinguishedNameError(
            text: text,
            position: String(decoding: bytes[0..<min(index, bytes.count)], as: UTF8.self).count + 1,
            reason: reason
        )
    }

}
