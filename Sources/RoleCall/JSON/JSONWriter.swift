/// Writes JSON as UTF-8 as it is made, with no tree of values in between: pretty-printed with
/// two-space indents, or on one line. Objects keep the order their members are written in, so
/// documents are byte-stable across runs.
///
/// ```swift
/// var writer = JSONWriter()
/// writer.object { object in
///     object.member("title", "Chief Statistician")
///     object.key("holders")
///     object.array(holders) { array, holder in array.string(holder.dn) }
/// }
/// let text = writer.text()
/// ```
package struct JSONWriter {
    /// What has been written.
    package private(set) var bytes: [UInt8] = []
    /// Whether containers put each element on a line of its own.
    private let indented: Bool
    /// How many containers are open.
    private var depth = 0
    /// Whether the innermost open container has no element yet.
    private var empty = true
    /// Whether a member's key was just written, so the next value is its value.
    private var afterKey = false

    /// Creates a writer.
    /// - Parameters:
    ///   - indented: One element a line, indented; false writes everything on one line.
    ///   - capacity: Bytes to reserve.
    package init(indented: Bool = true, capacity: Int = 4096) {
        self.indented = indented
        bytes.reserveCapacity(capacity)
    }

    /// What has been written, with a final newline when indented. The writer is used up, so the
    /// newline is added in place and the document is copied once, into the text.
    package consuming func text() -> String {
        if indented { bytes.append(UInt8(ascii: "\n")) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An object whose members `body` writes with ``key(_:)`` and a value, or ``member(_:_:)``.
    package mutating func object(_ body: (inout JSONWriter) -> Void) {
        container(open: "{", close: "}", body)
    }

    /// An array whose elements `body` writes.
    package mutating func array(_ body: (inout JSONWriter) -> Void) {
        container(open: "[", close: "]", body)
    }

    /// An array with an element per item of `items`, each written by `element`.
    package mutating func array<Items: Sequence>(_ items: Items, _ element: (inout JSONWriter, Items.Element) -> Void) {
        array { array in
            for item in items { element(&array, item) }
        }
    }

    /// An array of strings.
    package mutating func array(_ strings: [String]) {
        array(strings) { $0.string($1) }
    }

    /// A member's key; its value is what is written next.
    package mutating func key(_ name: String) {
        startValue()
        writeString(name)
        bytes.append(UInt8(ascii: ":"))
        if indented { bytes.append(UInt8(ascii: " ")) }
        afterKey = true
    }

    /// A member whose value is a string, or `null` for nil.
    package mutating func member(_ name: String, _ value: String?) {
        key(name)
        string(value)
    }

    /// A member whose value is an integer.
    package mutating func member(_ name: String, _ value: Int) {
        key(name)
        int(value)
    }

    /// A string, or `null` for nil.
    package mutating func string(_ value: String?) {
        guard let value else { return null() }
        startValue()
        writeString(value)
    }

    /// An integer.
    package mutating func int(_ value: Int) {
        startValue()
        bytes += String(value).utf8
    }

    /// A number rounded to 3 decimals, so output is stable and readable.
    package mutating func double(_ value: Double) {
        startValue()
        bytes += String((value * 1000).rounded() / 1000).utf8
    }

    /// `true` or `false`.
    package mutating func bool(_ value: Bool) {
        startValue()
        bytes += (value ? "true" : "false").utf8
    }

    /// `null`.
    package mutating func null() {
        startValue()
        bytes += "null".utf8
    }

    // MARK: Layout

    /// Brackets around what `body` writes, each element on its own line when indented.
    private mutating func container(open: Unicode.Scalar, close: Unicode.Scalar, _ body: (inout JSONWriter) -> Void) {
        startValue()
        bytes.append(UInt8(ascii: open))
        let outerEmpty = empty
        (depth, empty) = (depth + 1, true)
        body(&self)
        depth -= 1
        if indented && !empty { newline() }
        bytes.append(UInt8(ascii: close))
        empty = outerEmpty
    }

    /// Before a value: nothing after a key; else, inside a container, the comma and line break
    /// that separate it from the element before.
    private mutating func startValue() {
        guard !afterKey else {
            afterKey = false
            return
        }
        guard depth > 0 else { return }
        if !empty { bytes.append(UInt8(ascii: ",")) }
        empty = false
        if indented { newline() }
    }

    /// A line break and the indent of the current depth.
    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<2 * depth { bytes.append(UInt8(ascii: " ")) }
    }

    /// A string in quotes: quote, backslash and control characters escaped, everything else as is
    /// (the string's own UTF-8, which is valid).
    private mutating func writeString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        defer { bytes.append(UInt8(ascii: "\"")) }
        // Most values need no escape: their bytes are copied at once.
        let copied = value.utf8.withContiguousStorageIfAvailable { utf8 in
            guard !utf8.contains(where: Self.needsEscape) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        guard copied != true else { return }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += #"\""#.utf8
            case UInt8(ascii: "\\"): bytes += #"\\"#.utf8
            case UInt8(ascii: "\n"): bytes += #"\n"#.utf8
            case UInt8(ascii: "\r"): bytes += #"\r"#.utf8
            case UInt8(ascii: "\t"): bytes += #"\t"#.utf8
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes += #"\u00"#.utf8
                bytes += [hex[Int(byte >> 4)], hex[Int(byte & 0xf)]]
            default: bytes.append(byte)
            }
        }
    }

    /// Whether a byte must be escaped inside a JSON string.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }
}
