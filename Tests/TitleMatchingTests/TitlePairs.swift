import Foundation

/// A labelled pair of titles, read without trimming any field: from `../shared/eval/title-pairs.tsv`
/// (the calibration file) or `Data/own-pairs.tsv` (this project's pairs for the kinds the
/// calibration file lacks).
struct TitlePair: CustomStringConvertible, Sendable {
    var a: String
    var b: String
    var label: String
    var note: String

    var description: String { "[\(a)] / [\(b)] (\(label) \(note))" }
    /// The note's kind without its detail: "typo:missing" → "typo".
    var kind: String { note.split(separator: ":").first.map(String.init) ?? note }

    /// The calibration file, whole.
    static let all: [TitlePair] = read(
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/eval/title-pairs.tsv")
    )

    /// The calibration file split once, with a fixed seed, into a development half (rules and
    /// vocabularies were written against it) and a held-out half (a guard: only scored).
    static let calibrationHalves: (development: [TitlePair], heldOut: [TitlePair]) = {
        var generator = SplitMix64(seed: 16)
        let shuffled = all.shuffled(using: &generator)
        return (Array(shuffled[..<(shuffled.count / 2)]), Array(shuffled[(shuffled.count / 2)...]))
    }()

    /// This project's own labelled pairs, written before the rules for their kinds.
    static let own: [TitlePair] = read(
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Data/own-pairs.tsv")
    )

    private static func read(_ url: URL) -> [TitlePair] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: true).dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 4 else { return nil }
            return TitlePair(a: fields[0], b: fields[1], label: fields[2], note: fields[3])
        }
    }
}

/// A seeded generator (SplitMix64), so that the split is the same on every machine and run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
