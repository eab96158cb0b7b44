import Hummingbird
import NIOCore

/// A request's context: Hummingbird's core, the client's address for the rate limit, and who is
/// signed in (when a sign-in proxy or a client certificate says so).
struct WebContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The client's IP address, without the port, in canonical form (``SignInProxy/canonicalAddress(_:)``).
    let client: String
    /// The user the sign-in proxy or the client certificate vouched for; nil without either.
    var user: String?
    /// The connection, for its TLS client certificate.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
        let address = source.channel.remoteAddress?.ipAddress ?? "unknown"
        client = SignInProxy.canonicalAddress(address) ?? address
    }
}
