/// A title prepared for comparison: canonical spellings, segment of each word, content words.
struct AnalyzedTitle: Sendable {
    let normalized: NormalizedTitle
    /// Folded words with British/American spelling merged.
    let words: [String]
    /// Which segment (0 = main title) each word is in.
    let segmentOfWord: [Int]
    /// Everything a word of another title could abbreviate here: initialisms of runs and the
    /// first words of table abbreviations whose expansion occurs.
    let shortForms: Set<String>
    /// The distinct words.
    let wordSet: Set<String>

    init(_ normalized: NormalizedTitle, vocabulary: TitleVocabulary) {
        self.normalized = normalized
        words = normalized.words.map(SpellingVariants.canonical)
        var segmentOfWord: [Int] = []
        for (index, segment) in normalized.segments.enumerated() {
            segmentOfWord += Array(repeating: index, count: segment.count)
        }
        self.segmentOfWord = segmentOfWord
        shortForms = AbbreviationMatcher(vocabulary: vocabulary).shortForms(of: words)
        wordSet = Set(words)
    }

    /// The words that carry meaning: no stop words.
    func contentWords(_ vocabulary: TitleVocabulary) -> [String] {
        words.filter { !vocabulary.stopWords.contains($0) }
    }
}
