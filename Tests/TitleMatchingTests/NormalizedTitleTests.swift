import Testing
import TitleMatching

@Suite("NormalizedTitle")
struct NormalizedTitleTests {
    @Test("the labelled pairs are all present")
    func pairsPresent() {
        #expect(TitlePair.all.count == 443)
    }

    @Test("equivalent pairs share a key; no other pair does")
    func equivalenceAccuracy() {
        var missed: [TitlePair] = []
        var merged: [TitlePair] = []
        for pair in TitlePair.all {
            let same = NormalizedTitle(pair.a).key == NormalizedTitle(pair.b).key
            if pair.label == "equivalent" && !same { missed.append(pair) }
            if pair.label != "equivalent" && same { merged.append(pair) }
        }
        #expect(missed.isEmpty, "not merged: \(missed)")
        #expect(merged.isEmpty, "wrongly merged: \(merged)")
    }

    @Test(
        "each normalisation rule",
        arguments: [
            ("Head of Statistics", "HEAD OF STATISTICS"),
            ("  Head   of Statistics ", "Head of Statistics"),
            ("Director (Army)", "Director, Army"),
            ("Director (Army)", "Director – Army"),
            ("Co-ordination Lead", "Coordination Lead"),
            ("Under‑Secretary", "Under Secretary"),
            ("Research & Analysis", "Research and Analysis"),
            ("Attaché", "Attache"),
            ("Attache\u{301}", "Attaché"),
            ("Ｇｒａｄｅ ７", "Grade 7"),
            ("Oﬃcer", "Officer"),
            ("Head\u{00A0}of\u{202F}Press", "Head of Press"),
            ("H.M. Inspector", "HM Inspector"),
            ("Children’s Officer", "Childrens Officer"),
            ("Press Officer (x2)", "Press Officer"),
            ("Press Officer (×3)", "Press Officer x2"),
            ("Press Officer (2 posts)", "Press Officer (x 2)"),
        ]
    )
    func sameKey(a: String, b: String) {
        #expect(NormalizedTitle(a).key == NormalizedTitle(b).key)
    }

    @Test(
        "holder counts",
        arguments: [
            ("Press Officer (x2)", 2), ("Press Officer (X 3)", 3), ("Press Officer (×4)", 4), ("Press Officer x2", 2),
            ("Press Officer (2 posts)", 2), ("Press Officer", nil), ("Grade 7", nil), ("Box 2", nil), ("(x2)", nil),
        ] as [(String, Int?)]
    )
    func holderCount(title: String, count: Int?) {
        #expect(NormalizedTitle(title).holderCount == count)
    }

    @Test("modifier words are part of the key")
    func modifiersKept() {
        #expect(NormalizedTitle("Deputy Head of Statistics").key != NormalizedTitle("Head of Statistics").key)
        #expect(NormalizedTitle("Head of Statistics (Navy)").key != NormalizedTitle("Head of Statistics").key)
        #expect(NormalizedTitle("Head of Statistics").words == ["head", "of", "statistics"])
    }
}
