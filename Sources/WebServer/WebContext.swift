import Hummingbird
import NIOCore

/// A request's context: Hummingbird's core, the client's address for the rate limit, and who is
/// signed in (when a sign-in proxy, a client certificate or a Kerberos ticket says so).
struct WebContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The client's IP address, without the port, in canonical form (``SignInProxy/canonicalAddress(_:)``).
    let client: String
    /// The user the sign-in proxy, the client certificate or the Kerberos ticket vouched for; nil without one.
    var user: String?
    /// A Kerberos user's local name (krb5.conf's `auth_to_local`: by default the principal without
    /// its realm, for the default realm), which the directory may hold as the login name.
    var localName: String?
    /// The connection, for its TLS client certificate.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
        let address = source.channel.remoteAddress?.ipAddress ?? "unknown"
        client = SignInProxy.canonicalAddress(address) ?? address
    }
}
