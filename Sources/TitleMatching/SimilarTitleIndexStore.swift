import Foundation

/// The tables a ``SimilarTitleIndex`` answers from. The index builds them in memory; a caller
/// that stores an index's ``SimilarTitleIndex/exported`` tables (a snapshot file) serves them back
/// through this protocol, so that opening a stored index builds nothing.
///
/// A store must answer exactly as the exported tables say: an unknown key has no ids, ids are
/// below ``titleCount`` (others are ignored).
public protocol SimilarTitleIndexStore: Sendable {
    /// How many titles are indexed.
    var titleCount: Int { get }
    /// Title `id` as written.
    func title(_ id: Int) -> String
    /// Title `id`'s word counts.
    func counts(_ id: Int) -> SimilarTitleIndex.WordCounts
    /// Ids of the titles containing a content word.
    func postings(_ word: String) -> [Int32]
    /// Ids of the titles with a run of words that `form` abbreviates.
    func shortForms(_ form: String) -> [Int32]
    /// The indexed words that lose one letter to become `variant`.
    func deletions(_ variant: String) -> [String]
}

/// The tables of an index built in memory.
struct BuiltTitleIndexStore: SimilarTitleIndexStore {
    let titles: [String]
    let wordCounts: [SimilarTitleIndex.WordCounts]
    let postingsByWord: [String: [Int32]]
    let shortFormsByForm: [String: [Int32]]
    let deletionsByVariant: [String: [String]]

    init(
        titles: [String],
        counts: [SimilarTitleIndex.WordCounts],
        postingsByWord: [String: [Int32]],
        shortFormsByForm: [String: [Int32]],
        deletionsByVariant: [String: [String]]
    ) {
        self.titles = titles
        wordCounts = counts
        self.postingsByWord = postingsByWord
        self.shortFormsByForm = shortFormsByForm
        self.deletionsByVariant = deletionsByVariant
    }

    var titleCount: Int { titles.count }
    func title(_ id: Int) -> String { titles[id] }
    func counts(_ id: Int) -> SimilarTitleIndex.WordCounts { wordCounts[id] }
    func postings(_ word: String) -> [Int32] { postingsByWord[word] ?? [] }
    func shortForms(_ form: String) -> [Int32] { shortFormsByForm[form] ?? [] }
    func deletions(_ variant: String) -> [String] { deletionsByVariant[variant] ?? [] }

    /// The tables with keys sorted by their UTF-8 bytes.
    var exported: SimilarTitleIndex.ExportedTables {
        let byBytes = { (lhs: String, rhs: String) in lhs.utf8.lexicographicallyPrecedes(rhs.utf8) }
        return SimilarTitleIndex.ExportedTables(
            titles: titles,
            counts: wordCounts,
            postings: postingsByWord.sorted { byBytes($0.key, $1.key) }.map { ($0.key, $0.value) },
            shortForms: shortFormsByForm.sorted { byBytes($0.key, $1.key) }.map { ($0.key, $0.value) },
            deletions: deletionsByVariant.sorted { byBytes($0.key, $1.key) }.map { ($0.key, $0.value) }
        )
    }
}

/// Titles of a stored index analysed on use, kept for the next query. Guarded by an `NSLock`, as
/// ``RecentAnswers`` is, so that ThreadSanitizer sees the ordering when queries run in parallel.
final class AnalysisCache: @unchecked Sendable {
    private let lock = NSLock()
    /// Read and written under `lock` only.
    private var titles: [Int: AnalyzedTitle] = [:]

    /// The analysis of title `id`, made by `analyze` the first time it is asked for. Two threads
    /// asking at once may both analyse it; the results are equal.
    func title(_ id: Int, analyze: () -> AnalyzedTitle) -> AnalyzedTitle {
        if let cached = lock.withLock({ titles[id] }) { return cached }
        let title = analyze()
        lock.withLock { titles[id] = title }
        return title
    }
}
