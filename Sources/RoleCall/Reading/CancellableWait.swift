import Foundation

/// Waits for a task's value, but returns at once with ``RoleCallError/Problem-swift.enum/cancelled``
/// when the waiting task is cancelled — even while the awaited work is stuck in a blocking read
/// (standard input that never ends). The abandoned work finishes on its own and is dropped.
enum CancellableWait {
    static func value<Value: Sendable>(of work: Task<Value, any Error>) async throws -> Value {
        let race = Race<Value>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                race.start(continuation)
                Task { race.finish(with: await work.result) }
            }
        } onCancel: {
            race.finish(with: .failure(RoleCallError(.cancelled)))
        }
    }

    /// Whichever comes first — the value or the cancellation — resumes the waiter, once.
    private final class Race<Value: Sendable>: @unchecked Sendable {
        // NSLock rather than Mutex: ThreadSanitizer sees pthread locks, not Mutex's futex.
        // Every stored property is read and written only while `lock` is held.
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Value, any Error>?
        private var early: Result<Value, any Error>?
        private var done = false

        func start(_ continuation: CheckedContinuation<Value, any Error>) {
            lock.lock()
            if let early {
                done = true
                lock.unlock()
                continuation.resume(with: early)
                return
            }
            self.continuation = continuation
            lock.unlock()
        }

        func finish(with result: Result<Value, any Error>) {
            lock.lock()
            guard !done else {
                lock.unlock()
                return
            }
            guard let continuation else {
                // Cancelled before the continuation was stored: keep the first outcome for start.
                if early == nil { early = result }
                lock.unlock()
                return
            }
            done = true
            self.continuation = nil
            lock.unlock()
            continuation.resume(with: result)
        }
    }
}
