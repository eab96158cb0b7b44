import Testing
import TitleMatching

/// The code of the DocC article "Checking a title against an access list", compiled and run.
@Suite("Checking titles (article)")
struct CheckingTitlesArticleTests {
    let matcher = TitleMatcher()
    let listed = ["Head of Defence Statistics", "Chief Statistician", "Press Officer (x2)"]

    func check(_ title: String) -> String {
        let listedKeys = Set(listed.map(matcher.key))
        if listedKeys.contains(matcher.key(title)) { return "listed" }
        let index = SimilarTitleIndex(titles: listed, matcher: matcher)
        guard let nearest = index.similar(to: title, limit: 1).first else { return "not listed" }
        let kinds = nearest.similarity.differences.map(\.kind.rawValue)
        return "not listed; could be mistaken for \(nearest.title) (\(kinds.joined(separator: ", ")))"
    }

    @Test("the article's answers")
    func article() throws {
        #expect(check("head of defence statistics") == "listed")
        #expect(
            check("Deputy Head of Defence Statistics")
                == "not listed; could be mistaken for Head of Defence Statistics (modifierDropped)"
        )
        #expect(check("Head of Internal Audit") == "not listed")
        let nearest = try #require(
            SimilarTitleIndex(titles: listed).similar(to: "Deputy Head of Defence Statistics", limit: 1).first
        )
        #expect(nearest.similarity.differences == [TitleDifference(.modifierDropped, insteadOf: ["Deputy"])])
    }
}
