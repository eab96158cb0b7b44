import Presentation
import Testing
import TitleMatching

@Suite("Difference wording")
struct DifferenceWordingTests {
    let matcher = TitleMatcher()

    @Test(
        "each kind of similarity reads as people expect",
        arguments: [
            ("Head of Defence Statistics", "Deputy Head of Defence Statistics", "adds 'Deputy'"),
            ("Acting Head of News", "Head of News", "drops 'Acting'"),
            ("Acting Chief Executive", "Interim Chief Executive", "'Interim' instead of 'Acting'"),
            ("Head of Defence Statistics", "Head of Defence Statistics (Navy)", "adds qualifier 'Navy'"),
            ("Director of Personnel (Army)", "Director of Personnel (RAF)", "qualifier 'RAF' instead of 'Army'"),
            ("Chief Nurse, Defence Medical Services", "Chief Nurse", "drops qualifier 'Defence Medical Services'"),
            (
                "Head of Defence Statistics", "Acting Head of Defence Statistics (Army)",
                "adds 'Acting'; adds qualifier 'Army'"
            ),
            (
                "Chief Statistician for Education", "Chief Statistician for Health",
                "subject 'Health' for 'Education'"
            ),
            (
                "Private Secretary to the Secretary of State", "PS to the SoS",
                "abbreviation PS = Private Secretary, SoS = Secretary of State"
            ),
            ("Permanent Secretary", "Perm Sec", "abbreviation Perm Sec = Permanent Secretary"),
            ("Grade 7 Statistician", "G7 Statistician", "abbreviation G7 = Grade 7"),
            (
                "Head of Secondary Care Statistics", "Head of Secondary Care Statisitcs",
                "1 typo: 'Statisitcs' for 'Statistics'"
            ),
            (
                "Deputy Director, Funding", "Deputy Direcotr, Fundnig",
                "2 typos: 'Direcotr' for 'Director', 'Fundnig' for 'Funding'"
            ),
            ("Director, Defence Communications", "Defence Communications Director", "same words in a different order"),
            (
                "Head of Defence Programmes", "Head of Defense Programs",
                "British/American spelling 'Defense', 'Programs'"
            ),
            ("Director of Finance", "Director for Finance", "differs only in small words such as 'of' or 'for'"),
        ]
    )
    func reason(query: String, candidate: String, reason: String) throws {
        let similarity = try #require(matcher.similarity(query, candidate), "\(query) / \(candidate)")
        #expect(DifferenceWording.reason(similarity.differences) == reason)
    }

    @Test("one difference on its own: the clause, or the expansion for an abbreviation")
    func detail() {
        #expect(DifferenceWording.detail(TitleDifference(.modifierAdded, words: ["Deputy"])) == "adds 'Deputy'")
        #expect(
            DifferenceWording.detail(TitleDifference(.abbreviation, words: ["PS"], insteadOf: ["Private Secretary"]))
                == "PS = Private Secretary"
        )
        #expect(
            DifferenceWording.detail(TitleDifference(.typo, words: ["Direcotr"], insteadOf: ["Director"], edits: 2))
                == "2 typos: 'Direcotr' for 'Director'"
        )
    }
}
