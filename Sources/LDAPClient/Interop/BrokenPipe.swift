#if canImport(Glibc)
import Glibc
#endif

/// Runs `body` with SIGPIPE blocked on the calling thread.
///
/// libldap writes to its sockets with plain `write`: a request, abandon or unbind sent on a
/// connection the server has already closed would raise SIGPIPE and end the whole process, the
/// embedding program's too. Blocked, the write fails with `EPIPE` and libldap reports a lost
/// connection. A SIGPIPE the body raised is taken off the thread before its mask is restored, so
/// it is never delivered later.
func withBrokenPipeIgnored<Result>(_ body: () throws -> Result) rethrows -> Result {
    var brokenPipe = sigset_t()
    sigemptyset(&brokenPipe)
    sigaddset(&brokenPipe, SIGPIPE)
    var previous = sigset_t()
    pthread_sigmask(SIG_BLOCK, &brokenPipe, &previous)
    // Already blocked by the caller: leave the thread exactly as it was.
    guard sigismember(&previous, SIGPIPE) == 0 else { return try body() }
    defer {
        var pending = sigset_t()
        sigpending(&pending)
        if sigismember(&pending, SIGPIPE) == 1 {
            var now = timespec(tv_sec: 0, tv_nsec: 0)
            _ = sigtimedwait(&brokenPipe, nil, &now)
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }
    return try body()
}
