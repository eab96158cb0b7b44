/// A JSON value whose objects keep their key order, so documents are byte-stable across runs.
/// Written by ``JSONWriter``; documents too large to hold as values are written there directly.
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
        var writer = JSONWriter()
        write(to: &writer)
        return writer.text()
    }

    /// The value on one line, without spaces (for JSON Lines).
    package func compact() -> String {
        var writer = JSONWriter(indented: false, capacity: 256)
        write(to: &writer)
        return writer.text()
    }

    /// Writes the value.
    package func write(to writer: inout JSONWriter) {
        switch self {
        case .null: writer.null()
        case .bool(let value): writer.bool(value)
        case .int(let value): writer.int(value)
        case .double(let value): writer.double(value)
        case .string(let value): writer.string(value)
        case .array(let values): writer.array(values) { $1.write(to: &$0) }
        case .object(let members):
            writer.object { object in
                for (name, value) in members {
                    object.key(name)
                    value.write(to: &object)
                }
            }
        }
    }
}
