import Foundation

/// A loopback TCP listener that accepts connections (through the kernel's backlog) but never reads
/// or answers: a hung server.
public final class SilentListener: Sendable {
    /// The port it listens on.
    public let port: Int
    private let socketFD: Int32

    public init() throws {
        (socketFD, port) = try Slapd.loopbackSocket(listening: true)
    }

    /// Stops listening.
    public func close() { _ = Foundation.close(socketFD) }
}
