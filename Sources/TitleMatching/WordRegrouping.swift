/// Where what a title writes as one unit is several words for comparison, or the reverse:
/// "R&D" is one initialism, "Dros Dro" one modifier, "Príomhoifigeach" a modifier and a noun.
/// Built once per vocabulary; most titles need none of it and are passed through untouched.
struct WordRegrouping: Sendable {
    /// Words with their display forms and segments, index for index.
    struct Words {
        var words: [String] = []
        var display: [String] = []
        var segments: [Int] = []

        fileprivate mutating func append(_ word: String, _ display: String, _ segment: Int) {
            words.append(word)
            self.display.append(display)
            segments.append(segment)
        }
    }

    /// The shortest modifier read off the front of a word written solid, and the shortest rest:
    /// shorter prefixes ("is", "ard") begin too many English words.
    static let shortestSolidPrefix = 5
    static let shortestRest = 4

    /// Modifiers of two words ("dros dro").
    private let phrases: Set<String>
    /// Their first words, to skip the lookup for every other word.
    private let phraseStarts: Set<String>
    /// Modifiers that may be written solid, longest first.
    private let solidPrefixes: [String]
    /// Each of them without its first two letters, as bytes; nil when one is not ASCII.
    private let asciiSolidPrefixTails: [[UInt8]]?

    init(vocabulary: TitleVocabulary) {
        phrases = vocabulary.modifiers.filter { $0.contains(" ") }
        phraseStarts = Set(phrases.compactMap { $0.split(separator: " ").first.map(String.init) })
        solidPrefixes = vocabulary.modifierPrefixes.filter { $0.count >= Self.shortestSolidPrefix }
            .sorted { ($0.count, $0) > ($1.count, $1) }
        asciiSolidPrefixTails =
            solidPrefixes.allSatisfy { $0.utf8.allSatisfy(Self.isPlainASCII) }
            ? solidPrefixes.map { Array($0.utf8.dropFirst(2)) } : nil
    }

    func regroup(_ input: Words) -> Words {
        guard needsRegrouping(input) else { return input }
        var output = Words()
        let words = input.words
        var index = 0
        while index < words.count {
            let segment = input.segments[index]
            if let end = initialsJoinedByAmpersand(from: index, in: input) {
                let parts = stride(from: index, through: end, by: 2)
                output.append(
                    parts.map { words[$0] }.joined(),
                    parts.map { input.display[$0] }.joined(separator: "&"),
                    segment
                )
                index = end + 1
            } else if let phrase = phrase(at: index, in: input) {
                output.append(phrase, input.display[index] + " " + input.display[index + 1], segment)
                index += 2
            } else if let cut = solidPrefixLength(of: words[index]) {
                let (word, display) = (words[index], input.display[index])
                let split = display.index(display.startIndex, offsetBy: min(cut, display.count))
                output.append(String(word.prefix(cut)), String(display[..<split]), segment)
                output.append(String(word.dropFirst(cut)), String(display[split...]), segment)
                index += 1
            } else {
                output.append(words[index], input.display[index], segment)
                index += 1
            }
        }
        return output
    }

    /// Whether any word is an `&`, starts a modifier phrase or may hold a solid modifier.
    private func needsRegrouping(_ input: Words) -> Bool {
        input.display.contains("&") || input.words.contains(where: phraseStarts.contains)
            || input.words.contains { $0.count >= Self.shortestSolidPrefix + Self.shortestRest }
                && input.words.contains { solidPrefixLength(of: $0) != nil }
    }

    /// A two-word modifier starting at `index`, joined by one space.
    private func phrase(at index: Int, in input: Words) -> String? {
        guard index + 1 < input.words.count, phraseStarts.contains(input.words[index]),
            input.segments[index + 1] == input.segments[index]
        else { return nil }
        let phrase = input.words[index] + " " + input.words[index + 1]
        return phrases.contains(phrase) ? phrase : nil
    }

    /// The last index of a run "X & Y (& Z …)" of short initials starting at `start`, if there is one.
    private func initialsJoinedByAmpersand(from start: Int, in input: Words) -> Int? {
        var end = start
        while end + 2 < input.words.count, Self.isInitials(input.display[end]), input.display[end + 1] == "&",
            Self.isInitials(input.display[end + 2]), input.segments[end + 2] == input.segments[start]
        {
            end += 2
        }
        return end > start ? end : nil
    }

    /// One to three capital letters or digits as written: "R", "DE", "HR" (not "Oil", "Tax").
    private static func isInitials(_ written: String) -> Bool {
        (1...3).contains(written.utf8.count)
            && written.utf8.allSatisfy {
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
            }
    }

    /// Whether a solid prefix's tail occurs where it would after a mutation, which changes at most
    /// the first three letters. Plain ASCII (one byte a letter) is searched as bytes.
    private func mayHoldSolidPrefix(_ word: String) -> Bool {
        let head = Self.shortestSolidPrefix + 3
        guard let tails = asciiSolidPrefixTails, word.utf8.allSatisfy(Self.isPlainASCII) else {
            return solidPrefixes.contains(where: { word.prefix(head).contains($0.dropFirst(2)) })
        }
        let bytes = word.utf8.prefix(head)
        return tails.contains { tail in
            bytes.count >= tail.count
                && (0...(bytes.count - tail.count)).contains { bytes.dropFirst($0).starts(with: tail) }
        }
    }

    /// ASCII other than a carriage return (which joins a line feed into one character).
    private static func isPlainASCII(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x0D }

    /// How many letters of `word` are a modifier written solid with the word after it:
    /// "priomhoifigeach" → 6 ("priomh"), and mutated, "phriomhoide" → 7 ("phriomh", read "priomh").
    private func solidPrefixLength(of word: String) -> Int? {
        guard word.count >= Self.shortestSolidPrefix + Self.shortestRest,
            mayHoldSolidPrefix(word)
        else { return nil }
        // The word as written first, then its unmutated forms: the same answer on every run.
        let radicals = [word] + InitialMutation.radicals(of: word).subtracting([word]).sorted()
        for radical in radicals {
            let mutation = word.count - radical.count
            for prefix in solidPrefixes
            where radical.count >= prefix.count + Self.shortestRest && radical.hasPrefix(prefix) {
                return prefix.count + mutation
            }
        }
        return nil
    }
}
