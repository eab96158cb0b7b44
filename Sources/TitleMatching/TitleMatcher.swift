/// Compares role titles: the same role (equal keys), or a different role that could be mistaken
/// for it, with what differs. Use ``SimilarTitleIndex`` to search many titles.
public struct TitleMatcher: Sendable {
    /// The version of how titles are keyed and compared, raised whenever a change would key or
    /// judge a title differently; stored snapshots built with another version are rebuilt.
    public static let version = 2

    /// The words that shape comparison.
    public let vocabulary: TitleVocabulary
    let comparison: TitleComparison

    /// Creates a matcher.
    /// - Parameter vocabulary: Modifier words, small words and abbreviations; extend ``TitleVocabulary/standard``.
    public init(vocabulary: TitleVocabulary = .standard) {
        self.vocabulary = vocabulary
        comparison = TitleComparison(abbreviations: AbbreviationMatcher(vocabulary: vocabulary))
    }

    /// A title prepared for comparison.
    func analyze(_ title: String) -> AnalyzedTitle {
        AnalyzedTitle(NormalizedTitle(title), abbreviations: comparison.abbreviations)
    }

    /// The identity key of a title.
    /// - Parameter title: A title as written.
    /// - Returns: The title's identity key.
    public func key(_ title: String) -> TitleKey { NormalizedTitle(title).key }

    /// How `candidate` could be mistaken for `query`, or nil when it could not (or is the same role).
    /// - Parameters:
    ///   - query: The title asked for.
    ///   - candidate: Another title.
    /// - Returns: How `candidate` could be mistaken for `query`, or nil.
    public func similarity(_ query: String, _ candidate: String) -> TitleSimilarity? {
        comparison.compare(analyze(query), analyze(candidate))
    }
}
