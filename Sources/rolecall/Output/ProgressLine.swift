import Foundation

/// A count on stderr for long reads, shown only when stderr is a terminal.
final class ProgressLine: Sendable {
    private let label: String
    private let enabled = isatty(STDERR_FILENO) == 1

    init(label: String) { self.label = label }

    func update(_ count: Int) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\(count) \(label)…".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
