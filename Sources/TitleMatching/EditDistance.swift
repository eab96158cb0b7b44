/// Optimal string alignment distance (Levenshtein plus adjacent transpositions), bounded.
package enum EditDistance {
    /// The distance between `a` and `b`, or nil when it exceeds `limit`.
    ///
    /// Only cells within `limit` of the diagonal are computed (any path outside costs more), so the
    /// cost is O(length × limit): a 10 MB "word" costs milliseconds, not hours.
    package static func distance(_ a: String, _ b: String, limit: Int) -> Int? {
        // Most typo checks allow one error: ASCII words are then compared in place, without tables.
        if limit <= 1, let near = asciiDistanceAtMostOne(a, b) {
            guard case .distance(let distance) = near, distance <= limit else { return nil }
            return distance
        }
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        guard abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        let beyond = limit + 1
        var previousPrevious = [Int](repeating: beyond, count: b.count + 1)
        var previous = (0...b.count).map { min($0, beyond) }
        var current = [Int](repeating: beyond, count: b.count + 1)
        for i in 1...a.count {
            let low = max(1, i - limit)
            let high = min(b.count, i + limit)
            current[0] = min(i, beyond)
            if low > 1 { current[low - 1] = beyond }
            var rowMinimum = current[0]
            for j in low...high {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = min(value, beyond)
                rowMinimum = min(rowMinimum, current[j])
            }
            if high < b.count { current[high + 1] = beyond }
            if rowMinimum > limit { return nil }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }

    /// Whether two words are within one edit, and how far.
    private enum NearAnswer {
        case distance(Int)
        case beyondOne
    }

    /// The distance of two ASCII words when it is 0 or 1, found in one pass: after their common
    /// prefix, one substitution, one adjacent transposition or one insertion must make the rest
    /// equal. Nil when either word is not ASCII.
    private static func asciiDistanceAtMostOne(_ a: String, _ b: String) -> NearAnswer? {
        var a = a
        var b = b
        return a.withUTF8 { a in
            b.withUTF8 { b in
                a.count <= b.count
                    ? asciiDistanceAtMostOne(short: a, long: b) : asciiDistanceAtMostOne(short: b, long: a)
            }
        }
    }

    /// ``asciiDistanceAtMostOne(_:_:)`` on the words' bytes, `short` no longer than `long`. Plain
    /// index loops: typo search calls this for every candidate word, in debug builds too.
    private static func asciiDistanceAtMostOne(
        short: UnsafeBufferPointer<UInt8>,
        long: UnsafeBufferPointer<UInt8>
    ) -> NearAnswer? {
        for byte in short where byte >= 0x80 { return nil }
        for byte in long where byte >= 0x80 { return nil }
        guard long.count - short.count <= 1 else { return .beyondOne }
        /// Whether `short` from `i` equals `long` from `j`.
        func sameRest(_ i: Int, _ j: Int) -> Bool {
            var (i, j) = (i, j)
            while i < short.count {
                if short[i] != long[j] { return false }
                i += 1
                j += 1
            }
            return true
        }
        var first = 0
        while first < short.count && short[first] == long[first] { first += 1 }
        if first == long.count { return .distance(0) }
        if short.count < long.count { return sameRest(first, first + 1) ? .distance(1) : .beyondOne }
        let next = first + 1
        if sameRest(next, next) { return .distance(1) }
        let swapped = next < short.count && short[first] == long[next] && short[next] == long[first]
        return swapped && sameRest(next + 1, next + 1) ? .distance(1) : .beyondOne
    }

    /// How many typing errors a word of this length may carry and still count as the same word.
    /// Words longer than ``longestTypoWord`` are compared exactly: no real word is that long, and
    /// indexing their misspellings would cost time and memory quadratic in their length.
    static func typoAllowance(forLength length: Int) -> Int {
        switch length {
        case ..<4: 0
        case 4..<8: 1
        case 8...longestTypoWord: 2
        default: 0
        }
    }

    /// The longest word (in characters) that may carry typing errors.
    static let longestTypoWord = 40
}
