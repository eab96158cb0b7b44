extension DistinguishedName {
    /// A key for comparing DNs as written: the normalised form, or the lower-cased text when the DN
    /// does not parse (so a malformed DN still equals itself).
    /// - Parameter text: A DN as written.
    /// - Returns: The comparison key.
    public static func comparisonKey(_ text: String) -> String { normalize(text) ?? text.lowercased() }

    /// The normalised form of a DN, as ``normalized`` gives it, computed without building the whole
    /// structure for the common case (ASCII, no escapes, quotes, `+` or `#`); other DNs are parsed.
    /// - Parameter text: A DN as written.
    /// - Returns: The normalised form, or nil when the DN does not parse.
    public static func normalize(_ text: String) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var type: [UInt8] = []
        var value: [UInt8] = []
        var inValue = false
        var pendingSpace = false
        func finishPair() -> Bool {
            guard !type.isEmpty, !value.isEmpty else { return false }
            let canonicalType = AttributeTypeAliases.canonical(String(decoding: type, as: UTF8.self))
            if !output.isEmpty { output.append(UInt8(ascii: ",")) }
            output += Array(canonicalType.utf8)
            output.append(UInt8(ascii: "="))
            output += value
            type.removeAll(keepingCapacity: true)
            value.removeAll(keepingCapacity: true)
            inValue = false
            pendingSpace = false
            return true
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "+"), UInt8(ascii: "#"), UInt8(ascii: ";"),
                UInt8(ascii: "<"), UInt8(ascii: ">"), 0, 0x80...0xFF:
                return (try? DistinguishedName(text))?.normalized
            case UInt8(ascii: ","):
                guard finishPair() else { return (try? DistinguishedName(text))?.normalized }
            case UInt8(ascii: "="):
                if inValue { return (try? DistinguishedName(text))?.normalized }
                inValue = true
            case UInt8(ascii: " "):
                if !inValue && !type.isEmpty { return (try? DistinguishedName(text))?.normalized }
                if inValue && !value.isEmpty { pendingSpace = true }
            default:
                let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                if inValue {
                    if pendingSpace { value.append(UInt8(ascii: " ")) }
                    pendingSpace = false
                    value.append(lower)
                } else {
                    type.append(lower)
                }
            }
        }
        if type.isEmpty && value.isEmpty && !inValue && output.isEmpty { return "" }
        guard finishPair() else { return (try? DistinguishedName(text))?.normalized }
        return String(decoding: output, as: UTF8.self)
    }

    /// A cheap fingerprint of a DN for finding candidates before comparing normalised forms:
    /// ASCII case and spaces ignored. Equal DNs written simply (no escapes, quotes, `+`, `#`, `;`
    /// or non-ASCII) have equal fingerprints; `isSimple` is false for the others.
    /// - Parameter text: A DN as written.
    /// - Returns: The fingerprint, and whether the DN is simple.
    public static func fingerprint(_ text: String) -> (value: UInt64, isSimple: Bool) {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        var isSimple = true
        var atTypeStart = true
        for byte in text.utf8 {
            if byte == UInt8(ascii: " ") { continue }
            // An OID attribute type (2.5.4.3=…) normalises to its alias (cn=…).
            if atTypeStart, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { isSimple = false }
            atTypeStart = byte == UInt8(ascii: ",")
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "+"), UInt8(ascii: "#"), UInt8(ascii: ";"),
                0x80...0xFF:
                isSimple = false
            default: break
            }
            let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            hash = (hash ^ UInt64(lower)) &* 0x100_0000_01B3
        }
        return (hash, isSimple)
    }

    /// Whether a DN parses, checked without allocating for the common case (see ``normalize(_:)``).
    /// - Parameter text: A DN as written.
    /// - Returns: Whether the DN parses.
    public static func isValid(_ text: String) -> Bool {
        enum Part { case type, value }
        var part = Part.type
        var typeLength = 0
        var valueLength = 0
        var sawAny = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "+"), UInt8(ascii: "#"), UInt8(ascii: ";"),
                UInt8(ascii: "<"), UInt8(ascii: ">"), 0, 0x80...0xFF:
                return (try? DistinguishedName(text)) != nil
            case UInt8(ascii: " "):
                // Spaces inside or after a type ("c n=", "cn =") are rare: let the parser judge them.
                if part == .type && typeLength > 0 { return (try? DistinguishedName(text)) != nil }
                continue
            case UInt8(ascii: "="):
                guard part == .type, typeLength > 0 else { return (try? DistinguishedName(text)) != nil }
                part = .value
            case UInt8(ascii: ","):
                guard part == .value, valueLength > 0 else { return (try? DistinguishedName(text)) != nil }
                part = .type
                typeLength = 0
                valueLength = 0
            default:
                sawAny = true
                if part == .type {
                    let isTypeCharacter =
                        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                        || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
                        || byte == UInt8(ascii: ".")
                    guard isTypeCharacter else { return false }
                    typeLength += 1
                } else {
                    valueLength += 1
                }
            }
        }
        if !sawAny && part == .type && typeLength == 0 { return true }
        return part == .value && valueLength > 0 ? true : (try? DistinguishedName(text)) != nil
    }
}
