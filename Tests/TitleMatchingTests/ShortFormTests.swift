import Testing

@testable import TitleMatching

/// A comparison asks "could this word abbreviate a run of that title?" for every candidate; it is
/// answered by a search that spells the word, not by building every short form of the candidate.
@Suite("short forms found without building them")
struct ShortFormTests {
    let matcher = TitleMatcher()
    var abbreviations: AbbreviationMatcher { matcher.comparison.abbreviations }

    /// Every word and short form of labelled pairs and of generated titles, asked of every title.
    @Test("the search answers exactly as the full set, for every word asked of every title")
    func searchAgreesWithSet() {
        let texts =
            TitlePair.all.prefix(150).flatMap { [$0.a, $0.b] } + GeneratedTitles.make(count: 100)
            + ["Minister of State for R&D", "G7 Grade 7 Band B", "Head of the Office of the PM", "Prif Weinidog"]
        let titles = texts.map { matcher.analyze($0) }
        var asked: Set<String> = []
        for title in titles {
            asked.formUnion(title.words)
            asked.formUnion(abbreviations.shortForms(of: title.words))
        }
        var disagreements: [String] = []
        var found = 0
        for title in titles {
            let forms = abbreviations.shortForms(of: title.words)
            #expect(title.cappedShortForms == nil, "\(title.normalized.original)")
            for word in asked where abbreviations.isShortForm(word, of: title) != forms.contains(word) {
                disagreements.append("\(word) in \(title.normalized.original)")
            }
            found += forms.count
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
        #expect(found > 1_000)
    }

    /// A title written to hurt reaches the cap: it keeps the capped set, and answers from it.
    @Test("a title whose short forms reach the cap answers from the capped set")
    func cappedTitle() {
        // Two-letter words give two options each (a letter or the word): thousands of forms.
        let letters = Array("abcdefghijklm")
        let words = (0..<400).map { "\(letters[$0 % 13])\($0 / 13 % 10)" }
        let title = matcher.analyze(words.joined(separator: " "))
        let forms = abbreviations.shortForms(of: title.words)
        #expect(forms.count >= AbbreviationMatcher.shortFormCap)
        #expect(title.cappedShortForms == forms)
        let outside = "qq"
        #expect(!forms.contains(outside))
        #expect(!abbreviations.isShortForm(outside, of: title))
        for form in forms.prefix(50) { #expect(abbreviations.isShortForm(form, of: title)) }
    }
}
