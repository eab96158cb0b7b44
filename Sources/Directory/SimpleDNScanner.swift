import LDIF

/// The one fast path over DN text, shared by ``DistinguishedName/normalize(_:)``,
/// ``DistinguishedName/isValid(_:)`` and ``DistinguishedName/fingerprint(_:)``.
///
/// It reads a DN written simply — `type=value` pairs joined by `,`, ASCII, types starting with a
/// letter, no escapes, quotes, `+`, `#`, `;`, `<`, `>`, `=` in a value or NUL — and hands each
/// byte of its normalised form to a sink without allocating. Anything else is ``Outcome/notSimple``
/// and goes to the full RFC 4514 parser, which is the reference (the `dn` fuzz target holds the
/// two to the same answers).
enum SimpleDNScanner {
    enum Outcome { case simple, notSimple }

    /// Emits the normalised form of `text` byte by byte: lower-cased types, `=`, lower-cased values
    /// with inner runs of spaces as one and outer spaces dropped, `,` between RDNs.
    static func scan(_ text: String, _ emit: (UInt8) -> Void) -> Outcome {
        var inValue = false
        var typeLength = 0
        var valueLength = 0
        var pendingSpace = false
        var rdns = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: ","):
                guard inValue, valueLength > 0 else { return .notSimple }
                (inValue, typeLength, valueLength, pendingSpace) = (false, 0, 0, false)
                rdns += 1
            case UInt8(ascii: "="):
                guard !inValue, typeLength > 0 else { return .notSimple }
                inValue = true
                emit(UInt8(ascii: "="))
            case UInt8(ascii: " "):
                if inValue {
                    pendingSpace = valueLength > 0
                } else if typeLength > 0 {
                    return .notSimple  // a space inside or after a type ("c n=", "cn =") is rare: the parser judges it
                }
            default:
                guard isPlain(byte) else { return .notSimple }
                if inValue {
                    if pendingSpace { emit(UInt8(ascii: " ")) }
                    pendingSpace = false
                    valueLength += 1
                } else {
                    // Only descriptors (cn, msDS-x): an OID type (2.5.4.3=…, OID.2.5.4.3=…) normalises
                    // to its alias (cn=…), which is the parser's job.
                    guard typeLength > 0 || ASCII.isLetter(byte), isDescriptorCharacter(byte) else { return .notSimple }
                    if typeLength == 0, rdns > 0 { emit(UInt8(ascii: ",")) }
                    typeLength += 1
                }
                emit(ASCII.lowercased(byte))
            }
        }
        if rdns == 0 && typeLength == 0 && !inValue { return .simple }  // the empty DN
        return inValue && valueLength > 0 ? .simple : .notSimple
    }

    /// A byte that needs no escaping and no parser: printable ASCII other than RFC 4514's specials.
    private static func isPlain(_ byte: UInt8) -> Bool {
        guard byte > 0x20, byte < 0x7F else { return false }
        return !isSpecial(byte)
    }

    /// Whether `byte` is one of the characters RFC 4514 gives a meaning (or RFC 2253's `;`), which
    /// only the parser handles. A switch, not a set: this runs for every byte of every DN.
    private static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "+"), UInt8(ascii: "#"), UInt8(ascii: ";"),
            UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: ","):
            true
        default: false
        }
    }

    /// A character of an attribute type: a descriptor (`cn`, `msDS-x`) or an OID (`2.5.4.3`).
    static func isTypeCharacter(_ byte: UInt8) -> Bool { isDescriptorCharacter(byte) || byte == UInt8(ascii: ".") }

    /// A character of a descriptor: a letter, a digit or `-`.
    private static func isDescriptorCharacter(_ byte: UInt8) -> Bool {
        ASCII.isLetter(byte) || ASCII.isDigit(byte) || byte == UInt8(ascii: "-")
    }
}
