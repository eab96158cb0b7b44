import Testing
import Foundation
import TitleMatching

@Suite("TitleMatcher")
struct TitleMatcherTests {
    let matcher = TitleMatcher()

    @Test(
        "each kind of similarity, with what differs",
        arguments: [
            (
                "Head of Defence Statistics", "Deputy Head of Defence Statistics", TitleSimilarity.Kind.modifier,
                [TitleDifference(.modifierAdded, words: ["Deputy"])]
            ),
            (
                "Acting Head of News", "Head of News", .modifier,
                [TitleDifference(.modifierDropped, insteadOf: ["Acting"])]
            ),
            (
                "Acting Chief Executive", "Interim Chief Executive", .modifier,
                [TitleDifference(.modifierChanged, words: ["Interim"], insteadOf: ["Acting"])]
            ),
            (
                "Head of Defence Statistics", "Head of Defence Statistics (Navy)", .qualifier,
                [TitleDifference(.qualifierAdded, words: ["Navy"])]
            ),
            (
                "Director of Personnel (Army)", "Director of Personnel (RAF)", .qualifier,
                [TitleDifference(.qualifierChanged, words: ["RAF"], insteadOf: ["Army"])]
            ),
            (
                "Chief Nurse, Defence Medical Services", "Chief Nurse", .qualifier,
                [TitleDifference(.qualifierDropped, insteadOf: ["Defence Medical Services"])]
            ),
            (
                "Head of Defence Statistics", "Acting Head of Defence Statistics (Army)", .qualifier,
                [TitleDifference(.modifierAdded, words: ["Acting"]), TitleDifference(.qualifierAdded, words: ["Army"])]
            ),
            (
                "Chief Statistician for Education", "Chief Statistician for Health", .subject,
                [TitleDifference(.subjectChanged, words: ["Health"], insteadOf: ["Education"])]
            ),
            (
                "Private Secretary to the Secretary of State", "PS to the SoS", .abbreviation,
                [
                    TitleDifference(.abbreviation, words: ["PS"], insteadOf: ["Private Secretary"]),
                    TitleDifference(.abbreviation, words: ["SoS"], insteadOf: ["Secretary of State"]),
                ]
            ),
            (
                "Permanent Secretary", "Perm Sec", .abbreviation,
                [TitleDifference(.abbreviation, words: ["Perm Sec"], insteadOf: ["Permanent Secretary"])]
            ),
            (
                "Grade 7 Statistician", "G7 Statistician", .abbreviation,
                [TitleDifference(.abbreviation, words: ["G7"], insteadOf: ["Grade 7"])]
            ),
            (
                "Head of Secondary Care Statistics", "Head of Secondary Care Statisitcs", .typo,
                [TitleDifference(.typo, words: ["Statisitcs"], insteadOf: ["Statistics"], edits: 1)]
            ),
            (
                "Deputy Director, Funding", "Deputy Direcotr, Fundnig", .typo,
                [
                    TitleDifference(.typo, words: ["Direcotr"], insteadOf: ["Director"], edits: 1),
                    TitleDifference(.typo, words: ["Fundnig"], insteadOf: ["Funding"], edits: 1),
                ]
            ),
            (
                "Director, Defence Communications", "Defence Communications Director", .order,
                [TitleDifference(.wordOrder)]
            ),
            (
                "Head of Defence Programmes", "Head of Defense Programs", .spelling,
                [TitleDifference(.spelling, words: ["Defense", "Programs"])]
            ),
            ("Director of Finance", "Director for Finance", .smallWords, [TitleDifference(.smallWords)]),
            // A variant SCOWL lists that no spelling family derives.
            (
                "Head of Aluminium Supply", "Head of Aluminum Supply", .spelling,
                [TitleDifference(.spelling, words: ["Aluminum"])]
            ),
            // Welsh: the modifier mutates the word after it; the mutated word is not a typo.
            (
                "Cyfarwyddwr Cyllid", "Dirprwy Gyfarwyddwr Cyllid", .modifier,
                [TitleDifference(.modifierAdded, words: ["Dirprwy"])]
            ),
            (
                "Prif Weinidog Cymru", "Dirprwy Brif Weinidog Cymru", .modifier,
                [TitleDifference(.modifierAdded, words: ["Dirprwy"])]
            ),
            (
                "Prif Weithredwr", "Prif Weithredwr Dros Dro", .modifier,
                [TitleDifference(.modifierAdded, words: ["Dros Dro"])]
            ),
            // Gaelic lenition after a hyphenated prefix; Irish "Príomh" written solid.
            (
                "Ceannard, Bòrd na Gàidhlig", "Leas-Cheannard, Bòrd na Gàidhlig", .modifier,
                [TitleDifference(.modifierAdded, words: ["Leas"])]
            ),
            (
                "Feidhmeannach", "Príomhfheidhmeannach", .modifier,
                [TitleDifference(.modifierAdded, words: ["Príomh"])]
            ),
            (
                "Depute Director of Education", "Director of Education", .modifier,
                [TitleDifference(.modifierDropped, insteadOf: ["Depute"])]
            ),
            // One subject of a named post changed for another of its class.
            (
                "Chief Inspector of Schools", "Chief Inspector of Prisons", .subject,
                [TitleDifference(.subjectChanged, words: ["Prisons"], insteadOf: ["Schools"])]
            ),
            (
                "Rail Minister", "Aviation Minister", .subject,
                [TitleDifference(.subjectChanged, words: ["Aviation"], insteadOf: ["Rail"])]
            ),
            (
                "Chief Constable of Greater Manchester Police", "Chief Constable of Merseyside Police", .subject,
                [TitleDifference(.subjectChanged, words: ["Merseyside"], insteadOf: ["Greater Manchester"])]
            ),
            (
                "Lead Statistician, Key Stage 2 Attainment", "Lead Statistician, Key Stage 4 Attainment", .subject,
                [TitleDifference(.subjectChanged, words: ["4"], insteadOf: ["2"])]
            ),
            // Initials joined by "&", numerals for number words.
            (
                "Head of Research and Development", "Head of R&D", .abbreviation,
                [TitleDifference(.abbreviation, words: ["R&D"], insteadOf: ["Research and Development"])]
            ),
            (
                "Second Permanent Secretary", "2nd Permanent Secretary", .abbreviation,
                [TitleDifference(.abbreviation, words: ["2nd"], insteadOf: ["Second"])]
            ),
            (
                "Head of Post-16 Qualifications", "Head of Post-Sixteen Qualifications", .abbreviation,
                [TitleDifference(.abbreviation, words: ["16"], insteadOf: ["Sixteen"])]
            ),
            // A published title that skips the mutation is a one-letter difference, not nothing.
            (
                "Dirprwy Comisiynydd", "Dirprwy Gomisiynydd", .typo,
                [TitleDifference(.typo, words: ["Gomisiynydd"], insteadOf: ["Comisiynydd"], edits: 1)]
            ),
            // Vocabulary words are compared in the matcher's form: "Defence" is "defense".
            (
                "Defence Minister", "Justice Minister", .subject,
                [TitleDifference(.subjectChanged, words: ["Justice"], insteadOf: ["Defence"])]
            ),
            // "&" between words that are not initials is "and".
            ("Director, Oil & Gas", "Oil and Gas Director", .order, [TitleDifference(.wordOrder)]),
            // A transposition inside a four-letter word.
            (
                "Head of Internal Audit", "Haed of Internal Audit", .typo,
                [TitleDifference(.typo, words: ["Haed"], insteadOf: ["Head"], edits: 1)]
            ),
        ]
    )
    func kinds(query: String, candidate: String, kind: TitleSimilarity.Kind, differences: [TitleDifference]) throws {
        let similarity = try #require(matcher.similarity(query, candidate), "\(query) / \(candidate)")
        #expect(similarity.kind == kind)
        #expect(similarity.differences == differences)
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
            // A subject word alone after a bare rank, or a word outside the subject classes.
            ("Head of Rail", "Head of Aviation"),
            ("Director, North East", "Director, North West"),
            ("Head of Internal Audit, Wales", "Head of Internal Communications, Wales"),
            // Words two letters apart that no spelling family or SCOWL pair joins.
            ("Council Officer", "Counsel Officer"),
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

/// Published titles in Welsh, Scottish Gaelic, Irish and Scots (`Vocabularies/bilingual-titles.tsv`,
/// each with its source): a post and the same post with a modifier are similar, for the modifier.
@Suite("Published titles in the UK's other languages")
struct PublishedTitleTests {
    static let published: Set<String> = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Vocabularies/bilingual-titles.tsv")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return Set(
            text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                return fields.count > 1 ? String(fields[1]) : nil
            }
        )
    }()

    @Test(
        "a post and the same post with a modifier",
        arguments: [
            ("Clerc", "Dirprwy Glerc", "Dirprwy"),
            ("Clerc", "Ail Glerc", "Ail"),
            ("Prìomh Mhinistear na h-Alba", "Leas-Phrìomh Mhinistear na h-Alba", "Leas"),
            ("Príomhoifigeach", "Príomhoifigeach Cúnta", "Cúnta"),
            ("Príomhfheidhmeannach", "Príomhfheidhmeannach Eatramhach", "Eatramhach"),
            ("Ard-Rúnaí", "Rúnaí Cúnta", "Cúnta"),
            ("Depute Head Teacher", "Acting Depute Head Teacher", "Acting"),
        ]
    )
    func modifierAdded(post: String, modified: String, modifier: String) throws {
        if modified != "Acting Depute Head Teacher" {
            #expect(Self.published.contains(post) && Self.published.contains(modified), "not in the file")
        }
        let similarity = try #require(TitleMatcher().similarity(post, modified), "\(post) / \(modified)")
        #expect(similarity.kind == .modifier)
        #expect(similarity.differences.flatMap { $0.words + $0.insteadOf }.contains(modifier))
    }
}
