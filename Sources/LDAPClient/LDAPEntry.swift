/// An entry as the server returned it: its DN and attribute values as bytes.
public struct LDAPEntry: Sendable, Hashable {
    /// The entry's DN as the server wrote it.
    public var dn: String
    /// Values by attribute description as returned (options such as `;range=` included).
    public var attributes: [String: [[UInt8]]]

    /// Creates an entry.
    public init(dn: String, attributes: [String: [[UInt8]]]) {
        self.dn = dn
        self.attributes = attributes
    }

    /// The values of an attribute type, whatever case the server wrote it in, with any options.
    /// - Parameter type: The attribute type, without options.
    /// - Returns: The values; empty when the entry has none.
    public func values(_ type: String) -> [[UInt8]] {
        let wanted = type.lowercased()
        return attributes.filter { ($0.key.lowercased().split(separator: ";").first ?? "") == wanted }.flatMap(\.value)
    }
}

/// How deep a search goes below its base.
public enum LDAPScope: Int32, Sendable {
    /// The base entry only.
    case base = 0
    /// The entries directly below the base.
    case oneLevel = 1
    /// The base and everything below it.
    case subtree = 2
}
