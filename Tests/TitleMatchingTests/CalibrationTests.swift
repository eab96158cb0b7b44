import Testing
import TitleMatching

/// The matcher against the labelled pairs in `../shared/eval/title-pairs.tsv`.
@Suite("Calibration on the labelled title pairs")
struct CalibrationTests {
    let matcher = TitleMatcher()

    @Test("confusable recall ≥ 99%, false alarms on distinct pairs ≤ 2%")
    func recallAndFalseAlarms() {
        let confusable = TitlePair.all.filter { $0.label == "confusable" }
        let distinct = TitlePair.all.filter { $0.label == "distinct" }
        let missed = confusable.filter { pair in
            matcher.key(pair.a) == matcher.key(pair.b) || matcher.similarity(pair.a, pair.b) == nil
        }
        let alarms = distinct.filter { pair in
            matcher.key(pair.a) == matcher.key(pair.b) || matcher.similarity(pair.a, pair.b) != nil
        }
        let recall = Double(confusable.count - missed.count) / Double(confusable.count)
        let falseAlarmRate = Double(alarms.count) / Double(distinct.count)
        #expect(recall >= 0.99, "missed: \(missed.map(\.description).joined(separator: "\n"))")
        #expect(
            falseAlarmRate <= 0.02,
            "false alarms: \(alarms.map { "\($0) → \(matcher.similarity($0.a, $0.b).map { "\($0.differences)" } ?? "merged")" }.joined(separator: "\n"))"
        )
        #expect(alarms.filter { $0.note == "unrelated" }.isEmpty)
    }

    @Test("the pair is symmetric: either order is flagged")
    func symmetric() {
        let confusable = TitlePair.all.filter { $0.label == "confusable" }
        let oneWay = confusable.filter {
            (matcher.similarity($0.a, $0.b) == nil) != (matcher.similarity($0.b, $0.a) == nil)
        }
        #expect(oneWay.count <= 1, "\(oneWay)")
    }
}
