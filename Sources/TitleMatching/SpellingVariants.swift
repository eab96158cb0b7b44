import Foundation

/// Maps British and American spellings of a word to one form: "Programme" and "Program",
/// "Defence" and "Defense", "Organisation" and "Organization", "Paediatric" and "Pediatric".
enum SpellingVariants {
    /// A canonical spelling for comparison only (never shown).
    static func canonical(_ word: String) -> String {
        guard word.count >= 4, word.allSatisfy({ $0.isASCII && $0.isLetter }) else { return word }
        var text = word
        if text.hasPrefix("programme") { text = "program" + text.dropFirst("programme".count) }
        text = text.replacingAll("ae", with: "e")
        text = text.replacingAll("oe", with: "e")
        text = text.replacingAll("ll", with: "l")
        text = text.replacingAll("logue", with: "log")
        text = text.replacingAll("ence", with: "ense")
        text = text.replacingAll("isation", with: "ization")
        for (british, american) in [("ise", "ize"), ("ised", "ized"), ("ises", "izes"),
            ("ising", "izing"), ("iser", "izer"), ("isers", "izers"), ("yse", "yze"), ("ysed", "yzed"), ("eing", "ing")]
        where text.hasSuffix(british) {
            text = String(text.dropLast(british.count)) + american
            break
        }
        if let range = text.range(of: "our"), text.distance(from: text.startIndex, to: range.lowerBound) >= 3 {
            text.replaceSubrange(range, with: "or")
        }
        for (british, american) in [("tre", "ter"), ("tres", "ters"), ("vre", "ver"), ("vres", "vers")]
        where text.hasSuffix(british) {
            text = String(text.dropLast(british.count)) + american
            break
        }
        return text
    }
}

extension String {
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
