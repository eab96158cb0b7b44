import Synchronization

/// The answers an index gave lately, by query: the people of one organisation look up the same
/// titles again and again (a web page's users above all), and an index never changes, so an answer
/// once judged is kept rather than judged again. Two generations bound the memory: when the newer
/// fills, it becomes the older and the older is dropped; an answer found in the older moves back.
final class RecentMatches: Sendable {
    /// What a query asked.
    struct Question: Hashable, Sendable {
        var query: String
        var limit: Int
        var minimumScore: Double
    }

    private struct Generations {
        var newer: [Question: [SimilarTitleIndex.Match]] = [:]
        var older: [Question: [SimilarTitleIndex.Match]] = [:]
    }

    /// Queries longer than this many UTF-8 bytes are not kept (no role title is that long).
    static let longestQuery = 512

    /// Answers kept per generation.
    let capacity: Int
    private let generations = Mutex(Generations())

    /// Creates an empty memory of at most twice `capacity` answers.
    init(capacity: Int = 4096) { self.capacity = capacity }

    /// The answer given to `question` lately, if any.
    func answer(to question: Question) -> [SimilarTitleIndex.Match]? {
        generations.withLock { kept in
            if let answer = kept.newer[question] { return answer }
            guard let answer = kept.older.removeValue(forKey: question) else { return nil }
            Self.insert(answer, for: question, into: &kept, capacity: capacity)
            return answer
        }
    }

    /// Keeps the answer to `question`.
    func keep(_ answer: [SimilarTitleIndex.Match], for question: Question) {
        generations.withLock { Self.insert(answer, for: question, into: &$0, capacity: capacity) }
    }

    private static func insert(
        _ answer: [SimilarTitleIndex.Match],
        for question: Question,
        into kept: inout Generations,
        capacity: Int
    ) {
        if kept.newer.count >= capacity { kept = Generations(older: kept.newer) }
        kept.newer[question] = answer
    }
}
