import Foundation

/// Hands batches from a producing thread to an async consumer, a few at a time: the producer
/// blocks (on its own thread, never a cooperative one) while the backlog is full; the consumer
/// suspends while it is empty. Cancelling the consumer's task ends the wait at once with
/// ``RoleCallError/Problem-swift.enum/cancelled`` and tells the producer to stop at its next batch.
final class BatchChannel<Batch: Sendable>: @unchecked Sendable {
    // NSCondition rather than Mutex: ThreadSanitizer sees pthread locks, not Mutex's futex.
    // Every stored property below is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var backlog: [Batch] = []
    private var waiting: CheckedContinuation<Batch?, any Error>?
    private var ended = false
    private var failure: RoleCallError?
    private var cancelled = false
    private let capacity: Int

    /// - Parameter capacity: How many batches may wait before the producer pauses.
    init(capacity: Int) { self.capacity = capacity }

    // MARK: the producer's side

    /// Queues a batch, waiting while the backlog is full.
    /// - Returns: False once the consumer has gone: stop producing.
    func send(_ batch: Batch) -> Bool {
        condition.lock()
        while backlog.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else {
            condition.unlock()
            return false
        }
        if let consumer = waiting {
            waiting = nil
            condition.unlock()
            consumer.resume(returning: batch)
            return true
        }
        backlog.append(batch)
        condition.unlock()
        return true
    }

    /// Ends the sequence, with the producer's failure if it had one.
    func finish(_ error: RoleCallError?) {
        condition.lock()
        ended = true
        failure = error
        let consumer = waiting
        waiting = nil
        condition.unlock()
        if let consumer { consumer.resume(with: error.map { .failure($0) } ?? .success(nil)) }
    }

    // MARK: the consumer's side

    /// The next batch; nil after the last.
    /// - Throws: The producer's failure (after every batch sent before it), or `cancelled`.
    func next() async throws(RoleCallError) -> Batch? {
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Batch?, any Error>) in
                    condition.lock()
                    if cancelled {
                        condition.unlock()
                        continuation.resume(throwing: RoleCallError(.cancelled))
                    } else if !backlog.isEmpty {
                        let batch = backlog.removeFirst()
                        condition.broadcast()
                        condition.unlock()
                        continuation.resume(returning: batch)
                    } else if ended {
                        let failure = failure
                        condition.unlock()
                        continuation.resume(with: failure.map { .failure($0) } ?? .success(nil))
                    } else {
                        waiting = continuation
                        condition.unlock()
                    }
                }
            } onCancel: {
                cancel()
            }
        } catch let error as RoleCallError {
            throw error
        } catch {
            throw RoleCallError(.cancelled)
        }
    }

    /// Stops the producer at its next batch and ends a wait in progress.
    func cancel() {
        condition.lock()
        cancelled = true
        backlog = []
        let consumer = waiting
        waiting = nil
        condition.broadcast()
        condition.unlock()
        consumer?.resume(throwing: RoleCallError(.cancelled))
    }
}
