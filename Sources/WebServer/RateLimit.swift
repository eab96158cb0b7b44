import Foundation
import Hummingbird
import HTTPTypes
import Synchronization

/// A token bucket per signed-in user, or per client address without a sign-in (behind a proxy every
/// request comes from the proxy's address; with Kerberos it runs before the sign-in, per address):
/// `perSecond` requests a second, bursts of twice that; beyond, 429 with `Retry-After`. Buckets of
/// clients quiet for a minute are forgotten.
struct RateLimit: RouterMiddleware {
    typealias Context = WebContext

    private struct Bucket: Sendable {
        var tokens: Double
        var updated: Double
    }

    /// The buckets, shared by every copy of the middleware.
    private final class Buckets: Sendable {
        let byClient = Mutex<[String: Bucket]>([:])
    }

    let perSecond: Int
    private let buckets = Buckets()

    init(perSecond: Int) { self.perSecond = perSecond }

    func handle(
        _ request: Request,
        context: WebContext,
        next: (Request, WebContext) async throws -> Response
    ) async throws -> Response {
        guard take(for: context.user.map { "user:" + $0 } ?? context.client, now: ProcessInfo.processInfo.systemUptime)
        else {
            var response = Response.plainText(.tooManyRequests, "Too many requests; wait a second and try again.\n")
            response.headers[.retryAfter] = "1"
            return response
        }
        return try await next(request, context)
    }

    /// Takes a token from the client's bucket, if one is left.
    func take(for client: String, now: Double) -> Bool {
        let rate = Double(perSecond)
        return buckets.byClient.withLock { buckets in
            if buckets.count > 10_000 { buckets = buckets.filter { now - $0.value.updated < 60 } }
            var bucket = buckets[client] ?? Bucket(tokens: 2 * rate, updated: now)
            bucket.tokens = min(2 * rate, bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
            let allowed = bucket.tokens >= 1
            if allowed { bucket.tokens -= 1 }
            buckets[client] = bucket
            return allowed
        }
    }
}
