import Testing
import TitleMatching

@Suite("TitleMatcher")
struct TitleMatcherTests {
    let matcher = TitleMatcher()

    @Test(
        "each kind of similarity, with its reason",
        arguments: [
            (
                "Head of Defence Statistics", "Deputy Head of Defence Statistics", TitleSimilarity.Kind.modifier,
                "adds 'Deputy'"
            ),
            ("Acting Head of News", "Head of News", .modifier, "drops 'Acting'"),
            ("Acting Chief Executive", "Interim Chief Executive", .modifier, "'Interim' instead of 'Acting'"),
            ("Head of Defence Statistics", "Head of Defence Statistics (Navy)", .qualifier, "adds qualifier 'Navy'"),
            (
                "Director of Personnel (Army)", "Director of Personnel (RAF)", .qualifier,
                "qualifier 'RAF' instead of 'Army'"
            ),
            (
                "Chief Nurse, Defence Medical Services", "Chief Nurse", .qualifier,
                "drops qualifier 'Defence Medical Services'"
            ),
            (
                "Head of Defence Statistics", "Acting Head of Defence Statistics (Army)", .qualifier,
                "adds 'Acting'; adds qualifier 'Army'"
            ),
            (
                "Chief Statistician for Education", "Chief Statistician for Health", .subject,
                "subject 'Health' instead of 'Education'"
            ),
            (
                "Private Secretary to the Secretary of State", "PS to the SoS", .abbreviation,
                "PS = Private Secretary, SoS = Secretary of State"
            ),
            ("Permanent Secretary", "Perm Sec", .abbreviation, "Perm Sec = Permanent Secretary"),
            ("Grade 7 Statistician", "G7 Statistician", .abbreviation, "G7 = Grade 7"),
            (
                "Head of Secondary Care Statistics", "Head of Secondary Care Statisitcs", .typo,
                "1 typo: 'Statisitcs' for 'Statistics'"
            ),
            ("Deputy Director, Funding", "Deputy Direcotr, Fundnig", .typo, "2 typos"),
            (
                "Director, Defence Communications", "Defence Communications Director", .order,
                "same words in a different order"
            ),
            (
                "Head of Defence Programmes", "Head of Defense Programs", .spelling,
                "British/American spelling 'Defense', 'Programs'"
            ),
            ("Director of Finance", "Director for Finance", .smallWords, "small words"),
        ]
    )
    func kinds(query: String, candidate: String, kind: TitleSimilarity.Kind, reason: String) throws {
        let similarity = try #require(matcher.similarity(query, candidate), "\(query) / \(candidate)")
        #expect(similarity.kind == kind)
        #expect(similarity.reason.contains(reason), "\(similarity.reason)")
        #expect((0...1).contains(similarity.score))
    }

    @Test(
        "different functions, generic words and the same role are not similar",
        arguments: [
            ("Head of Internal Audit", "Head of Internal Communications"),
            ("Head of Finance Operations", "Head of Defence Statistics"),
            ("Press Officer", "Policy Officer"),
            ("Statistician, Health", "Statistician, Schools"),
            ("Chief Nursing Officer", "Chief Operating Officer"),
            ("Head of Statistics", "HEAD OF STATISTICS"),
            ("Head of Statistics", "Head of Statistics (x2)"),
        ]
    )
    func notSimilar(a: String, b: String) {
        #expect(matcher.similarity(a, b) == nil)
    }

    @Test("modifiers, qualifiers and typos rank above subject swaps")
    func ranking() throws {
        let modifier = try #require(
            matcher.similarity("Chief Statistician for Health", "Deputy Chief Statistician for Health")
        )
        let typo = try #require(matcher.similarity("Chief Statistician for Health", "Chief Statistcian for Health"))
        let subject = try #require(
            matcher.similarity("Chief Statistician for Health", "Chief Statistician for Education")
        )
        #expect(modifier.score > subject.score)
        #expect(typo.score > subject.score)
    }

    @Test("the vocabulary can be extended")
    func customVocabulary() {
        var vocabulary = TitleVocabulary.standard
        vocabulary.modifiers.insert("regional")
        let matcher = TitleMatcher(vocabulary: vocabulary)
        #expect(matcher.similarity("Regional Director of Estates", "Director of Estates")?.kind == .modifier)
        #expect(TitleMatcher().similarity("Regional Director of Estates", "Director of Estates") == nil)
    }
}
