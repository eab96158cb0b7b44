extension DistinguishedName {
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
}
