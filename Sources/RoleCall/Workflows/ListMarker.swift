/// The bullet or number a published list puts before each item: `•`, `–`, `-`, `*`, `1.`, `2)`,
/// `(3)`, `a.`, `b)`, `iv.` — followed by a space. The role is what follows.
enum ListMarker {
    /// The item without its marker (unchanged when it has none, or when nothing follows it).
    static func removed(from item: String) -> String {
        let characters = Array(item)
        guard let end = markerEnd(characters), end < characters.count, characters[end].isWhitespace else {
            return item
        }
        let rest = String(characters[end...]).trimmingWhitespace()
        return rest.isEmpty ? item : rest
    }

    private static let bullets: Set<Character> = ["•", "◦", "▪", "▫", "‣", "·", "–", "—", "-", "*", "+", "●", "○", "■"]

    /// Where a marker at the start ends (the index after it), if there is one.
    private static func markerEnd(_ text: [Character]) -> Int? {
        guard let first = text.first else { return nil }
        if bullets.contains(first) { return 1 }
        // "(3)", "(a)", "(iv)"
        if first == "(", let close = text.prefix(7).firstIndex(of: ")"), close > 1 {
            let inside = text[1..<close]
            return isNumber(inside) || isLetter(inside) || isRoman(inside) ? close + 1 : nil
        }
        // "1.", "12)", "a)", "B)", "a.", "iv.", "IV)" — but not an initial: "N. Ireland Secretary" and
        // "A. N. Other" keep theirs (an upper-case letter with a full stop is not read as a marker).
        guard let stop = text.prefix(6).firstIndex(where: { $0 == "." || $0 == ")" }), stop > 0 else { return nil }
        let label = text[..<stop]
        if isNumber(label) || isRoman(label) { return stop + 1 }
        if isLetter(label) && (text[stop] == ")" || label.allSatisfy(\.isLowercase)) { return stop + 1 }
        return nil
    }

    private static func isNumber(_ text: ArraySlice<Character>) -> Bool {
        (1...3).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static func isLetter(_ text: ArraySlice<Character>) -> Bool {
        text.count == 1 && text.allSatisfy { $0.isASCII && $0.isLetter }
    }

    /// A Roman numeral from ii to xxxix in one case ("i" alone is read as a letter): not "mil".
    private static func isRoman(_ text: ArraySlice<Character>) -> Bool {
        let lower = String(text).lowercased()
        guard text.count >= 2, String(text) == lower || String(text) == lower.uppercased() else { return false }
        let pattern = ["", "x", "xx", "xxx"].flatMap { tens in
            ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", ""].map { tens + $0 }
        }
        return pattern.contains(lower)
    }
}
