import Foundation
import Hummingbird
public import HTTPTypes

/// Sign-in by an authenticating reverse proxy (Apache with `mod_auth_gssapi` for Kerberos single
/// sign-on, or any proxy that signs people in): only the proxy's address may ask, and it names the
/// signed-in user in a header, which the evidence records. A request from anywhere else, or
/// without a usable name, is refused before it reaches the page or the directory.
public struct SignInProxy: Sendable {
    /// The proxy's IP address, as the server sees the connection's peer.
    public let address: String
    /// The header naming the signed-in user.
    public let header: HTTPField.Name

    /// Creates the rule; nil when `header` is not a valid header name.
    /// - Parameters:
    ///   - address: The proxy's IP address (a literal: no name is looked up).
    ///   - header: The header naming the signed-in user, such as `X-Remote-User`.
    public init?(address: String, header: String) {
        guard let name = HTTPField.Name(header) else { return nil }
        self.address = address
        self.header = name
    }
}

/// Refuses requests that did not come through the sign-in proxy, and passes on who signed in.
struct ProxySignIn: RouterMiddleware {
    typealias Context = WebContext
    let proxy: SignInProxy

    func handle(
        _ request: Request,
        context: WebContext,
        next: (Request, WebContext) async throws -> Response
    ) async throws -> Response {
        guard context.client == proxy.address else {
            return .plainText(.forbidden, "This page is reached through the organisation's sign-in only.\n")
        }
        let values = request.headers[values: proxy.header]
        guard values.count == 1, let user = values.first?.trimmingCharacters(in: .whitespaces),
            Self.isUsable(user)
        else {
            return .plainText(
                .forbidden,
                "The sign-in did not say who you are; sign in again or ask the page's administrators.\n"
            )
        }
        var context = context
        context.user = user
        return try await next(request, context)
    }

    /// A name a person could have: printable, without controls, and of a sane length.
    static func isUsable(_ user: String) -> Bool {
        !user.isEmpty && user.utf8.count <= 256
            && user.unicodeScalars.allSatisfy { !$0.properties.generalCategory.isControlOrFormat }
    }
}

extension Unicode.GeneralCategory {
    fileprivate var isControlOrFormat: Bool {
        switch self {
        case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .surrogate, .privateUse: true
        default: false
        }
    }
}
