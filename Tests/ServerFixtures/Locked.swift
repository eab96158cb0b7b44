import Foundation

/// A value behind an `NSLock`. Used instead of `Mutex`, whose futex ThreadSanitizer cannot see,
/// so `Scripts/sanitizers.sh thread` reports only real races.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        try lock.withLock { try body(&value) }
    }
}
