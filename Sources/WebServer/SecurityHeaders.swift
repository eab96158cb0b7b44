import Hummingbird
import HTTPTypes

/// Headers on every response: directory data is never cached, pages load nothing but their own
/// stylesheet and run no script, and no other site may frame them or learn where they linked. Errors
/// that the framework answers itself (an unknown address's 404, an over-large body's 413) are turned
/// into responses here, so they carry the same headers. Over TLS beyond loopback, browsers are told to use HTTPS only.
struct SecurityHeaders: RouterMiddleware {
    typealias Context = WebContext
    /// Served over TLS beyond loopback: browsers are told to come back over HTTPS only (HSTS).
    var strictTransport = false

    static let policy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    func handle(
        _ request: Request,
        context: WebContext,
        next: (Request, WebContext) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.cacheControl] = "no-store"
        response.headers[Self.name("Content-Security-Policy")] = Self.policy
        response.headers[Self.name("X-Content-Type-Options")] = "nosniff"
        response.headers[Self.name("Referrer-Policy")] = "no-referrer"
        response.headers[Self.name("X-Frame-Options")] = "DENY"
        if strictTransport { response.headers[Self.name("Strict-Transport-Security")] = "max-age=31536000" }
        return response
    }

    private static func name(_ text: String) -> HTTPField.Name {
        // Every name above is a valid token; a typo would fail the first request, not silently.
        guard let name = HTTPField.Name(text) else { preconditionFailure("not a header name: \(text)") }
        return name
    }
}
