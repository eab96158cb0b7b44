import Foundation
import HTTPTypes
import Hummingbird
import Kerberos
import Presentation

/// Kerberos single sign-on (`--service-keytab`): HTTP Negotiate (RFC 4559), as intranet pages on Active
/// Directory sign people in. A request without a token is answered 401 with
/// `WWW-Authenticate: Negotiate`, which a browser set up for the intranet answers with a ticket for
/// this service; a token the keytab accepts names the user, which the evidence records and
/// `--allow-group` checks (the principal, and its local name under krb5.conf's rules). Every
/// request carries its own token: nothing is remembered between requests.
struct NegotiateSignIn: RouterMiddleware {
    typealias Context = WebContext
    let acceptor: KerberosAcceptor
    /// Writes a line to the server's log (why a token was refused: the browser is told less).
    let report: @Sendable (String) -> Void

    /// The longest token taken, decoded: Active Directory tickets with many group SIDs run to tens of
    /// kB. (Hummingbird's HTTP parser closes a connection whose header line passes 80 KiB, so about
    /// 60 kB decoded is the most that arrives.)
    static let maximumTokenBytes = 64 * 1024

    func handle(
        _ request: Request,
        context: WebContext,
        next: (Request, WebContext) async throws -> Response
    ) async throws -> Response {
        let values = request.headers[values: .authorization]
        guard values.count == 1, let token = Self.token(values[0]) else {
            return Self.challenge(
                "This page signs you in with the organisation's single sign-on (Kerberos), and your browser did "
                    + "not offer it. Open the page in a browser set up for the intranet, on a computer signed in to "
                    + "the organisation, or ask the page's administrators.\n"
            )
        }
        let signedIn: KerberosAcceptor.SignedIn
        switch acceptor.accept(token) {
        case .success(let accepted): signedIn = accepted
        case .failure(let refusal):
            report("a single sign-on from \(context.client) was refused: \(Self.reason(refusal))")
            return Self.challenge(
                "Your single sign-on was not accepted (the ticket may have expired, been used before, or be for "
                    + "another page). Sign in to your computer again and reload the page, or ask the page's "
                    + "administrators.\n"
            )
        }
        guard ProxySignIn.isUsable(signedIn.principal) else {
            return .plainText(.forbidden, "The single sign-on names no usable user; ask the page's administrators.\n")
        }
        var context = context
        context.user = signedIn.principal
        context.localName = signedIn.localName.flatMap { ProxySignIn.isUsable($0) ? $0 : nil }
        var response = try await next(request, context)
        if !signedIn.reply.isEmpty {
            response.headers[.wwwAuthenticate] = "Negotiate " + Data(signedIn.reply).base64EncodedString()
        }
        return response
    }

    /// The token of an `Authorization: Negotiate <base64>` value; nil for another scheme, a value
    /// that is not base64, or an over-long token.
    static func token(_ value: String) -> [UInt8]? {
        let parts = value.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "negotiate",
            parts[1].utf8.count <= (maximumTokenBytes / 3 + 1) * 4,
            let decoded = Data(base64Encoded: String(parts[1])), decoded.count <= maximumTokenBytes
        else { return nil }
        return [UInt8](decoded)
    }

    private static func challenge(_ message: String) -> Response {
        var response = Response.plainText(.unauthorized, message)
        response.headers[.wwwAuthenticate] = "Negotiate"
        return response
    }

    private static func reason(_ refusal: KerberosAcceptor.Refusal) -> String {
        switch refusal {
        case .needsMoreSteps:
            "the browser offered a sign-in other than Kerberos (NTLM?), which needs more than one step"
        case .anonymous: "the ticket is anonymous"
        case .rejected(let reason): SafeText.shown(reason)
        }
    }
}
