import Foundation

/// A piece of a folded title: a word, or a boundary between the main title and a qualifier.
enum TitleToken: Hashable, Sendable {
    /// A word folded for comparison, and as written (after NFKC) for display.
    case word(String, display: String)
    /// `(`, `)`, `,`, `;`, `:` or a dash with spaces around it.
    case boundary

    var word: String? {
        if case .word(let word, _) = self { return word }
        return nil
    }

    var display: String? {
        if case .word(_, let display) = self { return display }
        return nil
    }
}

/// Unicode folding for titles: NFKC, case, diacritics, `&` → `and`; punctuation separates words,
/// apostrophes vanish, and brackets, commas and spaced dashes mark qualifier boundaries.
enum TitleFolding {
    /// Folds a title into words and boundaries.
    static func tokens(_ title: String) -> [TitleToken] {
        let isASCII = title.utf8.allSatisfy { $0 < 0x80 }
        let scalars = Array((isASCII ? title : title.precomposedStringWithCompatibilityMapping).unicodeScalars)
        var tokens: [TitleToken] = []
        var word = String.UnicodeScalarView()
        func endWord() {
            guard !word.isEmpty else { return }
            let display = String(word)
            let folded =
                isASCII
                ? display.lowercased()
                : display.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            tokens.append(.word(folded, display: display))
            word = String.UnicodeScalarView()
        }
        for (index, scalar) in scalars.enumerated() {
            switch classify(scalar) {
            case .letter:
                word.append(scalar)
            case .vanishes:
                continue
            case .ampersand:
                endWord()
                tokens.append(.word("and", display: "&"))
            case .boundary:
                endWord()
                tokens.append(.boundary)
            case .dash:
                endWord()
                let spaced =
                    index > 0 && index + 1 < scalars.count
                    && scalars[index - 1].properties.isWhitespace && scalars[index + 1].properties.isWhitespace
                if spaced { tokens.append(.boundary) }
            case .space:
                endWord()
            }
        }
        endWord()
        return tokens
    }

    private enum Kind { case letter, vanishes, ampersand, boundary, dash, space }

    private static func classify(_ scalar: Unicode.Scalar) -> Kind {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": return .letter
        case "'", "\u{2019}", "\u{2018}", "\u{02BC}", "`": return .vanishes
        case "&": return .ampersand
        case "(", ")", "[", "]", ",", ";", ":": return .boundary
        case "-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}": return .dash
        case "×": return .letter
        default:
            if scalar.isASCII { return .space }
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
            {
                return .letter
            }
            if properties.generalCategory == .dashPunctuation { return .dash }
            return .space
        }
    }
}

/// A trailing holder count: `(x2)`, `(X 2)`, `(×2)`, `x2`, `(2 posts)`.
enum HolderCountSuffix {
    /// Removes a trailing holder count from folded tokens, returning the count.
    static func strip(_ tokens: inout [TitleToken]) -> Int? {
        var end = tokens.count
        while end > 0, tokens[end - 1] == .boundary { end -= 1 }
        var start = end
        while start > 0, case .word = tokens[start - 1] { start -= 1 }
        let group = tokens[start..<end].compactMap(\.word)
        let remaining: [TitleToken]
        let count: Int?
        if end < tokens.count, start > 0, tokens[start - 1] == .boundary {
            // A bracketed (or comma) group of its own: "(x2)", "(2 posts)".
            count = Self.count(in: group)
            remaining = Array(tokens[..<start])
        } else if end == tokens.count, let last = group.last, let single = Self.count(in: [last]) {
            count = single
            remaining = Array(tokens[..<(end - 1)])
        } else if end == tokens.count, group.count >= 2, group[group.count - 2] == "x" || group[group.count - 2] == "×",
            let pair = Self.count(in: Array(group.suffix(2)))
        {
            count = pair
            remaining = Array(tokens[..<(end - 2)])
        } else {
            return nil
        }
        guard let count, remaining.contains(where: { $0.word != nil }) else { return nil }
        tokens = remaining
        while tokens.last == .boundary { tokens.removeLast() }
        return count
    }

    private static func count(in words: [String]) -> Int? {
        switch words.count {
        case 1:
            guard let first = words[0].unicodeScalars.first, first == "x" || first == "×" else { return nil }
            return positive(String(words[0].unicodeScalars.dropFirst()))
        case 2:
            if words[0] == "x" || words[0] == "×" { return positive(words[1]) }
            if words[1] == "posts" || words[1] == "post" { return positive(words[0]) }
            return nil
        default:
            return nil
        }
    }

    private static func positive(_ text: String) -> Int? {
        guard (1...4).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text),
            value > 0
        else { return nil }
        return value
    }
}
