/// A title prepared for comparison: canonical spellings, segment of each word, content words.
struct AnalyzedTitle: Sendable {
    let normalized: NormalizedTitle
    /// Folded words with British/American spelling merged.
    let words: [String]
    /// Which segment (0 = main title) each word is in.
    let segmentOfWord: [Int]

    init(_ normalized: NormalizedTitle) {
        self.normalized = normalized
        words = normalized.words.map(SpellingVariants.canonical)
        var segmentOfWord: [Int] = []
        for (index, segment) in normalized.segments.enumerated() {
            segmentOfWord += Array(repeating: index, count: segment.count)
        }
        self.segmentOfWord = segmentOfWord
    }

    /// The words that carry meaning: no stop words.
    func contentWords(_ vocabulary: TitleVocabulary) -> [String] {
        words.filter { !vocabulary.stopWords.contains($0) }
    }
}
