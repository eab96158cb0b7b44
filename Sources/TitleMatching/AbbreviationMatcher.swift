/// Finds where a short word in one title abbreviates a run of words in another:
/// initials ("PS" = Private Secretary, "MoS" = Minister of State, "DfE", "G7" = Grade 7),
/// word prefixes ("Perm Sec") and the vocabulary's table ("SpAd").
struct AbbreviationMatcher: Sendable {
    let vocabulary: TitleVocabulary
    /// The table's abbreviations (first word) with their expansions in canonical spelling, by
    /// the expansion's first word.
    private let tableByFirstWord: [String: [(abbreviation: String, expansion: [String])]]
    /// The table keyed by phrase, with expansions in canonical spelling.
    private let table: [String: [String]]
    /// The table's expansions by the abbreviation's first word: the short form a title holding
    /// one of them offers.
    private let expansionsByShortForm: [String: [[String]]]
    /// How the vocabulary's phrases and solid prefixes regroup a title's words before any
    /// abbreviation is looked for (built here, once per vocabulary).
    let regrouping: WordRegrouping
    /// The vocabulary's subjects and office nouns in compared form (built here, once per vocabulary).
    let subjects: SubjectTable

    init(vocabulary: TitleVocabulary) {
        self.vocabulary = vocabulary
        var table: [String: [String]] = [:]
        for (abbreviation, expansion) in vocabulary.abbreviations {
            table[abbreviation] = expansion.split(separator: " ").map { SpellingVariants.canonical(String($0)) }
        }
        self.table = table
        regrouping = WordRegrouping(vocabulary: vocabulary)
        subjects = SubjectTable(vocabulary: vocabulary)
        tableByFirstWord = Dictionary(
            grouping: table.sorted { $0.key < $1.key }.map { (String($0.key.split(separator: " ")[0]), $0.value) },
            by: { $0.1.first ?? "" }
        ).mapValues { $0.map { (abbreviation: $0.0, expansion: $0.1) } }
        expansionsByShortForm = Dictionary(
            grouping: table.filter { !$0.value.isEmpty }.map { (String($0.key.split(separator: " ")[0]), $0.value) },
            by: \.0
        ).mapValues { $0.map(\.1) }
    }

    /// A replacement of words `range` in one title by `expansion` from the other.
    struct Expansion {
        var range: Range<Int>
        var expansion: [String]
        var otherWords: String
    }

    /// Expands abbreviations in `words` that stand for runs of `other`'s words.
    /// - Returns: The expanded words, their segments, and what was expanded (as ``TitleDifference/Kind-swift.enum/abbreviation``).
    func expand(
        _ title: AnalyzedTitle,
        against otherTitle: AnalyzedTitle
    ) -> (words: [String], segments: [Int], expansions: [TitleDifference]) {
        let words = title.words
        let segments = title.segmentOfWord
        let display = title.displayWords
        let other = otherTitle.words
        let otherSet = Set(other)
        let ownSet = Set(words)
        guard words.contains(where: { !otherSet.contains($0) && !vocabulary.stopWords.contains($0) }) else {
            return (words, segments, [])
        }
        var result: [String] = []
        var resultSegments: [Int] = []
        var expansions: [TitleDifference] = []
        var index = 0
        while index < words.count {
            if let found = match(
                at: index,
                in: words,
                otherSet: otherSet,
                ownSet: ownSet,
                other: other,
                otherTitle: otherTitle
            ) {
                result += found.expansion
                resultSegments += Array(repeating: segments[index], count: found.expansion.count)
                let short = display[found.range].joined(separator: " ")
                expansions.append(TitleDifference(.abbreviation, words: [short], insteadOf: [found.otherWords]))
                index = found.range.upperBound
            } else {
                result.append(words[index])
                resultSegments.append(segments[index])
                index += 1
            }
        }
        return (result, resultSegments, expansions)
    }

    private func match(
        at index: Int,
        in words: [String],
        otherSet: Set<String>,
        ownSet: Set<String>,
        other: [String],
        otherTitle: AnalyzedTitle
    ) -> Expansion? {
        let word = words[index]
        let otherDisplay = otherTitle.displayWords
        guard !otherSet.contains(word), !vocabulary.stopWords.contains(word) else { return nil }
        guard isShortForm(word, of: otherTitle) || hasLongerWord(startingWith: word, in: other) else { return nil }
        // The table, for phrases of up to three words.
        for length in stride(from: min(3, words.count - index), through: 1, by: -1) {
            let phrase = words[index..<(index + length)].joined(separator: " ")
            if let expanded = table[phrase] {
                if let start = findRun(expanded, in: other) {
                    return Expansion(
                        range: index..<(index + length),
                        expansion: expanded,
                        otherWords: describe(otherDisplay, start..<(start + expanded.count))
                    )
                }
            }
        }
        // Initials of a run of words that the abbreviating title does not have itself.
        if (2...6).contains(word.count) {
            for start in other.indices where other.count - start >= 2 {
                for length in 2...min(7, other.count - start) {
                    let run = Array(other[start..<(start + length)])
                    guard !vocabulary.stopWords.contains(run[0]), !vocabulary.stopWords.contains(run[length - 1]) else {
                        continue
                    }
                    if initialisms(of: run).contains(word) {
                        return Expansion(
                            range: index..<(index + 1),
                            expansion: run,
                            otherWords: describe(otherDisplay, start..<(start + length))
                        )
                    }
                }
            }
        }
        // A prefix of a longer word: "Perm" for "Permanent", "Sec" for "Secretary".
        if word.count >= 3, word.allSatisfy(\.isLetter) {
            if let position = other.firstIndex(where: {
                $0.count > word.count + 1 && $0.hasPrefix(word) && !ownSet.contains($0)
            }) {
                return Expansion(
                    range: index..<(index + 1),
                    expansion: [other[position]],
                    otherWords: describe(otherDisplay, position..<(position + 1))
                )
            }
        }
        return nil
    }

    /// Whether `word` could abbreviate something in `other` (cheap; no expansion is built).
    func mayAbbreviate(_ word: String, in other: AnalyzedTitle) -> Bool {
        !vocabulary.stopWords.contains(word)
            && (isShortForm(word, of: other) || hasLongerWord(startingWith: word, in: other.words))
    }

    /// Whether `word` is one of the title's ``shortForms(of:)``, found without building them all
    /// (a title whose forms reach the cap keeps its set, and is answered from it).
    func isShortForm(_ word: String, of title: AnalyzedTitle) -> Bool {
        if let forms = title.cappedShortForms { return forms.contains(word) }
        let words = title.words
        if let expansions = expansionsByShortForm[word], expansions.contains(where: { findRun($0, in: words) != nil }) {
            return true
        }
        let target = Array(word.utf8)
        guard (2...6).contains(target.count) else { return false }
        let isSmall = title.view.isSmallWord
        // The runs `shortForms` walks, following only options that spell the next bytes of `word`.
        func spells(_ position: Int, start: Int, matched: Int) -> Bool {
            guard position < words.count, position - start < 6 else { return false }
            let written = words[position]
            for length in initialOptionLengths(written, isSmall: isSmall[position])
            where matched + length <= target.count {
                guard written.utf8.prefix(length).elementsEqual(target[matched..<(matched + length)]) else { continue }
                if position > start && !isSmall[position] && matched + length == target.count { return true }
                if spells(position + 1, start: start, matched: matched + length) { return true }
            }
            return false
        }
        // A run starts with a word that is not small, whose first byte (if any) is the word's.
        if words.indices.contains(where: {
            !isSmall[$0] && (words[$0].utf8.first ?? target[0]) == target[0] && spells($0, start: $0, matched: 0)
        }) {
            return true
        }
        // Bytes decide alone unless a scalar may join the one before it: initials joined from
        // conjoining jamo, say, can be canonically equal to a differently encoded word, as the set finds.
        func mayJoin(_ text: String) -> Bool { text.unicodeScalars.contains(where: ComposingScalars.mayJoinPrevious) }
        guard target.contains(where: { $0 >= 0x80 }), mayJoin(word) || words.contains(where: mayJoin) else {
            return false
        }
        return shortForms(of: words).contains(word)
    }

    /// The most initialisms a title's short forms hold: past it a title written to hurt would cost
    /// the square of its length.
    static let shortFormCap = 512

    /// Whether ``shortForms(of:)`` could reach its cap for `words`: how many forms its walk would
    /// make at most (repeats counted), without making them.
    func shortFormsMayBeCapped(_ view: WordView) -> Bool {
        let (words, isSmall) = (view.words, view.isSmallWord)
        // Each start makes at most 2² + 2³ + … + 2⁶ = 124 forms.
        guard isSmall.count(where: { !$0 }) * 124 >= Self.shortFormCap else { return false }
        var made = 0
        func walk(_ position: Int, start: Int, bytes: Int) {
            guard position < words.count, position - start < 6, made < Self.shortFormCap else { return }
            for length in initialOptionLengths(words[position], isSmall: isSmall[position]) where bytes + length <= 6 {
                if position > start && !isSmall[position] && bytes + length >= 2 { made += 1 }
                walk(position + 1, start: start, bytes: bytes + length)
            }
        }
        for start in words.indices where !isSmall[start] {
            walk(start, start: start, bytes: 0)
            if made >= Self.shortFormCap { return true }
        }
        return false
    }

    /// Whether `words` has a word that starts with `prefix` (three letters or more) and is at least two letters longer.
    private func hasLongerWord(startingWith prefix: String, in words: [String]) -> Bool {
        let length = prefix.utf8.count
        guard length >= 3 else { return false }
        return words.contains { $0.utf8.count > length + 1 && $0.utf8.starts(with: prefix.utf8) }
    }

    /// Initialisms of every run of two to six words, and the first words of table abbreviations
    /// whose expansion occurs in `words`.
    func shortForms(of words: [String]) -> Set<String> {
        var forms: Set<String> = []
        let options = words.map(initialOptions)
        var buffer: [UInt8] = []
        // Extends runs word by word from each start, so runs sharing a start share the work.
        func extend(_ position: Int, start: Int) {
            guard position < words.count, position - start < 6, forms.count < Self.shortFormCap else { return }
            for option in options[position] {
                // Only words of up to six letters are read as initials, so longer forms are never needed.
                guard buffer.count + option.count <= 6 else { continue }
                buffer.append(contentsOf: option)
                let endsRun = position > start && !vocabulary.stopWords.contains(words[position])
                if endsRun && buffer.count >= 2 { forms.insert(String(decoding: buffer, as: UTF8.self)) }
                extend(position + 1, start: start)
                buffer.removeLast(option.count)
            }
        }
        for start in words.indices where !vocabulary.stopWords.contains(words[start]) { extend(start, start: start) }
        for word in Set(words) {
            for (abbreviation, expansion) in tableByFirstWord[word] ?? [] where findRun(expansion, in: words) != nil {
                forms.insert(abbreviation)
            }
        }
        return forms
    }

    /// Every way to abbreviate a run by initials: each content word gives its first letter (a number
    /// or a word of up to three letters, such as "UK", may give itself); small words may give their
    /// first letter or nothing. "Minister of State" gives "ms" and "mos".
    func initialisms(of run: [String]) -> Set<String> {
        var results: Set<[UInt8]> = [[]]
        for word in run {
            results = Set(results.flatMap { prefix in initialOptions(word).map { prefix + $0 } })
        }
        return Set(results.filter { $0.count >= 2 }.map { String(decoding: $0, as: UTF8.self) })
    }

    /// The byte lengths of ``initialOptions(_:)``, in the same order, without building them.
    private func initialOptionLengths(_ word: String, isSmall: Bool) -> InitialOptionLengths {
        guard let first = word.unicodeScalars.first else { return InitialOptionLengths(first: 0, second: nil) }
        let firstLength = UTF8.width(first)
        if isSmall { return InitialOptionLengths(first: firstLength, second: 0) }
        let count = word.utf8.count
        if count > 1, count <= 3 || word.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            return InitialOptionLengths(first: firstLength, second: count)
        }
        return InitialOptionLengths(first: firstLength, second: nil)
    }

    /// What one word can contribute to an initialism.
    private func initialOptions(_ word: String) -> [[UInt8]] {
        let bytes = Array(word.utf8)
        guard let first = word.unicodeScalars.first else { return [[]] }
        var options = [Array(String(first).utf8)]
        if vocabulary.stopWords.contains(word) {
            options.append([])
        } else if bytes.count > 1,
            bytes.count <= 3 || bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        {
            options.append(bytes)
        }
        return options
    }

    private func findRun(_ run: [String], in words: [String]) -> Int? {
        guard run.count <= words.count else { return nil }
        return (0...(words.count - run.count)).first { Array(words[$0..<($0 + run.count)]) == run }
    }

    private func describe(_ words: [String], _ range: Range<Int>) -> String {
        words[range].joined(separator: " ")
    }
}

/// One or two byte lengths a word can contribute to an initialism (its first letter; itself or
/// nothing), iterated without an array.
private struct InitialOptionLengths: Sequence, IteratorProtocol {
    var first: Int?
    var second: Int?

    mutating func next() -> Int? {
        defer { (first, second) = (second, nil) }
        return first
    }
}
