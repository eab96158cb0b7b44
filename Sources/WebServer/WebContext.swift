import Hummingbird
import NIOCore

/// A request's context: Hummingbird's core, and the client's address for the rate limit.
struct WebContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The client's IP address, without the port.
    let client: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        client = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}
