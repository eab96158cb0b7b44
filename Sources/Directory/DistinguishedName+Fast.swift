extension DistinguishedName {
    /// A key for comparing DNs as written: the normalised form, or the lower-cased text when the DN
    /// does not parse (so a malformed DN still equals itself).
    /// - Parameter text: A DN as written.
    /// - Returns: The comparison key.
    public static func comparisonKey(_ text: String) -> String { normalize(text) ?? text.lowercased() }

    /// The normalised form of a DN, as ``normalized`` gives it, computed without building the whole
    /// structure for the common case (ASCII, no escapes, quotes, `+` or `#`); other DNs are parsed.
    /// - Parameter text: A DN as written.
    /// - Returns: The normalised form, or nil when the DN does not parse.
    public static func normalize(_ text: String) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        guard SimpleDNScanner.scan(text, { output.append($0) }) == .simple else {
            return (try? DistinguishedName(text))?.normalized
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// A cheap fingerprint of a DN for finding candidates before comparing normalised forms: a hash
    /// of the normalised form, computed without allocating. Equal simple DNs (see
    /// ``normalize(_:)``) have equal fingerprints; `isSimple` is false for the others.
    /// - Parameter text: A DN as written.
    /// - Returns: The fingerprint, and whether the DN is simple.
    public static func fingerprint(_ text: String) -> (value: UInt64, isSimple: Bool) {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        let outcome = SimpleDNScanner.scan(text) { hash = (hash ^ UInt64($0)) &* 0x100_0000_01B3 }
        return (hash, outcome == .simple)
    }

    /// Whether a DN parses, checked without allocating for the common case (see ``normalize(_:)``).
    /// - Parameter text: A DN as written.
    /// - Returns: Whether the DN parses.
    public static func isValid(_ text: String) -> Bool {
        SimpleDNScanner.scan(text, { _ in }) == .simple || (try? DistinguishedName(text)) != nil
    }
}
