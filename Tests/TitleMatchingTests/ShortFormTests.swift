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

    /// Words one letter off a short form, runs longer than six words, and titles on either side of
    /// the cap: the search still answers as the set does, and every title whose set reaches the cap
    /// keeps it.
    @Test("near misses, long runs and titles around the cap are answered as the full set answers")
    func nearMissesAndCap() {
        let letters = Array("abcdefghijklm")
        // 1 to 40 words, mostly two-letter words (two options each), some longer and some small.
        let aroundCap = (1...40).map { count in
            (0..<count).map { $0 % 5 == 4 ? "of" : $0 % 5 == 3 ? "Deputy" : "\(letters[$0 % 13])\($0 % 10)" }
                .joined(separator: " ")
        }
        let texts =
            [
                "Head of the Office of the Deputy Prime Minister for Wales and the Regions",
                "Hop Hopm Hopmr", "A B C D E F G H", "Minister of State of the State of Ministers",
            ] + aroundCap
        let titles = texts.map { matcher.analyze($0) }
        var asked: Set<String> = ["hopm", "hodpm", "hotodpm", "hotodpmfw", "abcdefg", "abcdef", "x", ""]
        for title in titles {
            let forms = abbreviations.shortForms(of: title.words)
            asked.formUnion(title.words)
            for form in forms.prefix(40) {
                asked.formUnion([String(form.dropLast()), form + "x", "x" + form, String(form.dropFirst())])
            }
        }
        var disagreements: [String] = []
        for title in titles {
            let forms = abbreviations.shortForms(of: title.words)
            if forms.count >= AbbreviationMatcher.shortFormCap {
                #expect(title.cappedShortForms == forms, "\(title.normalized.original)")
            }
            for word in asked where abbreviations.isShortForm(word, of: title) != forms.contains(word) {
                disagreements.append("\(word) in \(title.normalized.original)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
        #expect(titles.contains { $0.cappedShortForms != nil } && titles.contains { $0.cappedShortForms == nil })
    }

    /// Initials joined from conjoining jamo are canonically the precomposed syllable: the search
    /// finds it as the set does, though the bytes differ.
    @Test("initials that compose into another script's letter are found as the set finds them")
    func composedInitials() {
        let jamo = matcher.analyze("\u{1100} \u{1161}")
        let syllable = "\u{AC00}"
        #expect(abbreviations.shortForms(of: jamo.words).contains(syllable))
        #expect(abbreviations.isShortForm(syllable, of: jamo))
        #expect(!abbreviations.isShortForm("\u{AC01}", of: jamo))
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
