import Foundation
import Testing

@testable import TitleMatching

@Suite("SimilarTitleIndex")
struct SimilarTitleIndexTests {
    /// Brute force compares every query with every title, ten times slower under a sanitizer: there
    /// the recall tests ask a quarter of the queries (ASan looks for memory errors, which the quarter
    /// reaches as well), and a sixteenth under TSan (races would be in the parallel build, which
    /// has a test of its own).
    static let sampling =
        switch ProcessInfo.processInfo.environment["ROLECALL_SANITIZED"] {
        case nil: 1
        case "thread": 16
        default: 4
        }

    /// Queries `index` both ways: the matches brute force finds, and those of them the index missed.
    /// The index must never find one brute force does not.
    private func againstBruteForce(_ index: SimilarTitleIndex, _ queries: [String]) -> (expected: Int, missed: [String])
    {
        var expected = 0
        var missed: [String] = []
        for query in queries {
            let brute = Set(index.similarByBruteForce(to: query, limit: .max).map(\.title))
            let fast = Set(index.similar(to: query, limit: .max).map(\.title))
            #expect(fast.isSubset(of: brute), "the index must not invent matches for \(query)")
            expected += brute.count
            missed += brute.subtracting(fast).map { "\(query) → \($0)" }
        }
        return (expected, missed)
    }

    @Test("finds what a brute-force pass finds (recall ≥ 99.5%)")
    func recallAgainstBruteForce() {
        let titles = GeneratedTitles.make(count: 2_000)
        var queries = Array(titles.enumerated().filter { $0.offset % (10 * Self.sampling) == 0 }.map(\.element))
        queries += [
            "Head of Defense Statistics", "Director of Financ for Health", "PS to the Director of Finance",
            "Deputy Head of Audit",
        ]
        let (expected, missed) = againstBruteForce(SimilarTitleIndex(titles: titles), queries)
        #expect(expected > 300 / Self.sampling, "the generated titles must contain near misses")
        #expect(Double(missed.count) / Double(expected) <= 0.005, "missed: \(missed.joined(separator: "\n"))")
    }

    @Test("over the labelled pairs' titles, the index finds what brute force finds: every kind of rule")
    func recallOverLabelledTitles() {
        // Our own pairs hold the newer kinds (other languages, subjects of posts, & initials,
        // numerals); the calibration file the older ones. Every title is indexed and queried.
        let pairs = TitlePair.all + TitlePair.own
        let titles = Array(Set(pairs.flatMap { [$0.a, $0.b] })).sorted()
        let queries = titles.enumerated().filter { $0.offset % Self.sampling == 0 }.map(\.element)
        let (expected, missed) = againstBruteForce(SimilarTitleIndex(titles: titles), queries)
        #expect(expected > 400 / Self.sampling)
        #expect(Double(missed.count) / Double(expected) <= 0.005, "missed: \(missed.joined(separator: "\n"))")
    }

    /// Titles that share a main title and differ in their qualifiers (the index keeps out those
    /// with more than one qualifier changed without judging them): every match brute force finds.
    @Test("titles differing in one or several qualifiers: the index misses none of brute force's matches")
    func qualifierDifferences() {
        let mains = ["Programme Manager", "Acting Programme Manager", "Head of Statistics", "Statistician"]
        let qualifiers = [
            "Policy Early Years", "Policy for Early Years", "Security", "Navy", "Early Years", "Wales", "HR Policy",
            "Human Resources Policy", "Polcy Early Years", "Reserves", "Security for Fisheries", "Operations (Wales)",
        ]
        var titles: [String] = []
        for main in mains {
            for (index, first) in qualifiers.enumerated() {
                titles.append("\(main), \(first)")
                for second in qualifiers[(index + 1)...].prefix(4) { titles.append("\(main), \(first), \(second)") }
            }
        }
        let queries = titles.enumerated().filter { $0.offset % Self.sampling == 0 }.map(\.element)
        let (expected, missed) = againstBruteForce(SimilarTitleIndex(titles: titles), queries)
        #expect(expected > 1_000 / Self.sampling)
        #expect(missed.count == 0, "missed: \(missed.prefix(20).joined(separator: "\n"))")
    }

    /// Snapshots build their index with titles analysed on every core; the tables must be the
    /// ones the serial build makes (under TSan this is where a race would show).
    @Test("the index built in parallel holds exactly the tables of the serial build")
    func parallelBuild() async throws {
        let titles = GeneratedTitles.make(count: 6_000)
        let parallel = try #require(await SimilarTitleIndex.build(titles: titles).exported)
        let serial = try #require(SimilarTitleIndex(titles: titles).exported)
        #expect(parallel.titles == serial.titles)
        #expect(parallel.counts == serial.counts)
        func byKey<Value>(_ rows: [(key: String, value: Value)]) -> [String: Value] {
            Dictionary(rows.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
        #expect(byKey(parallel.postings.map { ($0.key, $0.ids) }) == byKey(serial.postings.map { ($0.key, $0.ids) }))
        #expect(
            byKey(parallel.shortForms.map { ($0.key, $0.ids) }) == byKey(serial.shortForms.map { ($0.key, $0.ids) })
        )
        // Words under a deletion come in the order of a dictionary's keys: compared as sets.
        #expect(
            byKey(parallel.deletions.map { ($0.key, Set($0.words)) })
                == byKey(serial.deletions.map { ($0.key, Set($0.words)) })
        )
        #expect(parallel.shortForms.count > 1_000)
    }

    @Test("results are ranked, explained and exclude the same role")
    func ranking() throws {
        let index = SimilarTitleIndex(titles: [
            "Head of Defence Statistics", "Deputy Head of Defence Statistics", "Head of Defence Statistics (Navy)",
            "Acting Head of Defence Statistics", "Head of Finance Operations", "Head of Defence Statisitcs",
            "HEAD OF DEFENCE STATISTICS", "Head of Health Statistics",
        ])
        let matches = index.similar(to: "Head of Defence Statistics")
        #expect(
            Set(matches.map(\.title)) == [
                "Deputy Head of Defence Statistics", "Head of Defence Statistics (Navy)",
                "Acting Head of Defence Statistics",
                "Head of Defence Statisitcs",
            ]
        )
        #expect(matches.first?.title == "Head of Defence Statisitcs")
        #expect(matches.map(\.similarity.score) == matches.map(\.similarity.score).sorted(by: >))
        let deputy = try #require(matches.first { $0.title.hasPrefix("Deputy") })
        #expect(deputy.similarity.differences == [TitleDifference(.modifierAdded, words: ["Deputy"])])
        #expect(
            index.similar(to: "Head of Defence Statistics", minimumScore: 0.9).allSatisfy { $0.similarity.score >= 0.9 }
        )
    }

    /// `count` distinct words of four letters each (26⁴ of them exist).
    private static func distinctWords(_ count: Int, from start: Int = 0) -> [String] {
        (start..<start + count).map { number in
            var rest = number
            var letters = ""
            for _ in 0..<4 {
                letters.append(Character(Unicode.Scalar(UInt8(97 + rest % 26))))
                rest /= 26
            }
            return letters
        }
    }

    @Test("a title of 70,000 distinct words is indexed and queried; it finds itself with 'Deputy' added")
    func seventyThousandWords() throws {
        let huge = Self.distinctWords(70_000).joined(separator: " ")
        let index = SimilarTitleIndex(titles: [huge, "Deputy " + huge, "Head of Defence Statistics"])
        #expect(index.count == 3)
        #expect(index.similar(to: huge).map(\.title) == ["Deputy " + huge])
        #expect(index.similar(to: "Head of Defence Statistics").isEmpty)
    }

    @Test("an answer asked again is the same; the memory of answers keeps the recent ones, within its bound")
    func recentAnswers() {
        let index = SimilarTitleIndex(titles: ["Head of Statistics", "Deputy Head of Statistics", "Head of Finance"])
        let first = index.similar(to: "Head of Statistics", limit: 5)
        #expect(first.map(\.title) == ["Deputy Head of Statistics"])
        #expect(index.similar(to: "Head of Statistics", limit: 5) == first)
        // Another limit or score is another question.
        #expect(index.similar(to: "Head of Statistics", limit: 5, minimumScore: 1.01).isEmpty)

        let memory = RecentAnswers<String, [Int]>(capacity: 2)
        for text in ["a", "b", "c", "d", "e"] { memory.keep([], for: text) }
        // Two generations of two: the oldest answers are gone, the recent kept.
        #expect(memory.answer(to: "a") == nil)
        #expect(memory.answer(to: "b") == nil)
        #expect(memory.answer(to: "c") == [])
        #expect(memory.answer(to: "d") == [])
        #expect(memory.answer(to: "e") == [])
        // An answer worked out is kept; one kept is not worked out again.
        #expect(memory.answer(to: "f") { [6] } == [6])
        #expect(memory.answer(to: "f") { [7] } == [6])

        let forgetful = RecentAnswers<String, [Int]>(capacity: 0)
        forgetful.keep([], for: "a")
        #expect(forgetful.answer(to: "a") == nil)
        #expect(forgetful.answer(to: "a") { [1] } == [1])
        // An index that keeps no answers answers the same.
        #expect(index.judgingEveryQuery.similar(to: "Head of Statistics", limit: 5) == first)
    }

    @Test(
        "queries with more distinct words than a byte counts find what brute force finds",
        arguments: [254, 255, 256, 300, 600]
    )
    func manyWords(count: Int) {
        let words = Self.distinctWords(count, from: 1_000)
        let title = words.joined(separator: " ")
        let titles = [
            "Deputy " + title, title + " (Navy)", words.dropLast().joined(separator: " "), "Head of Defence Statistics",
        ]
        let index = SimilarTitleIndex(titles: titles)
        let fast = Set(index.similar(to: title, limit: .max).map(\.title))
        #expect(fast == Set(index.similarByBruteForce(to: title, limit: .max).map(\.title)))
        #expect(fast.isSuperset(of: ["Deputy " + title, title + " (Navy)"]))
    }

    @Test("titles of repeated modifiers or qualifiers are compared without costing the product of their lengths")
    func repeatedWords() {
        let matcher = TitleMatcher()
        let senior = Array(repeating: "Senior", count: 20_000).joined(separator: " ") + " Director"
        let junior = Array(repeating: "Junior", count: 20_000).joined(separator: " ") + " Director"
        #expect(matcher.similarity(senior, junior) == nil)
        let main = Self.distinctWords(20_000).joined(separator: " ")
        let navy = main + ", " + Array(repeating: "Navy", count: 20_000).joined(separator: ", ")
        let army = "Acting " + main + ", " + Array(repeating: "Army", count: 20_000).joined(separator: ", ")
        #expect(matcher.similarity(navy, army) == nil)
        #expect(SimilarTitleIndex(titles: [senior, junior, navy, army]).similar(to: senior).isEmpty)
    }
}
