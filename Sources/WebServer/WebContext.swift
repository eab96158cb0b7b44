import Hummingbird
import NIOCore

/// A request's context: Hummingbird's core, the client's address for the rate limit, and who is
/// signed in (when a sign-in proxy says so).
struct WebContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The client's IP address, without the port, in canonical form (``SignInProxy/canonicalAddress(_:)``).
    let client: String
    /// The user the sign-in proxy vouched for; nil without one.
    var user: String?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        let address = source.channel.remoteAddress?.ipAddress ?? "unknown"
        client = SignInProxy.canonicalAddress(address) ?? address
    }
}
