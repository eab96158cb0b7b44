import Foundation

/// Answers given lately, by question, for work whose answer never changes while its owner lives
/// (a title index's similar titles, a snapshot's holders of a title): the people of one
/// organisation ask the same questions again and again, a web page's users above all, so an
/// answer once worked out is kept rather than worked out again. Two generations bound the memory:
/// when the newer fills, it becomes the older and the older is dropped; an answer found in the
/// older moves back.
///
/// Guarded by an `NSLock` (a pthread mutex) rather than `Mutex`: ThreadSanitizer sees a pthread
/// mutex order the threads, and does not see the futex under `Mutex` on Linux.
package final class RecentAnswers<Question: Hashable & Sendable, Answer: Sendable>: @unchecked Sendable {
    private struct Generations {
        var newer: [Question: Answer] = [:]
        var older: [Question: Answer] = [:]
    }

    /// Answers kept per generation; 0 keeps none.
    package let capacity: Int
    private let lock = NSLock()
    /// Read and written under `lock` only.
    private var generations = Generations()

    /// Creates an empty memory of at most twice `capacity` answers.
    package init(capacity: Int = 4096) { self.capacity = capacity }

    /// The answer given to `question` lately, if any.
    package func answer(to question: Question) -> Answer? {
        guard capacity > 0 else { return nil }
        return lock.withLock {
            if let answer = generations.newer[question] { return answer }
            guard let answer = generations.older.removeValue(forKey: question) else { return nil }
            insert(answer, for: question)
            return answer
        }
    }

    /// Keeps the answer to `question`.
    package func keep(_ answer: Answer, for question: Question) {
        guard capacity > 0 else { return }
        lock.withLock { insert(answer, for: question) }
    }

    /// The answer to `question`: the one kept, or `work`'s, which is then kept. Two threads asking
    /// at once may both work it out; the answers are equal.
    package func answer(to question: Question, orWorkOut work: () -> Answer) -> Answer {
        if let answer = answer(to: question) { return answer }
        let answer = work()
        keep(answer, for: question)
        return answer
    }

    /// Adds an answer to the newer generation, turning it into the older when full; under `lock`.
    private func insert(_ answer: Answer, for question: Question) {
        if generations.newer.count >= capacity { generations = Generations(older: generations.newer) }
        generations.newer[question] = answer
    }
}
