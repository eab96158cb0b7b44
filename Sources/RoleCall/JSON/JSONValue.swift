/// A JSON value whose objects keep their key order, so documents are byte-stable across runs.
package enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized() == rhs.serialized() }
    package func hash(into hasher: inout Hasher) { hasher.combine(serialized()) }

    /// An optional string as a string or `null`.
    package static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// Pretty-printed JSON with two-space indents and a final newline.
    package func serialized() -> String {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        write(to: &output, indent: 0)
        output.append(UInt8(ascii: "\n"))
        return String(decoding: output, as: UTF8.self)
    }

    /// The value on one line, without spaces (for JSON Lines).
    package func compact() -> String {
        var output: [UInt8] = []
        write(to: &output, indent: nil)
        return String(decoding: output, as: UTF8.self)
    }

    /// Writes the value as UTF-8: pretty-printed at `indent` levels, or on one line when nil.
    private func write(to output: inout [UInt8], indent: Int?) {
        switch self {
        case .null: output += "null".utf8
        case .bool(let value): output += (value ? "true" : "false").utf8
        case .int(let value): output += String(value).utf8
        case .double(let value):
            // Scores are rounded to 3 decimals so output is stable and readable.
            output += String((value * 1000).rounded() / 1000).utf8
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let values):
            Self.writeContainer(values, open: "[", close: "]", indent: indent, to: &output) { value, output in
                value.write(to: &output, indent: indent.map { $0 + 1 })
            }
        case .object(let members):
            Self.writeContainer(members, open: "{", close: "}", indent: indent, to: &output) { member, output in
                Self.writeString(member.0, to: &output)
                output += (indent == nil ? ":" : ": ").utf8
                member.1.write(to: &output, indent: indent.map { $0 + 1 })
            }
        }
    }

    /// An array's or object's elements between brackets: one a line, indented, or all on one line.
    private static func writeContainer<Element>(
        _ elements: [Element],
        open: Unicode.Scalar,
        close: Unicode.Scalar,
        indent: Int?,
        to output: inout [UInt8],
        element: (Element, inout [UInt8]) -> Void
    ) {
        output.append(UInt8(ascii: open))
        defer { output.append(UInt8(ascii: close)) }
        guard !elements.isEmpty else { return }
        guard let indent else {
            for (index, value) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element(value, &output)
            }
            return
        }
        output.append(UInt8(ascii: "\n"))
        for (index, value) in elements.enumerated() {
            output += repeatElement(UInt8(ascii: " "), count: 2 * (indent + 1))
            element(value, &output)
            if index < elements.count - 1 { output.append(UInt8(ascii: ",")) }
            output.append(UInt8(ascii: "\n"))
        }
        output += repeatElement(UInt8(ascii: " "), count: 2 * indent)
    }

    /// A string in quotes: quote, backslash and control characters escaped, everything else as is
    /// (the string's own UTF-8, which is valid).
    private static func writeString(_ value: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Most values need no escape: their bytes are copied at once.
        let copied = value.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                return false
            }
            output.append(contentsOf: bytes)
            return true
        }
        if copied == true {
            output.append(UInt8(ascii: "\""))
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += #"\""#.utf8
            case UInt8(ascii: "\\"): output += #"\\"#.utf8
            case UInt8(ascii: "\n"): output += #"\n"#.utf8
            case UInt8(ascii: "\r"): output += #"\r"#.utf8
            case UInt8(ascii: "\t"): output += #"\t"#.utf8
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output += #"\u00"#.utf8
                output += [hex[Int(byte >> 4)], hex[Int(byte & 0xf)]]
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
