import Foundation
import Hummingbird
import HTTPTypes
import Presentation
import RoleCall

extension WebServer {
    /// What `POST /api/verify` reads.
    private struct VerifyRequest: Decodable {
        var list: [String]?
        var listName: String?
        var recipients: String
        var release: String?
    }

    /// The JSON API: the command line's documents, and `{"error": {"code", "message"}}` otherwise.
    func addAPI(to router: Router<WebContext>) {
        router.get("/api/lookup") { request, _ in
            await document { () throws(Refusal) in
                let titles = FormFields(request.uri.query?[...] ?? "").values("title")
                guard !titles.isEmpty else {
                    throw Refusal(status: .badRequest, code: "noTitle", message: "give one or more title= parameters")
                }
                let resolver = try await resolver()
                let results = resolver.resolveAll(titles)
                try checkIntact(resolver)
                return JSONDocuments.lookup(results, asOf: resolver.asOf)
            }
        }
        router.post("/api/verify") { request, requestContext in
            await document { () throws(Refusal) in
                guard !Self.isFromAnotherSite(request) else {
                    throw Refusal(
                        status: .forbidden,
                        code: "crossSite",
                        message: "recipient checks are not accepted from another site's page"
                    )
                }
                guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
                    throw Refusal(
                        status: .unsupportedMediaType,
                        code: "notJSON",
                        message: "send the request as JSON (Content-Type: application/json)"
                    )
                }
                let bytes = try await body(of: request)
                let decoded = Result { try JSONDecoder().decode(VerifyRequest.self, from: Data(bytes)) }
                guard case .success(let asked) = decoded else {
                    throw Refusal(
                        status: .badRequest,
                        code: "badRequest",
                        message:
                            "the body must be {\"listName\": \"…\"} or {\"list\": [\"title\", …]} with \"recipients\": \"text as pasted\""
                    )
                }
                let list: AccessList
                switch (asked.listName, asked.list) {
                case (let name?, nil): list = try self.list(named: name)
                case (nil, let titles?):
                    guard titles.allSatisfy({ !$0.contains(where: \.isNewline) }) else {
                        throw Refusal(
                            status: .badRequest,
                            code: "badList",
                            message: "a listed title holds a line break"
                        )
                    }
                    list = try pastedList(titles.joined(separator: "\n"))
                default:
                    throw Refusal(status: .badRequest, code: "badRequest", message: "give either listName or list")
                }
                let recipients = try pastedRecipients(Array(asked.recipients.utf8))
                let (check, resolver) = try await check(
                    recipients,
                    list: list,
                    listName: asked.listName,
                    release: try release(asked.release),
                    from: requestContext
                )
                return JSONDocuments.verify(check, asOf: resolver.asOf)
            }
        }
        router.get("/api/report") { request, _ in
            await document { () throws(Refusal) in
                let list = try list(named: FormFields(request.uri.query?[...] ?? "")["listName"] ?? "")
                let resolver = try await resolver()
                let report = StaleRoleReport(list: list, resolver: resolver, previous: nil)
                try checkIntact(resolver)
                return JSONDocuments.report(report, asOf: resolver.asOf)
            }
        }
    }

    /// A JSON document, or the error document saying why there is none.
    private func document(_ make: () async throws(Refusal) -> String) async -> Response {
        do {
            return json(.ok, try await make())
        } catch {
            let body = JSONValue.object([
                ("error", .object([("code", .string(error.code)), ("message", .string(error.message))]))
            ])
            return json(error.status, body.serialized())
        }
    }

    private func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }
}
