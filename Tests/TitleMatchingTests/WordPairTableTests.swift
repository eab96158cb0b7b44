import Foundation
import Testing

@testable import TitleMatching

@Suite("WordPairTable")
struct WordPairTableTests {
    private func text(_ bytes: ArraySlice<UInt8>?) -> String? { bytes.map { String(decoding: $0, as: UTF8.self) } }

    @Test("every generated spelling pair is found, and words between or around them are not")
    func generatedPairs() {
        let table = WordPairTable(SpellingVariants.derivedPairs)
        let lines = SpellingVariants.derivedPairs.split(separator: "\n").map { $0.split(separator: " ") }
        #expect(lines.count > 3_000)
        let keys = Set(lines.map { String($0[0]) })
        for words in lines where words.count == 2 {
            #expect(text(table.value(for: String(words[0]))) == String(words[1]))
            // A prefix or an extension of a listed word is another word.
            let shorter = String(words[0].dropLast())
            #expect((table.value(for: shorter) != nil) == keys.contains(shorter))
            #expect(table.value(for: words[0] + "zz") == nil)
        }
        #expect(table.value(for: "") == nil)
        #expect(table.value(for: "aaaa") == nil)
        #expect(table.value(for: "zzzz") == nil)
        #expect(SpellingVariants.canonical("defence") == SpellingVariants.canonical("defense"))
        #expect(SpellingVariants.canonical("Programme") == "Programme")  // only lower-case letters are changed
    }

    @Test("lines in any order, repeated keys (the first wins), malformed lines and non-ASCII words")
    func anyOrder() {
        let table = WordPairTable("zeta z\nalpha a\nbad line here\n\nalpha second\nmu m\nœuvre oeuvre\nsolo\n")
        #expect(text(table.value(for: "alpha")) == "a")
        #expect(text(table.value(for: "zeta")) == "z")
        #expect(text(table.value(for: "mu")) == "m")
        #expect(text(table.value(for: "œuvre")) == "oeuvre")
        for absent in ["bad", "line", "solo", "alph", "alphas", "m", "", "second"] {
            #expect(table.value(for: absent) == nil, "\(absent)")
        }
        #expect(WordPairTable("").value(for: "a") == nil)
    }
}
