import Foundation

/// The labelled pairs in `../shared/eval/title-pairs.tsv`, read without trimming any field.
struct TitlePair: CustomStringConvertible {
    var a: String
    var b: String
    var label: String
    var note: String

    var description: String { "[\(a)] / [\(b)] (\(label) \(note))" }

    static let all: [TitlePair] = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/eval/title-pairs.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: true).dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 4 else { return nil }
            return TitlePair(a: fields[0], b: fields[1], label: fields[2], note: fields[3])
        }
    }()
}
