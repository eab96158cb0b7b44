import Dispatch
import Foundation

/// Work on each element of an array, spread over the machine's cores, with the results in the
/// array's order. The work must be safe to run on several threads at once.
enum ParallelResults {
    /// `transform` applied to every element; in order, as `map` would give them.
    /// - Parameters:
    ///   - elements: What to work on.
    ///   - transform: The work for one element.
    /// - Returns: One result per element, in the elements' order.
    static func map<Element: Sendable, Result: Sendable>(
        _ elements: [Element],
        _ transform: @Sendable (Element) -> Result
    ) -> [Result] {
        guard elements.count > 1 else { return elements.map(transform) }
        let slots = Slots<Result>(count: elements.count)
        DispatchQueue.concurrentPerform(iterations: elements.count) { index in
            slots.set(index, transform(elements[index]))
        }
        return slots.values
    }

    /// One slot per element, filled from any thread under a lock.
    private final class Slots<Value: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        /// Read and written under `lock` only.
        private var slots: [Value?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }

        /// Every slot's value; each has been set once `concurrentPerform` returns, so none is dropped.
        var values: [Value] { lock.withLock { slots.compactMap { $0 } } }
    }
}
