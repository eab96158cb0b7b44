import Foundation
import Testing

@testable import LDAPClient

/// A write to a connection whose other end has gone (what libldap does when it abandons a search or
/// unbinds after a server closed the connection) fails with EPIPE instead of ending the process.
@Suite("Writing to a closed connection")
struct BrokenPipeTests {
    @Test("the write fails with EPIPE, the process lives on, and the thread's signal mask is as before")
    func writeToClosedSocket() throws {
        var ends: [Int32] = [0, 0]
        try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0)
        close(ends[1])
        defer { close(ends[0]) }
        var before = sigset_t()
        pthread_sigmask(SIG_BLOCK, nil, &before)

        let (written, error) = withBrokenPipeIgnored {
            let byte: [UInt8] = [0x30]
            let written = write(ends[0], byte, 1)
            return (written, errno)
        }

        #expect(written == -1)
        #expect(error == EPIPE)
        var after = sigset_t()
        pthread_sigmask(SIG_BLOCK, nil, &after)
        #expect(sigismember(&after, SIGPIPE) == sigismember(&before, SIGPIPE))
        var pending = sigset_t()
        sigpending(&pending)
        #expect(sigismember(&pending, SIGPIPE) == 0)
    }
}
