import Testing

@testable import TitleMatching

@Suite("edit distance")
struct EditDistanceTests {
    /// The full optimal-string-alignment table, for comparison with the banded one.
    private func reference(_ a: [Character], _ b: [Character]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }

    /// ASCII words within one edit take a one-pass path, other words the banded table.
    @Test("the distance equals the full table whenever it is within the limit", arguments: ["abc", "aéb"])
    func matchesReference(alphabet: String) {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let a = (0..<Int.random(in: 0...9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)!
            }
            let b = (0..<Int.random(in: 0...9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)!
            }
            let full = reference(a, b)
            for limit in 0...3 {
                let banded = EditDistance.distance(String(a), String(b), limit: limit)
                #expect(banded == (full <= limit ? full : nil), "\(String(a)) / \(String(b)) limit \(limit)")
            }
        }
    }

    @Test("a 1 MB word costs linear time; words past the longest real word are compared exactly")
    func hugeWords() {
        let word = String(repeating: "a", count: 1_000_000)
        #expect(EditDistance.distance(word, word + "b", limit: 2) == 1)
        #expect(EditDistance.typoAllowance(forLength: 10_000_000) == 0)
        let index = SimilarTitleIndex(titles: ["Head of " + word, "Head of Statistics"])
        #expect(index.similar(to: "Head of Statistcs").map(\.title) == ["Head of Statistics"])
    }
}
