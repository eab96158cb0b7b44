import Foundation

/// The answers an index gave lately, by query: the people of one organisation look up the same
/// titles again and again (a web page's users above all), and an index never changes, so an answer
/// once judged is kept rather than judged again. Two generations bound the memory: when the newer
/// fills, it becomes the older and the older is dropped; an answer found in the older moves back.
///
/// Guarded by an `NSLock` (a pthread mutex) rather than `Mutex`: ThreadSanitizer sees a pthread
/// mutex order the threads, and does not see the futex under `Mutex` on Linux.
final class RecentMatches: @unchecked Sendable {
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

    /// Answers kept per generation; 0 keeps none.
    let capacity: Int
    private let lock = NSLock()
    /// Read and written under `lock` only.
    private var generations = Generations()

    /// Creates an empty memory of at most twice `capacity` answers.
    init(capacity: Int = 4096) { self.capacity = capacity }

    /// The answer given to `question` lately, if any.
    func answer(to question: Question) -> [SimilarTitleIndex.Match]? {
        guard capacity > 0 else { return nil }
        return lock.withLock {
            if let answer = generations.newer[question] { return answer }
            guard let answer = generations.older.removeValue(forKey: question) else { return nil }
            insert(answer, for: question)
            return answer
        }
    }

    /// Keeps the answer to `question`.
    func keep(_ answer: [SimilarTitleIndex.Match], for question: Question) {
        guard capacity > 0 else { return }
        lock.withLock { insert(answer, for: question) }
    }

    /// Adds an answer to the newer generation, turning it into the older when full; under `lock`.
    private func insert(_ answer: [SimilarTitleIndex.Match], for question: Question) {
        if generations.newer.count >= capacity { generations = Generations(older: generations.newer) }
        generations.newer[question] = answer
    }
}
