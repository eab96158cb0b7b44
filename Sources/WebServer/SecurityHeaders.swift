import Hummingbird
import HTTPTypes

/// Headers on every response: directory data is never cached, pages load nothing but their own
/// stylesheet and run no script, and no other site may frame them or learn where they linked.
struct SecurityHeaders: RouterMiddleware {
    typealias Context = WebContext

    static let policy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    func handle(
        _ request: Request,
        context: WebContext,
        next: (Request, WebContext) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.cacheControl] = "no-store"
        response.headers[Self.name("Content-Security-Policy")] = Self.policy
        response.headers[Self.name("X-Content-Type-Options")] = "nosniff"
        response.headers[Self.name("Referrer-Policy")] = "no-referrer"
        response.headers[Self.name("X-Frame-Options")] = "DENY"
        return response
    }

    private static func name(_ text: String) -> HTTPField.Name {
        // Every name above is a valid token; a typo would fail the first request, not silently.
        guard let name = HTTPField.Name(text) else { preconditionFailure("not a header name: \(text)") }
        return name
    }
}
