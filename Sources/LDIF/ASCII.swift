/// ASCII byte classes and case folding, shared by every byte-level parser in the package (LDIF,
/// DNs, attribute names): one definition, so they cannot drift apart.
@usableFromInline
package enum ASCII {
    /// The byte with `A`…`Z` folded to `a`…`z`; every other byte unchanged.
    @inlinable @inline(__always)
    package static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// `0`…`9`.
    @inlinable @inline(__always)
    package static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// `a`…`z` or `A`…`Z`.
    @inlinable @inline(__always)
    package static func isLetter(_ byte: UInt8) -> Bool {
        let lower = lowercased(byte)
        return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
    }

    /// The value of a hex digit (either case), or nil.
    @inlinable
    package static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Whether `bytes` spell `name` (lower case) ignoring ASCII case.
    package static func equalsIgnoringCase(_ bytes: some Collection<UInt8>, _ name: some Collection<UInt8>) -> Bool {
        bytes.count == name.count && zip(bytes, name).allSatisfy { lowercased($0) == lowercased($1) }
    }
}
