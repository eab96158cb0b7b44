/// Decides whether two different role titles could be mistaken for each other, and why.
///
/// The comparison looks at what actually differs between the titles — after abbreviations are
/// expanded, British/American spellings merged and small words set aside — and accepts only
/// differences people confuse: modifier words, typos, word order, qualifiers, the subject of a
/// named post. A different *function* word ("Audit" / "Communications") never counts.
struct TitleComparison: Sendable {
    let abbreviations: AbbreviationMatcher
    /// The vocabulary, stored (not derived from ``abbreviations`` on each use: a derived copy
    /// retains every set in it, and comparisons read it in their inner loops).
    let vocabulary: TitleVocabulary

    /// The most words (copies counted) either title may have that the other lacks and still be
    /// similar: far above any real pair (a long qualifier adds a handful).
    static let maximumDifferingWords = 32

    init(abbreviations: AbbreviationMatcher) {
        self.abbreviations = abbreviations
        vocabulary = abbreviations.vocabulary
    }

    /// Whether a word is, or is part of, a subject of a named post (or a numeral).
    func isSubjectWord(_ word: String) -> Bool { abbreviations.subjects.isSubjectWord(word) }

    /// How `candidate` could be mistaken for `query`, or nil.
    func compare(_ query: AnalyzedTitle, _ candidate: AnalyzedTitle) -> TitleSimilarity? {
        guard query.normalized.key != candidate.normalized.key else { return nil }
        var q = query.view
        var c = candidate.view
        var (onlyQuery, onlyCandidate) = q.contentDifference(c)
        // No two titles a person could mistake for each other differ in this many words (copies
        // counted); stopping here keeps a title written to hurt (tens of thousands of words, or
        // one word repeated) from costing the product of the two titles' lengths below.
        guard onlyQuery.count <= Self.maximumDifferingWords, onlyCandidate.count <= Self.maximumDifferingWords else {
            return nil
        }
        let (differingInQuery, differingInCandidate) = (Set(onlyQuery), Set(onlyCandidate))
        var expansions: [TitleDifference] = []
        // Abbreviations are expanded only when a differing word could be one.
        if differingInQuery.contains(where: { abbreviations.mayAbbreviate($0, in: candidate) })
            || differingInCandidate.contains(where: { abbreviations.mayAbbreviate($0, in: query) })
        {
            let expandedQuery = abbreviations.expand(query, against: candidate)
            let expandedCandidate = abbreviations.expand(candidate, against: query)
            expansions = expandedQuery.expansions + expandedCandidate.expansions
            q = WordView(words: expandedQuery.words, segments: expandedQuery.segments, vocabulary: vocabulary)
            c = WordView(words: expandedCandidate.words, segments: expandedCandidate.segments, vocabulary: vocabulary)
            (onlyQuery, onlyCandidate) = q.contentDifference(c)
        }
        if onlyQuery.isEmpty && onlyCandidate.isEmpty {
            return sameWords(query, candidate, q: q, c: c, expansions: expansions)
        }
        let result =
            wordDifferences(onlyQuery, onlyCandidate, query: query, candidate: candidate)
            ?? qualifierDifference(q, c, query: query, candidate: candidate)
            ?? subjectDifference(q, c, query: query, candidate: candidate)
            ?? subjectClassDifference(onlyQuery, onlyCandidate, q, c, query: query, candidate: candidate)
        return result.map { withAbbreviations($0, expansions) }
    }

    // MARK: the same content words

    private func sameWords(
        _ query: AnalyzedTitle,
        _ candidate: AnalyzedTitle,
        q: WordView,
        c: WordView,
        expansions: [TitleDifference]
    ) -> TitleSimilarity {
        if !expansions.isEmpty {
            return TitleSimilarity(kind: .abbreviation, score: 0.85, differences: expansions)
        }
        let spellingDiffers =
            query.normalized.words.filter { !vocabulary.stopWords.contains($0) }.sorted()
            != candidate.normalized.words.filter { !vocabulary.stopWords.contains($0) }.sorted()
        if spellingDiffers {
            let differing = zip(candidate.normalized.words, candidate.normalized.displayWords)
                .filter { !query.normalized.words.contains($0.0) }.map(\.1)
            return TitleSimilarity(
                kind: .spelling,
                score: 0.95,
                differences: [TitleDifference(.spelling, words: differing)]
            )
        }
        if q.content != c.content {
            return TitleSimilarity(kind: .order, score: 0.85, differences: [TitleDifference(.wordOrder)])
        }
        return TitleSimilarity(kind: .smallWords, score: 0.9, differences: [TitleDifference(.smallWords)])
    }

    // MARK: modifiers and typos

    private func wordDifferences(
        _ onlyQuery: [String],
        _ onlyCandidate: [String],
        query: AnalyzedTitle,
        candidate: AnalyzedTitle
    ) -> TitleSimilarity? {
        // Quick exit: every leftover word must be a modifier or pair up with a near-identical word.
        let unmatched =
            onlyQuery.filter { !vocabulary.modifiers.contains($0) }.count
            + onlyCandidate.filter { !vocabulary.modifiers.contains($0) }.count
        guard unmatched <= 4 else { return nil }
        var onlyQuery = onlyQuery
        var onlyCandidate = onlyCandidate
        // A modifier may mutate the word after it (Welsh "Dirprwy Gyfarwyddwr" for "Cyfarwyddwr"):
        // the mutated word is the same word, not a typo. Only a mutating modifier that differs
        // between the titles explains one; with the same modifier in both, a mutation difference
        // stays a typo ("Dirprwy Comisiynydd" / "Dirprwy Gomisiynydd").
        let mutating = OtherLanguageModifier.mutating
        if (query.hasMutatingModifier || candidate.hasMutatingModifier)
            && (onlyQuery.contains(where: mutating.contains) || onlyCandidate.contains(where: mutating.contains))
        {
            onlyQuery = onlyQuery.filter { word in
                guard let offset = onlyCandidate.firstIndex(where: { InitialMutation.same(word, $0) }) else {
                    return true
                }
                onlyCandidate.remove(at: offset)
                return false
            }
        }
        var typos: [TitleDifference] = []
        var typoCount = 0
        for word in onlyQuery {
            let allowance = EditDistance.typoAllowance(forLength: word.count)
            guard allowance > 0 else { continue }
            let best = onlyCandidate.enumerated().compactMap { offset, other -> (Int, Int)? in
                // Two different modifiers ("Senior" / "Junior") are a swap, not a typo.
                guard !(vocabulary.modifiers.contains(word) && vocabulary.modifiers.contains(other)) else { return nil }
                return EditDistance.distance(
                    word,
                    other,
                    limit: min(allowance, EditDistance.typoAllowance(forLength: other.count))
                )
                .map { (offset, $0) }
            }.min { $0.1 < $1.1 }
            guard let (offset, distance) = best else { continue }
            typos.append(
                TitleDifference(
                    .typo,
                    words: [display(of: onlyCandidate[offset], in: candidate)],
                    insteadOf: [display(of: word, in: query)],
                    edits: distance
                )
            )
            typoCount += distance
            onlyQuery.removeAll { $0 == word }
            onlyCandidate.remove(at: offset)
        }
        guard typoCount <= 2,
            onlyQuery.allSatisfy(vocabulary.modifiers.contains),
            onlyCandidate.allSatisfy(vocabulary.modifiers.contains),
            typoCount > 0 || !onlyQuery.isEmpty || !onlyCandidate.isEmpty
        else { return nil }
        let isModifier = !onlyQuery.isEmpty || !onlyCandidate.isEmpty
        let modifiers =
            isModifier
            ? [modifierDifference(removed: onlyQuery, added: onlyCandidate, query: query, candidate: candidate)] : []
        let score = isModifier ? (typoCount > 0 ? 0.85 : 0.9) : (typoCount == 1 ? 0.95 : 0.9)
        return TitleSimilarity(kind: isModifier ? .modifier : .typo, score: score, differences: modifiers + typos)
    }

    private func modifierDifference(
        removed: [String],
        added: [String],
        query: AnalyzedTitle,
        candidate: AnalyzedTitle
    ) -> TitleDifference {
        let addedWords = added.map { display(of: $0, in: candidate) }
        let removedWords = removed.map { display(of: $0, in: query) }
        let kind: TitleDifference.Kind =
            removed.isEmpty ? .modifierAdded : added.isEmpty ? .modifierDropped : .modifierChanged
        return TitleDifference(kind, words: addedWords, insteadOf: removedWords)
    }

    // MARK: qualifiers and subjects

    private func qualifierDifference(
        _ qView: WordView,
        _ cView: WordView,
        query: AnalyzedTitle,
        candidate: AnalyzedTitle
    ) -> TitleSimilarity? {
        // The main titles must be the same apart from modifier words ("Acting …, Army").
        guard !qView.mainCore.isEmpty, qView.mainCore == cView.mainCore else { return nil }
        let qKeys = qView.qualifierKeys
        let cKeys = cView.qualifierKeys
        // Sets for membership: a hostile title may repeat a qualifier thousands of times.
        let (qKeySet, cKeySet) = (Set(qKeys), Set(cKeys))
        let added = cKeys.indices.filter { !qKeySet.contains(cKeys[$0]) }
        let removed = qKeys.indices.filter { !cKeySet.contains(qKeys[$0]) }
        guard
            (added.count == 1 && removed.count <= 1) || (added.isEmpty && !removed.isEmpty)
                || (added.count > 1 && removed.isEmpty)
        else { return nil }
        // What both titles share must say more than a rank: "Statistician, Health" and
        // "Statistician, Schools" are different jobs.
        let isTelling = { (word: String) in
            !self.vocabulary.genericWords.contains(word) && !self.vocabulary.modifiers.contains(word)
        }
        guard
            qView.mainCore.contains(where: isTelling)
                || qKeys.contains(where: { cKeySet.contains($0) && $0.contains(where: isTelling) })
        else { return nil }
        let q = qView.segmentContent
        let c = cView.segmentContent
        let qMain = q[0]
        let cMain = c[0]
        var modifiers: [TitleDifference] = []
        if qMain.sorted() != cMain.sorted() {
            let (qMainSet, cMainSet) = (Set(qMain), Set(cMain))
            let removed = qMain.filter { vocabulary.modifiers.contains($0) && !cMainSet.contains($0) }
            let added = cMain.filter { vocabulary.modifiers.contains($0) && !qMainSet.contains($0) }
            guard !removed.isEmpty || !added.isEmpty else { return nil }
            modifiers = [modifierDifference(removed: removed, added: added, query: query, candidate: candidate)]
        }
        let penalty = modifiers.isEmpty ? 0 : 0.05
        let addedWords = added.map { display(of: c[$0 + 1], in: candidate) }
        let removedWords = removed.map { display(of: q[$0 + 1], in: query) }
        let qualifier: TitleDifference
        switch (added.count, removed.count) {
        case (1..., 0): qualifier = TitleDifference(.qualifierAdded, words: addedWords)
        case (0, 1...): qualifier = TitleDifference(.qualifierDropped, insteadOf: removedWords)
        case (1, 1): qualifier = TitleDifference(.qualifierChanged, words: addedWords, insteadOf: removedWords)
        default: return nil
        }
        let score = (qualifier.kind == .qualifierChanged ? 0.75 : 0.8) - penalty
        return TitleSimilarity(kind: .qualifier, score: score, differences: modifiers + [qualifier])
    }

    private func subjectDifference(
        _ qView: WordView,
        _ cView: WordView,
        query: AnalyzedTitle,
        candidate: AnalyzedTitle
    ) -> TitleSimilarity? {
        let qMain = qView.mainWords
        let cMain = cView.mainWords
        let qWords = qView.words
        let cWords = cView.words
        guard let qPreposition = qMain.lastIndex(where: vocabulary.subjectPrepositions.contains),
            let cPreposition = cMain.lastIndex(where: vocabulary.subjectPrepositions.contains),
            qPreposition == cPreposition, qMain[..<qPreposition] == cMain[..<cPreposition],
            qMain[..<qPreposition].contains(where: {
                !vocabulary.stopWords.contains($0) && !vocabulary.modifiers.contains($0)
            })
        else { return nil }
        let qRest = Array(qWords[(qPreposition + 1)...]).filter { !vocabulary.stopWords.contains($0) }
        let cRestIndices = Array((cPreposition + 1)..<cWords.count)
        let cRest = cRestIndices.map { cWords[$0] }.filter { !vocabulary.stopWords.contains($0) }
        guard qRest != cRest, !qRest.isEmpty, !cRest.isEmpty else { return nil }
        let shown = cRest.map { display(of: $0, in: candidate) }.joined(separator: " ")
        return TitleSimilarity(
            kind: .subject,
            score: 0.7,
            differences: [TitleDifference(.subjectChanged, words: [shown], insteadOf: [display(of: qRest, in: query)])]
        )
    }

    /// One subject of a named post changed for another of its class: a region ("for Wales" /
    /// "for Scotland"), a mode of transport ("Rail Minister" / "Aviation Minister"), a branch of
    /// science, a kind of institution. What the titles share must name a post, not only a rank:
    /// "Head of Rail" / "Head of Aviation" are two functions.
    private func subjectClassDifference(
        _ onlyQuery: [String],
        _ onlyCandidate: [String],
        _ qView: WordView,
        _ cView: WordView,
        query: AnalyzedTitle,
        candidate: AnalyzedTitle
    ) -> TitleSimilarity? {
        // Cheap checks first: most candidates that reach here differ in other ways.
        guard query.hasSubject, candidate.hasSubject, (1...3).contains(onlyQuery.count),
            (1...3).contains(onlyCandidate.count),
            onlyQuery.allSatisfy(isSubjectWord), onlyCandidate.allSatisfy(isSubjectWord)
        else { return nil }
        // The differing words in title order, read as one subject each ("Greater Manchester").
        let (queryOnly, candidateOnly) = (Set(onlyQuery), Set(onlyCandidate))
        let querySubject = qView.content.filter(queryOnly.contains)
        let candidateSubject = cView.content.filter(candidateOnly.contains)
        guard !querySubject.isEmpty, querySubject.count <= 3, !candidateSubject.isEmpty, candidateSubject.count <= 3
        else { return nil }
        let subjects = abbreviations.subjects
        let queryClasses = subjects.classes(of: querySubject.joined(separator: " "))
        guard !queryClasses.isDisjoint(with: subjects.classes(of: candidateSubject.joined(separator: " ")))
        else { return nil }
        // The shared words name an office ("Minister", "Chief Inspector"); a numeral changes within
        // any frame that says more than a rank ("Key Stage 2 Attainment").
        let frame = qView.content.filter { !queryOnly.contains($0) }
        let namesAPost =
            queryClasses.contains("number")
            ? frame.contains {
                !vocabulary.genericWords.contains($0) && !vocabulary.modifiers.contains($0) && !isSubjectWord($0)
            }
            : frame.contains(where: subjects.postNouns.contains)
        guard namesAPost else { return nil }
        return TitleSimilarity(
            kind: .subject,
            score: 0.7,
            differences: [
                TitleDifference(
                    .subjectChanged,
                    words: [display(of: candidateSubject, in: candidate)],
                    insteadOf: [display(of: querySubject, in: query)]
                )
            ]
        )
    }

    // MARK: helpers

    private func withAbbreviations(_ similarity: TitleSimilarity, _ expansions: [TitleDifference]) -> TitleSimilarity {
        var result = similarity
        result.differences += expansions
        return result
    }

    /// The word as the candidate writes it, when it writes it at all.
    private func display(of word: String, in title: AnalyzedTitle) -> String {
        if let index = title.words.firstIndex(of: word) { return title.displayWords[index] }
        return word
    }

    private func display(of words: [String], in title: AnalyzedTitle) -> String {
        words.map { display(of: $0, in: title) }.joined(separator: " ")
    }
}
