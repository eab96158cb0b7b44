public import LDIF

/// A directory entry: its DN and attribute values as bytes, keyed by lower-cased attribute type.
///
/// Attribute options (`title;lang-en`) are folded into their type, so every title counts.
public struct Entry: Sendable, Hashable {
    /// The entry's name.
    public let dn: DistinguishedName
    /// Values by lower-cased attribute type, in the order they were read.
    public private(set) var attributes: [String: [[UInt8]]]

    /// Creates an entry.
    /// - Parameters:
    ///   - dn: The entry's name.
    ///   - attributes: Values by attribute type; types are lower-cased and options dropped.
    public init(dn: DistinguishedName, attributes: [String: [[UInt8]]] = [:]) {
        self.dn = dn
        self.attributes = [:]
        for (type, values) in attributes { add(values, to: type) }
    }

    /// Creates an entry from an LDIF add (or content) record.
    /// - Parameter record: The record; change records other than add give an entry without attributes.
    /// - Throws: ``DistinguishedNameError`` when the record's DN is not valid.
    public init(record: LDIFRecord) throws(DistinguishedNameError) {
        self.init(dn: try DistinguishedName(record.dnText))
        for attribute in record.attributes { add(attribute.values, to: attribute.name) }
    }

    /// Adds values to an attribute type (options such as `;lang-en` are dropped).
    /// - Parameters:
    ///   - values: The values to add.
    ///   - type: The attribute description.
    public mutating func add(_ values: [[UInt8]], to type: String) {
        attributes[Self.key(type), default: []].append(contentsOf: values)
    }

    /// The values of an attribute type, or an empty array.
    /// - Parameter type: The attribute type, in any case.
    /// - Returns: The values, in order.
    public func values(_ type: String) -> [[UInt8]] { attributes[Self.key(type)] ?? [] }

    /// The values of an attribute type decoded as UTF-8 (invalid bytes become U+FFFD).
    /// - Parameter type: The attribute type, in any case.
    /// - Returns: The values as text.
    public func strings(_ type: String) -> [String] { values(type).map { String(decoding: $0, as: UTF8.self) } }

    /// The first value of an attribute type as text, if there is one.
    /// - Parameter type: The attribute type, in any case.
    /// - Returns: The first value as text, or nil.
    public func string(_ type: String) -> String? { strings(type).first }

    /// The dictionary key of an attribute description: its type without options, lower-cased.
    /// - Parameter type: An attribute description such as `Title;lang-en`.
    /// - Returns: The lower-cased type without options.
    public static func key(_ type: String) -> String {
        let base = type.split(separator: ";", maxSplits: 1).first.map(String.init) ?? type
        return base.lowercased()
    }
}
