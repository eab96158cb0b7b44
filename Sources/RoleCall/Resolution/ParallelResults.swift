import Foundation

/// Work on each element of an array, spread over the machine's cores, with the results in the
/// array's order. The work must be safe to run on several threads at once.
///
/// The helpers are threads of their own, not Dispatch's or Swift concurrency's pool: a caller on a
/// task's thread holds that one thread while it works, as it would working alone, and the pool that
/// runs everything else keeps all of its threads (a blocking `concurrentPerform` starved a busy test
/// process of them).
enum ParallelResults {
    /// `transform` applied to every element; in order, as `map` would give them.
    /// - Parameters:
    ///   - elements: What to work on.
    ///   - transform: The work for one element.
    /// - Returns: One result per element, in the elements' order.
    static func map<Element: Sendable, Result: Sendable>(
        _ elements: [Element],
        _ transform: @escaping @Sendable (Element) -> Result
    ) -> [Result] {
        let helpers = min(elements.count, ProcessInfo.processInfo.activeProcessorCount) - 1
        guard helpers > 0 else { return elements.map(transform) }
        let work = Work(elements: elements, transform: transform)
        let finished = DispatchSemaphore(value: 0)
        for _ in 0..<helpers {
            let thread = Thread {
                work.run()
                finished.signal()
            }
            thread.start()
        }
        work.run()
        for _ in 0..<helpers { finished.wait() }
        return work.values
    }

    /// The elements, the next one to take, and one slot per result; shared under a lock.
    private final class Work<Element: Sendable, Value: Sendable>: @unchecked Sendable {
        private let elements: [Element]
        private let transform: @Sendable (Element) -> Value
        private let lock = NSLock()
        /// Read and written under `lock` only.
        private var next = 0
        private var slots: [Value?]

        init(elements: [Element], transform: @escaping @Sendable (Element) -> Value) {
            self.elements = elements
            self.transform = transform
            slots = Array(repeating: nil, count: elements.count)
        }

        /// Takes elements until none is left.
        func run() {
            while let index = lock.withLock({ () -> Int? in
                guard next < elements.count else { return nil }
                defer { next += 1 }
                return next
            }) {
                let value = transform(elements[index])
                lock.withLock { slots[index] = value }
            }
        }

        /// Every slot's value; each has been set once every thread has finished, so none is dropped.
        var values: [Value] { lock.withLock { slots.compactMap { $0 } } }
    }
}
