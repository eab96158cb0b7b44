/// A title prepared for comparison: canonical spellings, segment of each word, content words.
/// A class, so that handing a candidate to a comparison retains one object, not every array in it.
final class AnalyzedTitle: Sendable {
    let normalized: NormalizedTitle
    /// Folded words with British/American spelling merged, and where each one is.
    let view: WordView
    /// The title's short forms (``AbbreviationMatcher/shortForms(of:)``) when they reach their
    /// cap; otherwise nil, and ``AbbreviationMatcher/isShortForm(_:of:)`` finds one without them.
    let cappedShortForms: Set<String>?
    /// Each word as the title writes it, index for index with ``words``.
    let displayWords: [String]
    /// Whether a modifier that mutates the next word occurs (Welsh "Dirprwy", Gaelic "Leas").
    let hasMutatingModifier: Bool
    /// Whether a subject of a named post (a word or a run of up to three) or a numeral occurs.
    let hasSubject: Bool

    var words: [String] { view.words }
    var segmentOfWord: [Int] { view.segments }

    init(_ normalized: NormalizedTitle, abbreviations: AbbreviationMatcher) {
        let vocabulary = abbreviations.vocabulary
        self.normalized = normalized
        var segments: [Int] = []
        for (index, segment) in normalized.segments.enumerated() {
            segments += Array(repeating: index, count: segment.count)
        }
        let regrouped = abbreviations.regrouping.regroup(
            WordRegrouping.Words(words: normalized.words, display: normalized.displayWords, segments: segments)
        )
        view = WordView(
            words: regrouped.words.map(SpellingVariants.canonical),
            segments: regrouped.segments,
            vocabulary: vocabulary
        )
        displayWords = regrouped.display
        let words = view.words
        hasMutatingModifier = words.contains(where: OtherLanguageModifier.mutating.contains)
        hasSubject = !abbreviations.subjects.classes(in: view.content).isEmpty
        cappedShortForms =
            abbreviations.shortFormsMayBeCapped(view) ? abbreviations.shortForms(of: view.words) : nil
    }
}

/// Words of a title (possibly with abbreviations expanded) and the derived forms comparisons use.
struct WordView: Sendable {
    /// All words in order.
    let words: [String]
    /// Segment of each word (0 = main title).
    let segments: [Int]
    /// Whether each word is a small word (the vocabulary's stop words), index for index.
    let isSmallWord: [Bool]
    /// Words without small words, in order.
    let content: [String]
    /// ``content`` sorted, for multiset comparison.
    let sortedContent: [String]
    /// Content words of the main segment, then of each non-empty qualifier.
    let segmentContent: [[String]]
    /// The main segment's words, small words included.
    let mainWords: [String]
    /// The main segment's content words without modifiers, sorted: what must match for a qualifier difference.
    let mainCore: [String]
    /// Each qualifier's content words, sorted.
    let qualifierKeys: [[String]]

    init(words: [String], segments: [Int], vocabulary: TitleVocabulary) {
        self.words = words
        self.segments = segments
        var content: [String] = []
        var segmentContent: [[String]] = [[]]
        var mainWords: [String] = []
        var isSmallWord: [Bool] = []
        isSmallWord.reserveCapacity(words.count)
        for (word, segment) in zip(words, segments) {
            if segment == 0 { mainWords.append(word) }
            let isSmall = vocabulary.stopWords.contains(word)
            isSmallWord.append(isSmall)
            guard !isSmall else { continue }
            content.append(word)
            while segmentContent.count <= segment { segmentContent.append([]) }
            segmentContent[segment].append(word)
        }
        self.isSmallWord = isSmallWord
        self.content = content
        self.sortedContent = content.sorted()
        // The main title stays first even when empty; empty qualifiers are dropped.
        self.segmentContent = [segmentContent[0]] + segmentContent.dropFirst().filter { !$0.isEmpty }
        self.mainWords = mainWords
        self.mainCore = self.segmentContent[0].filter { !vocabulary.modifiers.contains($0) }.sorted()
        self.qualifierKeys = self.segmentContent.dropFirst().map { $0.sorted() }
    }

    /// Words of `self` and `other` left over after pairing equal content words (multiset difference).
    func contentDifference(_ other: WordView) -> (onlySelf: [String], onlyOther: [String]) {
        var onlySelf: [String] = []
        var onlyOther: [String] = []
        var i = 0
        var j = 0
        let a = sortedContent
        let b = other.sortedContent
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] < b[j]) {
                onlySelf.append(a[i])
                i += 1
            } else if i == a.count || b[j] < a[i] {
                onlyOther.append(b[j])
                j += 1
            } else {
                i += 1
                j += 1
            }
        }
        return (onlySelf, onlyOther)
    }
}
