/// Scalars that can join the scalar before them under canonical equivalence: combining marks,
/// conjoining Hangul jamo, and the vowel signs and length marks that compose with a preceding
/// letter (NFC_QC=Maybe with combining class 0, Unicode 14).
///
/// Two strings without such scalars are canonically equal only when their bytes are, so a byte
/// comparison may stand in for `String`'s `==`.
enum ComposingScalars {
    /// Whether `scalar` may compose with or reorder around the scalar before it.
    static func mayJoinPrevious(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        guard value >= 0x300 else { return false }
        if scalar.properties.canonicalCombiningClass != .notReordered { return true }
        switch value {
        case 0x1100...0x11FF, 0xA960...0xA97F, 0xD7B0...0xD7FF: return true  // conjoining jamo
        // Historic scripts in the supplementary plane, whose compositions grow with each Unicode version.
        case 0x10000..<0x1F000: return true
        default: return composingVowelSigns.contains(value)
        }
    }

    /// Letters of combining class 0 that are the second half of a canonical composition.
    private static let composingVowelSigns: Set<UInt32> = [
        0x09BE, 0x09D7, 0x0B3E, 0x0B56, 0x0B57, 0x0BBE, 0x0BD7, 0x0CC2, 0x0CD5, 0x0CD6, 0x0D3E, 0x0D57, 0x0DCF,
        0x0DDF, 0x0FB5, 0x0FB7, 0x102E, 0x1B35,
    ]
}
