import Dispatch

/// Runs an actor's jobs on its own serial dispatch queue, so blocking libldap calls never occupy
/// Swift's cooperative thread pool, and with SIGPIPE blocked, so a write to a connection the server
/// closed fails instead of ending the process.
final class QueueExecutor: SerialExecutor {
    let queue: DispatchQueue

    init(label: String) { queue = DispatchQueue(label: label) }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        run { job.runSynchronously(on: executor) }
    }

    /// Runs `work` on the queue with SIGPIPE blocked: every libldap call goes through here.
    func run(_ work: @escaping @Sendable () -> Void) {
        queue.async { withBrokenPipeIgnored(work) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor { UnownedSerialExecutor(ordinary: self) }
}
