/// A problem found while building a snapshot that did not stop it.
public struct SnapshotWarning: Sendable, Hashable {
    /// What was wrong.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A value of ``SnapshotWarning/attribute`` is not valid UTF-8; it was read with replacement characters.
        case invalidUTF8
        /// A `roleOccupant` value (``SnapshotWarning/value``) is not a DN; it counts as a missing occupant.
        case unparsableOccupant
    }

    /// What was wrong.
    public var kind: Kind
    /// Where the entry came from (`file:line`, or the server's URI), when known.
    public var origin: String?
    /// The entry's DN as written.
    public var dn: String
    /// The attribute concerned.
    public var attribute: String
    /// The offending value, when it is shown (``Kind-swift.enum/unparsableOccupant``).
    public var value: String?

    /// Creates a warning.
    public init(kind: Kind, origin: String?, dn: String, attribute: String, value: String?) {
        self.kind = kind
        self.origin = origin
        self.dn = dn
        self.attribute = attribute
        self.value = value
    }
}
