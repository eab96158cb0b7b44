import Hummingbird
import HTTPTypes

/// Answers only requests addressed to this machine by name or loopback address. A page elsewhere
/// that points its own host name at 127.0.0.1 (DNS rebinding) sends its name as `Host`, and is
/// refused before it can read the page, its form token or any directory data.
struct LoopbackHost: RouterMiddleware {
    typealias Context = WebContext

    static let names: Set<String> = ["127.0.0.1", "localhost", "[::1]"]

    func handle(
        _ request: Request,
        context: WebContext,
        next: (Request, WebContext) async throws -> Response
    ) async throws -> Response {
        guard let authority = request.head.authority, Self.names.contains(Self.host(authority).lowercased()) else {
            return .plainText(
                .misdirectedRequest,
                "This server answers only at http://127.0.0.1 or http://localhost.\n"
            )
        }
        return try await next(request, context)
    }

    /// The host of an authority, without the port (`[::1]:80` → `[::1]`).
    static func host(_ authority: String) -> Substring {
        if authority.hasPrefix("["), let end = authority.firstIndex(of: "]") { return authority[...end] }
        return authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    }
}
