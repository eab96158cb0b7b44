import LDIF

/// An RFC 4514 distinguished name, compared by its normalised form.
///
/// Two DNs are equal when they name the same entry: attribute types compare without case and
/// by OID alias (`CN`, `cn`, `2.5.4.3`), values without case and with insignificant spaces
/// removed, escapes (`\,`, `\2C`) decoded, and the parts of a multi-valued RDN in any order.
public struct DistinguishedName: Sendable, Hashable, CustomStringConvertible {
    /// The DN as it was written.
    public let text: String
    /// The relative distinguished names, leaf first.
    public let rdns: [RelativeDistinguishedName]
    /// The canonical form used for comparison, e.g. `cn=ann smith,ou=people,dc=example,dc=org`.
    public let normalized: String

    /// Parses a DN.
    /// - Parameter text: An RFC 4514 string; RFC 2253's `;` separator and quoted values are accepted.
    /// - Throws: ``DistinguishedNameError`` naming the position of the problem.
    public init(_ text: String) throws(DistinguishedNameError) {
        self.text = text
        var parser = DistinguishedNameParser(text)
        self.rdns = try parser.parse()
        self.normalized = rdns.map(\.normalized).joined(separator: ",")
    }

    /// The DN as written.
    public var description: String { text }

    /// Whether this DN is `other` or lies below it.
    public func isWithin(_ other: DistinguishedName) -> Bool {
        guard rdns.count >= other.rdns.count else { return false }
        return Array(rdns.suffix(other.rdns.count)) == other.rdns
    }

    public static func == (lhs: DistinguishedName, rhs: DistinguishedName) -> Bool { lhs.normalized == rhs.normalized }
    public func hash(into hasher: inout Hasher) { hasher.combine(normalized) }
}

/// One RDN: one or more `type=value` pairs joined by `+`.
public struct RelativeDistinguishedName: Sendable, Hashable {
    /// The pairs, sorted by their normalised form.
    public let attributes: [AttributeTypeAndValue]

    /// The canonical form, pairs joined by `+`.
    public var normalized: String { attributes.map(\.normalized).joined(separator: "+") }

    init(_ attributes: [AttributeTypeAndValue]) {
        self.attributes = attributes.sorted { $0.normalized < $1.normalized }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.normalized == rhs.normalized }
    public func hash(into hasher: inout Hasher) { hasher.combine(normalized) }
}

/// A `type=value` pair of an RDN.
public struct AttributeTypeAndValue: Sendable, Hashable {
    /// The attribute type as written (`CN`, `2.5.4.3`).
    public let type: String
    /// The value with escapes decoded; for a `#hex` value, the decoded bytes.
    public let value: [UInt8]
    /// Whether the value was written as `#hex` (BER), which compares byte for byte.
    public let isHex: Bool
    /// The canonical `type=value` form.
    public let normalized: String

    init(type: String, value: [UInt8], isHex: Bool) {
        self.type = type
        self.value = value
        self.isHex = isHex
        let canonicalType = AttributeTypeAliases.canonical(type)
        if isHex {
            normalized =
                canonicalType + "=#"
                + value.map { byte in
                    let digits = Array("0123456789abcdef".utf8)
                    return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 15)]], as: UTF8.self)
                }.joined()
        } else {
            normalized = canonicalType + "=" + Self.escape(Self.foldValue(String(decoding: value, as: UTF8.self)))
        }
    }

    /// Case-folds and removes insignificant spaces (caseIgnoreMatch).
    static func foldValue(_ value: String) -> String {
        value.lowercased().split(whereSeparator: { $0 == " " }).joined(separator: " ")
    }

    /// Escapes the characters RFC 4514 requires escaped, so the canonical form stays unambiguous.
    static func escape(_ value: String) -> String {
        var result = ""
        for (index, character) in value.enumerated() {
            switch character {
            case ",", "+", "\"", "\\", "<", ">", ";", "=": result += "\\" + String(character)
            case "#" where index == 0: result += "\\#"
            case "\0": result += "\\00"
            default: result.append(character)
            }
        }
        return result
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.normalized == rhs.normalized }
    public func hash(into hasher: inout Hasher) { hasher.combine(normalized) }
}

/// A DN that could not be parsed: where, and what RFC 4514 rule it breaks.
public struct DistinguishedNameError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong. New cases may be added; switch with a `default`.
    public enum Reason: Sendable, Hashable {
        /// A value is followed by something other than `,` or `+`.
        case expectedSeparator
        /// The DN ends with a `,`.
        case trailingSeparator
        /// An RDN has no attribute type.
        case missingAttributeType
        /// An attribute type (given) is not followed by `=`.
        case expectedEquals(afterType: String)
        /// A character (given) that must be escaped appears unescaped.
        case unescaped(Character)
        /// A `\` at the very end.
        case trailingBackslash
        /// A `\` followed by neither a special character nor two hex digits.
        case invalidEscape
        /// A quoted value without its closing quote.
        case unclosedQuote
        /// A `#` value that is not pairs of hex digits.
        case invalidHexValue
    }

    /// The text that was being parsed.
    public var text: String
    /// The 1-based character position of the problem.
    public var position: Int
    /// What is wrong.
    public var reason: Reason

    /// The text, the position and the reason, for logs.
    public var description: String { "invalid DN \"\(text.excerpt())\": \(reason) at character \(position)" }
}

/// Attribute types that have well-known short names, so `2.5.4.3=x` equals `cn=x`.
enum AttributeTypeAliases {
    static let byOID: [String: String] = [
        "2.5.4.3": "cn", "2.5.4.4": "sn", "2.5.4.6": "c", "2.5.4.7": "l", "2.5.4.8": "st", "2.5.4.9": "street",
        "2.5.4.10": "o", "2.5.4.11": "ou", "2.5.4.12": "title", "0.9.2342.19200300.100.1.1": "uid",
        "0.9.2342.19200300.100.1.25": "dc", "1.2.840.113549.1.9.1": "emailaddress",
    ]

    static func canonical(_ type: String) -> String {
        var lowered = type.lowercased()
        if lowered.hasPrefix("oid.") { lowered.removeFirst(4) }
        return byOID[lowered] ?? lowered
    }
}
