import Foundation
import Hummingbird
public import HTTPTypes

/// Sign-in by an authenticating reverse proxy (Apache with `mod_auth_gssapi` for Kerberos single
/// sign-on, or any proxy that signs people in): only the proxy's address may ask, and it names the
/// signed-in user in a header, which the evidence records. A request from anywhere else, or
/// without a usable name, is refused before it reaches the page or the directory.
public struct SignInProxy: Sendable {
    /// The proxy's IP address, in canonical form (``canonicalAddress(_:)``).
    public let address: String
    /// The header naming the signed-in user.
    public let header: HTTPField.Name

    /// Creates the rule; nil when `address` is not an IP address literal or `header` not a header name.
    /// - Parameters:
    ///   - address: The proxy's IP address (a literal: no name is looked up).
    ///   - header: The header naming the signed-in user, such as `X-Remote-User`.
    public init?(address: String, header: String) {
        guard let canonical = Self.canonicalAddress(address), let name = HTTPField.Name(header) else { return nil }
        self.address = canonical
        self.header = name
    }

    /// One spelling per address, so that the proxy is recognised however it was written: the text
    /// `inet_ntop` gives, with an IPv4 address mapped into IPv6 (`::ffff:10.0.0.5`) as plain IPv4.
    /// - Parameter text: An IPv4 or IPv6 address literal.
    /// - Returns: Its canonical text; nil when `text` is not an address literal (a name, a range).
    public static func canonicalAddress(_ text: String) -> String? {
        var bytes = [UInt8](repeating: 0, count: 16)
        if inet_pton(AF_INET, text, &bytes) == 1 { return written(AF_INET, bytes) }
        guard inet_pton(AF_INET6, text, &bytes) == 1 else { return nil }
        let mapped = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xff && bytes[11] == 0xff
        return mapped ? written(AF_INET, Array(bytes[12...])) : written(AF_INET6, bytes)
    }

    private static func written(_ family: Int32, _ bytes: [UInt8]) -> String? {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(family, bytes, &text, socklen_t(text.count)) != nil else { return nil }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
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
