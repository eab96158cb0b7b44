#if TLS
import Hummingbird
import NIOSSL

/// Sign-in by client certificate (`--client-ca`): the TLS handshake already refused any client
/// without a certificate from the CA; this names the user the certificate vouches for
/// (``CertificateIdentity``), which the evidence records and `--allow-group` checks.
struct CertificateSignIn: RouterMiddleware {
    typealias Context = WebContext

    func handle(
        _ request: Request,
        context: WebContext,
        next: (Request, WebContext) async throws -> Response
    ) async throws -> Response {
        let certificate = try? await context.channel.nioSSL_peerCertificate().get()
        guard let der = try? certificate?.toDERBytes(), let user = CertificateIdentity.user(der: der),
            ProxySignIn.isUsable(user)
        else {
            return .plainText(
                .forbidden,
                "Your certificate does not say who you are (no email address or common name); "
                    + "ask the page's administrators for one that does.\n"
            )
        }
        var context = context
        context.user = user
        return try await next(request, context)
    }
}
#endif
