/// Maps British and American spellings of a word to one form: "Programme" and "Program",
/// "Defence" and "Defense", "Tyre" and "Tire", "Aluminium" and "Aluminum".
///
/// Words SCOWL lists are mapped by the pairs derived from it (`Vocabularies/spelling-variants.tsv`);
/// then the spelling families (-our/-or, -ise/-ize, -re/-er, ae/e, oe/e, doubled l) apply to any
/// word, so that derived and compound words the lists lack ("organisational") meet too.
enum SpellingVariants {
    /// A canonical spelling for comparison only (never shown).
    static func canonical(_ word: String) -> String {
        var bytes = derived.value(for: word).map(Array.init) ?? Array(word.utf8)
        guard bytes.count >= 4, bytes.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else {
            return word
        }
        if bytes.starts(with: Self.programme) { bytes.replaceSubrange(0..<Self.programme.count, with: Self.program) }
        // Not in short words, where they would make a typo ("Haed") look like another spelling.
        if bytes.count >= 6 {
            for (british, american) in Self.anywhere { replaceAll(british, with: american, in: &bytes) }
        }
        for (british, american) in Self.endings where bytes.count > british.count && bytes.ends(with: british) {
            bytes.replaceSubrange((bytes.count - british.count)..<bytes.count, with: american)
            break
        }
        // "our" → "or" after at least three letters: behaviour, labour, honours, armoured (not four, hour, tour).
        if let index = firstIndex(of: Self.our, in: bytes, from: 3) {
            bytes.replaceSubrange(index..<(index + 3), with: Self.or)
        }
        for (british, american) in Self.finalRe where bytes.ends(with: british) {
            bytes.replaceSubrange((bytes.count - british.count)..<bytes.count, with: american)
            break
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// British spelling → American, from the generated pairs.
    private static let derived = WordPairTable(derivedPairs)

    private static let programme = Array("programme".utf8)
    private static let program = Array("program".utf8)
    private static let our = Array("our".utf8)
    private static let or = Array("or".utf8)
    private static let anywhere: [([UInt8], [UInt8])] = [
        ("ae", "e"), ("oe", "e"), ("ll", "l"), ("logue", "log"), ("ence", "ense"), ("isation", "ization"),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }
    private static let endings: [([UInt8], [UInt8])] = [
        ("ise", "ize"), ("ised", "ized"), ("ises", "izes"), ("ising", "izing"), ("iser", "izer"), ("isers", "izers"),
        ("yse", "yze"), ("ysed", "yzed"), ("eing", "ing"),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }
    private static let finalRe: [([UInt8], [UInt8])] = [
        ("tre", "ter"), ("tres", "ters"), ("vre", "ver"), ("vres", "vers"),
    ]
    .map { (Array($0.0.utf8), Array($0.1.utf8)) }

    private static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= pattern.count, start <= bytes.count - pattern.count else { return nil }
        return (start...(bytes.count - pattern.count)).first { offset in
            (0..<pattern.count).allSatisfy { bytes[offset + $0] == pattern[$0] }
        }
    }

    private static func replaceAll(_ pattern: [UInt8], with replacement: [UInt8], in bytes: inout [UInt8]) {
        var start = 0
        while let index = firstIndex(of: pattern, in: bytes, from: start) {
            bytes.replaceSubrange(index..<(index + pattern.count), with: replacement)
            start = index + replacement.count
        }
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        guard count >= suffix.count else { return false }
        let offset = count - suffix.count
        for index in 0..<suffix.count where self[offset + index] != suffix[index] { return false }
        return true
    }
}
