/// Where what a title writes as one unit is several words for comparison, or the reverse:
/// "R&D" is one initialism, "Dros Dro" one modifier, "Príomhoifigeach" a modifier and a noun.
enum WordRegrouping {
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

    static func regroup(_ input: Words, vocabulary: TitleVocabulary) -> Words {
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
            } else if index + 1 < words.count, input.segments[index + 1] == segment,
                vocabulary.modifiers.contains(words[index] + " " + words[index + 1])
            {
                output.append(
                    words[index] + " " + words[index + 1],
                    input.display[index] + " " + input.display[index + 1],
                    segment
                )
                index += 2
            } else if let cut = solidPrefixLength(of: words[index], vocabulary) {
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

    /// The last index of a run "X & Y (& Z …)" of short initials starting at `start`, if there is one.
    private static func initialsJoinedByAmpersand(from start: Int, in input: Words) -> Int? {
        var end = start
        while end + 2 < input.words.count, isInitials(input.words[end]), input.display[end + 1] == "&",
            isInitials(input.words[end + 2]), input.segments[end + 2] == input.segments[start]
        {
            end += 2
        }
        return end > start ? end : nil
    }

    /// One to three ASCII letters or digits: "R", "DE", "HR".
    private static func isInitials(_ word: String) -> Bool {
        (1...3).contains(word.utf8.count)
            && word.utf8.allSatisfy {
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
            }
    }

    /// How many letters of `word` are a modifier written solid with the word after it:
    /// "priomhoifigeach" → 6 ("priomh"), and mutated, "phriomhoide" → 7 ("phriomh", read "priomh").
    private static func solidPrefixLength(of word: String, _ vocabulary: TitleVocabulary) -> Int? {
        guard word.count >= shortestSolidPrefix + shortestRest else { return nil }
        // The word as written first, then its unmutated forms, longest prefix first: the same
        // answer on every run (sets have no stable order).
        let radicals = [word] + InitialMutation.radicals(of: word).subtracting([word]).sorted()
        let prefixes = vocabulary.modifierPrefixes.sorted { ($0.count, $0) > ($1.count, $1) }
        for radical in radicals {
            let mutation = word.count - radical.count
            for prefix in prefixes
            where prefix.count >= shortestSolidPrefix && radical.count >= prefix.count + shortestRest
                && radical.hasPrefix(prefix)
            {
                return prefix.count + mutation
            }
        }
        return nil
    }
}
