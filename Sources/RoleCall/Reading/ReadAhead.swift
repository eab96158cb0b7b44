import Foundation

/// Hands work from a reading thread to a consuming one in batches, with a bounded backlog, so a
/// large export is parsed on one core while the snapshot is built on the other.
///
/// `@unchecked Sendable`: every stored property is read and written only while `condition` is held.
final class ReadAhead<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [[Item]] = []
    private var finished = false
    private var failure: (any Error)?
    private let capacity: Int

    /// - Parameter capacity: How many batches may wait before the reader pauses.
    init(capacity: Int = 8) { self.capacity = capacity }

    /// Starts `produce` on its own thread; it hands batches to `send` and returns when done.
    func start(_ produce: @escaping @Sendable (_ send: ([Item]) -> Bool) throws -> Void) {
        Thread.detachNewThread { [self] in
            do {
                try produce { batch in self.put(batch) }
                finish(nil)
            } catch {
                finish(error)
            }
        }
    }

    /// Queues a batch, waiting while the backlog is full; true once queued.
    private func put(_ batch: [Item]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity { condition.wait() }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    private func finish(_ error: (any Error)?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, nil when the reader is done.
    /// - Throws: What the reader threw, after every batch before it was taken.
    func next() throws -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        if !batches.isEmpty {
            let batch = batches.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }
}
