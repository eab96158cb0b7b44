import Foundation

/// All the titles of a directory, indexed once so that "which titles could be mistaken for this
/// one?" looks at a few candidates instead of every title.
///
/// Candidates come from shared words (typo-tolerant), initialisms of runs of words, and word
/// prefixes; each candidate is then judged by ``TitleMatcher``. A test checks the answers against a
/// brute-force pass over every title.
public struct SimilarTitleIndex: Sendable {
    /// A similar title and why.
    public struct Match: Sendable, Hashable {
        /// The title as written in the directory.
        public let title: String
        /// The title's identity key, as ``TitleMatcher/key(_:)`` gives it, so a caller need not
        /// normalise the title again.
        public let key: TitleKey
        /// Why it could be mistaken for the query.
        public let similarity: TitleSimilarity
    }

    /// The matcher that judges candidates.
    public let matcher: TitleMatcher
    /// Where lookups are answered from: tables built in memory, or tables a caller stored.
    private let store: any SimilarTitleIndexStore
    /// The analysed titles when built in memory; a stored index analyses its candidates on use.
    private let analyzed: [AnalyzedTitle]?
    /// A stored index's candidates analysed so far: queries over one directory share many.
    private let analysisCache = AnalysisCache()
    /// What a query asked, as the memory of answers knows it.
    struct Question: Hashable, Sendable {
        var query: String
        var limit: Int
        var minimumScore: Double
    }

    /// Queries longer than this many UTF-8 bytes are not kept (no role title is that long).
    package static let longestKeptQuery = 512

    /// Answers given lately, by query: judging candidates is most of a lookup's work.
    private var recentMatches = RecentAnswers<Question, [Match]>()

    /// Distinct content words (no small words, no modifiers) of a title, overall and in parts.
    /// Full-width integers: a title written to hurt may hold any number of distinct words.
    public struct WordCounts: Sendable, Hashable {
        /// Distinct content words in the whole title.
        public var all: Int
        /// Distinct content words in the main segment (before any comma or bracket).
        public var main: Int
        /// Distinct content words of the main segment before its subject preposition.
        public var subjectPrefix: Int

        /// Creates counts.
        public init(all: Int, main: Int, subjectPrefix: Int) {
            self.all = all
            self.main = main
            self.subjectPrefix = subjectPrefix
        }
    }

    /// An index over tables read from elsewhere (a snapshot file), answering exactly as the index
    /// whose ``exported`` tables they hold, with the same matcher.
    /// - Parameters:
    ///   - store: The stored tables.
    ///   - matcher: The matcher the tables were built with.
    public init(store: any SimilarTitleIndexStore, matcher: TitleMatcher) {
        self.matcher = matcher
        self.store = store
        analyzed = nil
    }

    /// Builds the index on the calling thread.
    /// - Parameters:
    ///   - titles: Distinct titles as written (duplicates by key are kept once).
    ///   - matcher: The matcher that judges candidates.
    public init(titles: some Sequence<String>, matcher: TitleMatcher = .init()) {
        let analyzed = Self.unique(titles).map { Self.analyze($0, matcher.comparison.abbreviations) }
        self.init(analyzed: analyzed.map(\.title), shortForms: analyzed.map(\.shortForms), matcher: matcher)
    }

    /// A title analysed, with the short forms the index files it under.
    private static func analyze(
        _ title: NormalizedTitle,
        _ abbreviations: AbbreviationMatcher
    ) -> (title: AnalyzedTitle, shortForms: Set<String>) {
        let analyzed = AnalyzedTitle(title, abbreviations: abbreviations)
        return (analyzed, analyzed.cappedShortForms ?? abbreviations.shortForms(of: analyzed.words))
    }

    /// Builds the index, analysing titles on every core (each title is independent of the others).
    /// - Parameters:
    ///   - titles: Distinct titles as written (duplicates by key are kept once).
    ///   - matcher: The matcher that judges candidates.
    /// - Returns: The same index as ``init(titles:matcher:)``.
    public static func build(titles: some Sequence<String>, matcher: TitleMatcher = .init()) async -> SimilarTitleIndex
    {
        let unique = Self.unique(titles)
        let abbreviations = matcher.comparison.abbreviations
        let parts = min(max(1, ProcessInfo.processInfo.activeProcessorCount), max(1, unique.count / 2_000))
        typealias Analyzed = (title: AnalyzedTitle, shortForms: Set<String>)
        let analyzed = await withTaskGroup(of: (Int, [Analyzed]).self) { group in
            for part in 0..<parts {
                let slice = unique[(unique.count * part / parts)..<(unique.count * (part + 1) / parts)]
                group.addTask { (part, slice.map { Self.analyze($0, abbreviations) }) }
            }
            var results = [[Analyzed]](repeating: [], count: parts)
            for await (part, titles) in group { results[part] = titles }
            return results.flatMap { $0 }
        }
        return SimilarTitleIndex(
            analyzed: analyzed.map(\.title),
            shortForms: analyzed.map(\.shortForms),
            matcher: matcher
        )
    }

    /// Distinct titles by key, in first-seen order. Titles are numbered with `Int32`s to halve the
    /// postings; more than `Int32.max` distinct titles cannot fit in memory, and any beyond that
    /// are left out rather than misnumbered.
    private static func unique(_ titles: some Sequence<String>) -> [NormalizedTitle] {
        var seen: Set<TitleKey> = []
        let unique = titles.map(NormalizedTitle.init).filter { !$0.key.isEmpty && seen.insert($0.key).inserted }
        return Array(unique.prefix(Int(Int32.max)))
    }

    /// - Parameters:
    ///   - analyzed: The distinct titles, analysed, in id order.
    ///   - shortForms: Each title's short forms, index for index with `analyzed`.
    ///   - matcher: The matcher that judges candidates.
    private init(analyzed: [AnalyzedTitle], shortForms: [Set<String>], matcher: TitleMatcher) {
        self.matcher = matcher
        let vocabulary = matcher.vocabulary
        var postings: [String: [Int32]] = [:]
        var titlesByShortForm: [String: [Int32]] = [:]
        var counts: [WordCounts] = []
        for (position, entry) in analyzed.enumerated() {
            let id = Int32(position)  // below `Int32.max`: `unique` cut the titles to that length
            let parts = Self.parts(entry, vocabulary)
            counts.append(WordCounts(all: parts.all.count, main: parts.main.count, subjectPrefix: parts.prefix.count))
            for word in Set(entry.words) where !vocabulary.stopWords.contains(word) {
                postings[word, default: []].append(id)
            }
            if entry.hasSubject {
                for subjectClass in matcher.comparison.abbreviations.subjects.classes(in: entry.view.content) {
                    postings[Self.classKey(subjectClass), default: []].append(id)
                }
            }
            for form in shortForms[position] { titlesByShortForm[form, default: []].append(id) }
        }
        var deletions: [String: [String]] = [:]
        for word in postings.keys where EditDistance.typoAllowance(forLength: word.count) > 0 && !Self.isClassKey(word)
        {
            for variant in Self.deletionVariants(word) { deletions[variant, default: []].append(word) }
        }
        self.analyzed = analyzed
        store = BuiltTitleIndexStore(
            titles: analyzed.map(\.normalized.original),
            counts: counts,
            postingsByWord: postings,
            shortFormsByForm: titlesByShortForm,
            deletionsByVariant: deletions
        )
    }

    /// The index's tables, for storing (``SimilarTitleIndexStore`` reads them back); nil for an
    /// index that was itself read from stored tables.
    public var exported: ExportedTables? { (store as? BuiltTitleIndexStore)?.exported }

    /// An index's tables with keys in byte order, as a store must answer them.
    public struct ExportedTables: Sendable {
        /// Every indexed title as written, by id.
        public var titles: [String]
        /// Each title's word counts, by id.
        public var counts: [WordCounts]
        /// Content word → ids of the titles that contain it.
        public var postings: [(key: String, ids: [Int32])]
        /// Initialism or table abbreviation → ids of titles with a run of words it abbreviates.
        public var shortForms: [(key: String, ids: [Int32])]
        /// A word with one letter deleted → the indexed words it comes from.
        public var deletions: [(key: String, words: [String])]
    }

    /// A title analysed for comparison: kept when built in memory, analysed on use when stored.
    private func analyzedTitle(_ id: Int) -> AnalyzedTitle {
        if let analyzed { return analyzed[id] }
        return analysisCache.title(id) {
            AnalyzedTitle(NormalizedTitle(store.title(id)), abbreviations: matcher.comparison.abbreviations)
        }
    }

    /// How many distinct titles are indexed.
    public var count: Int { store.titleCount }

    /// The same index keeping no answers: every query's candidates are found and judged again (an
    /// index read from a file still keeps the titles it has analysed). For measuring the search
    /// itself, and for callers that keep answers their own way. Answers are identical either way.
    public var judgingEveryQuery: SimilarTitleIndex {
        var index = self
        index.recentMatches = RecentAnswers(capacity: 0)
        return index
    }

    /// Titles that could be mistaken for `query`, best first; titles with the same key are left out.
    /// - Parameters:
    ///   - query: A title as written.
    ///   - limit: At most this many matches.
    ///   - minimumScore: Leave out matches scoring below this.
    /// - Returns: Matches, best first.
    public func similar(to query: String, limit: Int = 10, minimumScore: Double = 0) -> [Match] {
        // Only title-sized queries are kept: a stranger's megabyte of text must not fill the memory.
        let question =
            query.utf8.count <= Self.longestKeptQuery
            ? Question(query: query, limit: limit, minimumScore: minimumScore) : nil
        let work = { () -> [Match] in
            let analyzed = matcher.analyze(query)
            guard !analyzed.normalized.key.isEmpty else { return [] }
            return rank(
                candidates(for: analyzed).map { Int($0) },
                query: analyzed,
                limit: limit,
                minimumScore: minimumScore
            )
        }
        guard let question else { return work() }
        return recentMatches.answer(to: question, orWorkOut: work)
    }

    /// The same answer by judging every indexed title; for tests and measurements.
    package func similarByBruteForce(to query: String, limit: Int = 10, minimumScore: Double = 0) -> [Match] {
        let analyzed = matcher.analyze(query)
        guard !analyzed.normalized.key.isEmpty else { return [] }
        return rank(Array(0..<store.titleCount), query: analyzed, limit: limit, minimumScore: minimumScore)
    }

    private func rank(_ ids: [Int], query: AnalyzedTitle, limit: Int, minimumScore: Double) -> [Match] {
        let comparison = matcher.comparison
        var matches: [Match] = []
        for id in ids {
            let title = analyzedTitle(id)
            guard let similarity = comparison.compare(query, title), similarity.score >= minimumScore
            else { continue }
            matches.append(Match(title: store.title(id), key: title.normalized.key, similarity: similarity))
        }
        matches.sort { ($0.similarity.score, $1.title) > ($1.similarity.score, $0.title) }
        return Array(matches.prefix(limit))
    }

    // MARK: candidates

    private func candidates(for query: AnalyzedTitle) -> [Int32] {
        let parts = Self.parts(query, matcher.vocabulary)
        // A byte per title and counter keeps a query's scratch memory small; a query with more
        // distinct words than a byte can count (only a title written to hurt has them) counts in
        // full-width integers instead, so no count wraps and no candidate is lost.
        if parts.all.count < Int(UInt8.max) {
            return candidates(for: query, parts: parts, counter: UInt8.self)
        }
        return candidates(for: query, parts: parts, counter: Int.self)
    }

    /// Candidates, counting shared words in `Counter`s; `parts.all.count` must be below `Counter.max`
    /// (the largest value marks "no word yet").
    private func candidates<Counter: FixedWidthInteger>(
        for query: AnalyzedTitle,
        parts: (all: Set<String>, main: Set<String>, prefix: Set<String>),
        counter: Counter.Type
    ) -> [Int32] {
        let vocabulary = matcher.vocabulary
        let subjects = matcher.comparison.abbreviations.subjects
        // Per title: how many of the query's words it has (typos allowed), overall, in the query's
        // main segment, before its subject preposition, and how many of them are not generic.
        let titleCount = store.titleCount
        var all = [Counter](repeating: 0, count: titleCount)
        var main = [Counter](repeating: 0, count: titleCount)
        var prefix = [Counter](repeating: 0, count: titleCount)
        var specific = [Counter](repeating: 0, count: titleCount)
        var subject = [Counter](repeating: 0, count: titleCount)
        var lastWord = [Counter](repeating: .max, count: titleCount)
        var touched: [Int32] = []
        for (wordIndex, word) in parts.all.sorted().enumerated() {
            // Exact: wordIndex < parts.all.count < Counter.max, and each counter grows at most once a word.
            let wordNumber = Counter(wordIndex)
            let inMain = parts.main.contains(word)
            let inPrefix = parts.prefix.contains(word)
            let isSpecific = !vocabulary.genericWords.contains(word)
            let isSubject = subjects.isSubjectWord(word)
            for variant in wordsWithin(typoDistanceOf: word) {
                for id in store.postings(variant) where id >= 0 && Int(id) < titleCount {
                    let slot = Int(id)
                    guard lastWord[slot] != wordNumber else { continue }
                    lastWord[slot] = wordNumber
                    if all[slot] == 0 { touched.append(id) }
                    all[slot] += 1
                    if inMain { main[slot] += 1 }
                    if inPrefix { prefix[slot] += 1 }
                    if isSpecific { specific[slot] += 1 }
                    if isSubject { subject[slot] += 1 }
                }
            }
        }
        var result: Set<Int32> = []
        let allCount = parts.all.count
        let mainCount = parts.main.count
        let prefixCount = parts.prefix.count
        let subjectCount = parts.all.count(where: subjects.isSubjectWord)
        // The most distinct counted words in one of the query's qualifiers (segments after the main one).
        var qualifierWords: [Int: Set<String>] = [:]
        for (word, segment) in zip(query.words, query.segmentOfWord) where segment > 0 && parts.all.contains(word) {
            qualifierWords[segment, default: []].insert(word)
        }
        let largestQualifier = qualifierWords.values.map(\.count).max() ?? 0
        // The comparison wants an office noun in the frame (or a numeral subject in a telling frame).
        let frameNamesAPost =
            parts.all.contains(where: subjects.postNouns.contains)
            || (parts.all.contains { subjects.classes(of: $0).contains("number") }
                && parts.all.contains { !subjects.isSubjectWord($0) && !vocabulary.genericWords.contains($0) })
        // Titles with a subject of a class the query's subjects have: only those can be the same
        // named post with another subject.
        var sameClass: Set<Int32> = []
        if frameNamesAPost && subjectCount > 0 {
            for subjectClass in subjects.classes(in: query.view.content) {
                sameClass.formUnion(store.postings(Self.classKey(subjectClass)))
            }
        }
        for id in touched {
            let slot = Int(id)
            let counts = store.counts(slot)
            let shared = Int(all[slot])
            // Each clause is what one kind of similarity needs (see TitleComparison).
            let sameWords = shared == allCount && counts.all == allCount
            let hasSpecific = specific[slot] > 0
            let qualifierAdded = shared == allCount && hasSpecific
            let qualifierDropped = shared == counts.all && hasSpecific
            // A qualifier difference leaves at most one of the query's qualifiers unshared, or
            // adds nothing the query lacks (TitleComparison); a same main title alone is not enough.
            let qualifierChanged =
                Int(main[slot]) == mainCount && counts.main == mainCount && hasSpecific
                && (shared >= allCount - largestQualifier || shared >= counts.all)
            let subjectChanged =
                prefixCount > 0 && Int(prefix[slot]) == prefixCount && counts.subjectPrefix == prefixCount
            // The query's subject changed (one to three words each side), the rest of its words
            // shared, and they name a post rather than a rank.
            let sharedSubjects = Int(subject[slot])
            let subjectOfClassChanged =
                sameClass.contains(id) && sharedSubjects < subjectCount
                && shared - sharedSubjects == allCount - subjectCount
                && (1...3).contains(counts.all - shared)
            if sameWords || qualifierAdded || qualifierDropped || qualifierChanged || subjectChanged
                || subjectOfClassChanged
            {
                result.insert(id)
            }
        }
        // Abbreviations: the query's short words as initials of others' runs, and the reverse.
        for word in Set(query.words) where !vocabulary.stopWords.contains(word) {
            result.formUnion(store.shortForms(word))
            // Truncations of the word (Dir for Director) that are titles' words; none is longer
            // than a typo-checked word, which keeps a megabyte-long word from costing its square.
            if word.count >= 5 {
                for length in 3...min(word.count - 2, EditDistance.longestTypoWord) {
                    result.formUnion(store.postings(String(word.prefix(length))))
                }
            }
        }
        for form in matcher.comparison.abbreviations.shortForms(of: query.words) {
            result.formUnion(store.postings(form))
        }
        return result.filter { Int($0) < titleCount && $0 >= 0 }
    }

    /// The indexed words within typo distance of `word` (one deletion on either side), and itself.
    private func wordsWithin(typoDistanceOf word: String) -> Set<String> {
        var found: Set<String> = [word]
        let allowance = EditDistance.typoAllowance(forLength: word.count)
        guard allowance > 0 else { return found }
        for variant in Self.deletionVariants(word) + [word] {
            for candidate in store.deletions(variant) where !found.contains(candidate) {
                if EditDistance.distance(word, candidate, limit: allowance) != nil { found.insert(candidate) }
            }
            if !store.postings(variant).isEmpty, EditDistance.distance(word, variant, limit: allowance) != nil {
                found.insert(variant)
            }
        }
        return found
    }

    private static func deletionVariants(_ word: String) -> [String] {
        let characters = Array(word)
        return characters.indices.map { index in
            var copy = characters
            copy.remove(at: index)
            return String(copy)
        }
    }

    /// The posting key of a subject class: no title's word starts with U+0001.
    private static func classKey(_ subjectClass: String) -> String { "\u{1}" + subjectClass }
    private static func isClassKey(_ key: String) -> Bool { key.utf8.first == 1 }

    /// Distinct content words that are not modifiers: overall, in the main segment, and before the
    /// last subject preposition of the main segment.
    private static func parts(
        _ title: AnalyzedTitle,
        _ vocabulary: TitleVocabulary
    ) -> (all: Set<String>, main: Set<String>, prefix: Set<String>) {
        func counted(_ word: String) -> Bool {
            !vocabulary.stopWords.contains(word) && !vocabulary.modifiers.contains(word)
        }
        let all = Set(title.words.filter(counted))
        let mainWords = zip(title.words, title.segmentOfWord).filter { $0.1 == 0 }.map(\.0)
        let main = Set(mainWords.filter(counted))
        var prefix: Set<String> = []
        if let preposition = mainWords.lastIndex(where: vocabulary.subjectPrepositions.contains) {
            prefix = Set(mainWords[..<preposition].filter(counted))
        }
        return (all, main, prefix)
    }
}
