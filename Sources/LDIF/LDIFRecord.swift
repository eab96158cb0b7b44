/// One record of an LDIF file: a directory entry (content or `changetype: add`) or a change.
public struct LDIFRecord: Sendable, Hashable {
    /// The 1-based line of the record's `dn:` line.
    public var line: Int
    /// The distinguished name exactly as written (after base64 decoding), as bytes.
    public var dn: [UInt8]
    /// Controls given with `control:` lines, in file order.
    public var controls: [LDIFControl]
    /// What the record does.
    public var change: LDIFChange

    /// Creates a record.
    public init(line: Int, dn: [UInt8], controls: [LDIFControl] = [], change: LDIFChange) {
        self.line = line
        self.dn = dn
        self.controls = controls
        self.change = change
    }

    /// The DN decoded as UTF-8; bytes that are not valid UTF-8 become U+FFFD.
    public var dnText: String { String(decoding: dn, as: UTF8.self) }

    /// The attributes of an add (or content) record; empty for other changes.
    public var attributes: [LDIFAttribute] {
        if case .add(let attributes) = change { return attributes }
        return []
    }
}

/// What a record asks the directory to do.
public enum LDIFChange: Sendable, Hashable {
    /// A content record, or `changetype: add`: the entry and its attributes.
    case add([LDIFAttribute])
    /// `changetype: delete`.
    case delete
    /// `changetype: modify` with its sections in file order.
    case modify([LDIFModification])
    /// `changetype: modrdn` or `moddn`.
    case modifyDN(newRDN: [UInt8], deleteOldRDN: Bool, newSuperior: [UInt8]?)
}

/// An attribute description with its values; values are raw bytes (binary-safe).
public struct LDIFAttribute: Sendable, Hashable {
    /// The attribute description as first spelled in the record, options included (`cn;lang-en`).
    public var name: String
    /// Values in file order.
    public var values: [[UInt8]]

    /// Creates an attribute.
    public init(name: String, values: [[UInt8]]) {
        self.name = name
        self.values = values
    }
}

/// One `add:`, `delete:`, `replace:` or `increment:` section of a modify record.
public struct LDIFModification: Sendable, Hashable {
    /// The kind of modification.
    public enum Operation: String, Sendable, Hashable, CaseIterable {
        case add, delete, replace, increment
    }

    /// The operation.
    public var operation: Operation
    /// The attribute description it applies to.
    public var attribute: String
    /// Values listed in the section; empty means "the whole attribute" for delete and replace.
    public var values: [[UInt8]]

    /// Creates a modification.
    public init(operation: Operation, attribute: String, values: [[UInt8]]) {
        self.operation = operation
        self.attribute = attribute
        self.values = values
    }
}

/// A `control:` line: an OID, its criticality and an optional value.
public struct LDIFControl: Sendable, Hashable {
    /// The control's object identifier.
    public var oid: String
    /// Whether the server must refuse the operation if it does not support the control.
    public var isCritical: Bool
    /// The control value, if one was given.
    public var value: [UInt8]?

    /// Creates a control.
    public init(oid: String, isCritical: Bool, value: [UInt8]?) {
        self.oid = oid
        self.isCritical = isCritical
        self.value = value
    }
}
