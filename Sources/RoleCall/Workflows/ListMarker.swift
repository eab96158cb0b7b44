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
        // "(3)", "(a)"
        if first == "(", let close = text.firstIndex(of: ")"), close > 1, close <= 5,
            isNumbering(text[1..<close])
        {
            return close + 1
        }
        // "1.", "12)", "a.", "b)", "iv."
        guard let stop = text.firstIndex(where: { $0 == "." || $0 == ")" }), stop > 0, stop <= 4,
            isNumbering(text[..<stop])
        else { return nil }
        return stop + 1
    }

    /// Digits, one letter, or a short Roman numeral.
    private static func isNumbering(_ text: ArraySlice<Character>) -> Bool {
        if text.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        if text.count == 1, let letter = text.first, letter.isASCII, letter.isLetter { return true }
        return text.allSatisfy { "ivxlcdm".contains($0) }
    }
}
