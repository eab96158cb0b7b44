/// Word pairs written one a line ("british american"), searched in place: a process that looks up
/// a few words does not first build a dictionary of thousands of strings (that was a sixth of a
/// one-title lookup's cycles). The lines are ordered by their first word's bytes once, so any order
/// of the text is answered correctly.
struct WordPairTable: Sendable {
    /// A line's first word and second word, as byte ranges of `bytes`.
    private struct Pair: Sendable {
        var key: Range<Int>
        var value: Range<Int>
    }

    private let bytes: [UInt8]
    /// Sorted by key bytes; a repeated key keeps its lines' order, so a search finds the first.
    private let pairs: [Pair]

    /// Reads the pairs of `text`; a line without exactly two words is left out.
    /// - Parameter text: Lines of two words separated by a space.
    init(_ text: String) {
        let bytes = Array(text.utf8)
        var pairs: [Pair] = []
        var lineStart = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "\n") {
            if let pair = Self.pair(in: bytes, lineStart..<index) { pairs.append(pair) }
            lineStart = index + 1
        }
        let isSorted = zip(pairs, pairs.dropFirst()).allSatisfy {
            bytes[$0.key].lexicographicallyPrecedes(bytes[$1.key])
        }
        if !isSorted {
            // A stable sort keeps the first line of a repeated key ahead of the others.
            pairs = pairs.enumerated().sorted {
                bytes[$0.element.key].lexicographicallyPrecedes(bytes[$1.element.key])
                    || (bytes[$0.element.key].elementsEqual(bytes[$1.element.key]) && $0.offset < $1.offset)
            }.map(\.element)
        }
        self.bytes = bytes
        self.pairs = pairs
    }

    /// The two words of a line, without the spaces around them.
    private static func pair(in bytes: [UInt8], _ line: Range<Int>) -> Pair? {
        let words = bytes[line].split(separator: UInt8(ascii: " "))
        guard words.count == 2 else { return nil }
        return Pair(key: words[0].startIndex..<words[0].endIndex, value: words[1].startIndex..<words[1].endIndex)
    }

    /// The second word of the line whose first word is `word`, as UTF-8.
    /// - Parameter word: The first word to look for.
    /// - Returns: The paired word's bytes, or nil when no line starts with `word`.
    func value(for word: String) -> ArraySlice<UInt8>? {
        var word = word
        return word.withUTF8 { key -> ArraySlice<UInt8>? in
            // The first pair whose key is not below `key`.
            var (low, high) = (0, pairs.count)
            while low < high {
                let middle = (low + high) / 2
                if bytes[pairs[middle].key].lexicographicallyPrecedes(key) { low = middle + 1 } else { high = middle }
            }
            guard low < pairs.count, bytes[pairs[low].key].elementsEqual(key) else { return nil }
            return bytes[pairs[low].value]
        }
    }
}
