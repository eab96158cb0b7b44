import Dispatch
import Foundation

/// Turns the first Ctrl-C (SIGINT) or SIGTERM into cancelling the running command, so a read stops
/// at its next batch and nothing is written; a second signal ends the process at once.
final class Interruption {
    private let sources: [any DispatchSourceSignal]

    /// Installs the handlers; `cancel` runs once, on the first signal.
    init(cancel: @escaping @Sendable () -> Void) {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                // The next signal takes the default action.
                signal(SIGINT, SIG_DFL)
                signal(SIGTERM, SIG_DFL)
                cancel()
            }
            source.resume()
            return source
        }
    }

    deinit { for source in sources { source.cancel() } }
}
