import Foundation

/// Unicode folding for titles: NFKC, case, diacritics, `&` → `and`, any space or dash → one space.
enum TitleFolding {
    /// Folds a title to lower-case ASCII-like text with single spaces between words.
    static func fold(_ title: String) -> String {
        if title.utf8.allSatisfy({ $0 < 0x80 }) { return foldASCII(title.utf8) }
        let compatible = title.precomposedStringWithCompatibilityMapping
        let stripped = compatible.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var output = ""
        output.reserveCapacity(stripped.utf8.count)
        var pendingSpace = false
        for scalar in stripped.unicodeScalars {
            if scalar == "&" {
                if !output.isEmpty { output.append(" ") }
                output.append("and")
                pendingSpace = true
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingSpace, !output.isEmpty { output.append(" ") }
                pendingSpace = false
                output.unicodeScalars.append(scalar)
            } else if scalar == "(" || scalar == ")" || scalar == "×" {
                if pendingSpace, !output.isEmpty { output.append(" ") }
                pendingSpace = false
                output.unicodeScalars.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return output
    }

    /// The ASCII fast path of ``fold(_:)``.
    private static func foldASCII(_ bytes: String.UTF8View) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 4)
        var pendingSpace = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "("), UInt8(ascii: ")"):
                if pendingSpace, !output.isEmpty { output.append(UInt8(ascii: " ")) }
                pendingSpace = false
                output.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if pendingSpace, !output.isEmpty { output.append(UInt8(ascii: " ")) }
                pendingSpace = false
                output.append(byte | 0x20)
            case UInt8(ascii: "&"):
                if !output.isEmpty { output.append(UInt8(ascii: " ")) }
                output.append(contentsOf: "and".utf8)
                pendingSpace = true
            default:
                pendingSpace = true
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Splits folded text into words of letters and digits (brackets dropped).
    static func words(_ folded: String) -> [String] {
        folded.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" || $0 == "×" }).map(String.init)
    }
}

/// A trailing holder count: `(x2)`, `(X 2)`, `(×2)`, `x2`, `(2 posts)`.
enum HolderCountSuffix {
    /// Splits folded text into the title without its count suffix and the count.
    static func split(_ folded: String) -> (body: String, count: Int?) {
        let text = Substring(folded)
        if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
            let inner = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingSpaces
            if let count = timesCount(inner) ?? postsCount(inner) {
                return accept(text[..<open], count: count, otherwise: folded)
            }
        }
        let words = text.split(separator: " ")
        if let last = words.last, let count = timesCount(last) {
            return accept(text[..<last.startIndex], count: count, otherwise: folded)
        }
        if words.count >= 2, words[words.count - 2] == "x" || words[words.count - 2] == "×",
            let count = positiveNumber(words[words.count - 1])
        {
            return accept(text[..<words[words.count - 2].startIndex], count: count, otherwise: folded)
        }
        return (folded, nil)
    }

    private static func accept(_ body: Substring, count: Int, otherwise folded: String) -> (body: String, count: Int?) {
        let body = String(body.trimmingSpaces)
        return TitleFolding.words(body).isEmpty ? (folded, nil) : (body, count)
    }

    /// `x2`, `x 2`, `×2`.
    private static func timesCount(_ text: Substring) -> Int? {
        guard let first = text.first, first == "x" || first == "×" else { return nil }
        return positiveNumber(text.dropFirst().trimmingSpaces)
    }

    /// `2 posts`, `2 post`.
    private static func postsCount(_ text: Substring) -> Int? {
        for suffix in ["posts", "post"] where text.hasSuffix(suffix) {
            return positiveNumber(text.dropLast(suffix.count).trimmingSpaces)
        }
        return nil
    }

    private static func positiveNumber(_ text: Substring) -> Int? {
        guard (1...4).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text), value > 0
        else { return nil }
        return value
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var result = self
        while result.first == " " { result.removeFirst() }
        while result.last == " " { result.removeLast() }
        return result
    }
}
