import Foundation
import Hummingbird
import HTTPTypes
import Presentation
import RoleCall

extension WebServer {
    /// The pages people use: start, lookup, the recipient check and the lists' reports.
    func addPages(to router: Router<WebContext>) {
        router.get("/") { _, requestContext in
            await page { () throws(Refusal) in
                let resolver = try await resolver()
                return WebPages.home(
                    lists: settings.lists.keys.sorted(),
                    token: formToken(for: requestContext),
                    asksForRelease: settings.evidence != nil,
                    context: context(resolver)
                )
            }
        }
        router.get("/style.css") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/css; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: WebPages.stylesheet))
            )
        }
        router.get("/lookup") { request, _ in
            await page { () throws(Refusal) in
                let title = FormFields(request.uri.query?[...] ?? "")["title"] ?? ""
                guard !title.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw Refusal(status: .badRequest, code: "noTitle", message: "type a role title to look up")
                }
                let resolver = try await resolver()
                let results = [resolver.resolve(title)]
                try checkIntact(resolver)
                return WebPages.lookup(results, query: title, context: context(resolver))
            }
        }
        router.post("/verify") { request, requestContext in
            await page { () throws(Refusal) in
                let form = try await VerifyForm(request: request, body: body(of: request))
                guard isFormToken(form["token"], for: requestContext), !Self.isFromAnotherSite(request) else {
                    throw Refusal(
                        status: .forbidden,
                        code: "badToken",
                        message:
                            "this form is out of date or did not come from this page; open the start page and try again"
                    )
                }
                let listName = form["listName"].flatMap { $0.isEmpty ? nil : $0 }
                let list: AccessList
                if let listName {
                    list = try self.list(named: listName)
                } else {
                    list = try pastedList(form["list"] ?? "")
                }
                let recipients =
                    if let message = form.message {
                        try pastedRecipients(message.bytes, source: message.name)
                    } else {
                        try pastedRecipients(Array((form["recipients"] ?? "").utf8))
                    }
                let (check, resolver) = try await check(
                    recipients,
                    list: list,
                    listName: listName,
                    release: try release(form["release"]),
                    from: requestContext
                )
                return WebPages.verify(check, listName: listName, context: context(resolver))
            }
        }
        router.get("/report") { request, _ in
            await page { () throws(Refusal) in
                let name = FormFields(request.uri.query?[...] ?? "")["listName"] ?? ""
                let list = try list(named: name)
                let resolver = try await resolver()
                let report = StaleRoleReport(list: list, resolver: resolver, previous: nil)
                try checkIntact(resolver)
                return WebPages.report(report, listName: name, context: context(resolver))
            }
        }
    }

    /// The page's context: the data's source and age.
    func context(_ resolver: Resolver) -> WebPages.Context {
        WebPages.Context(origin: resolver.snapshot.origin, reflects: resolver.snapshot.reflects, asOf: resolver.asOf)
    }

    /// A page, or the page saying why there is none.
    private func page(_ make: () async throws(Refusal) -> String) async -> Response {
        do {
            return html(.ok, try await make())
        } catch {
            return html(error.status, WebPages.problem(error.message))
        }
    }

    private func html(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }
}

/// The recipient check's form as sent: URL-encoded, or multipart with a saved message attached.
struct VerifyForm {
    private let fields: [String: String]
    /// The attached message (`.eml`, `.msg`), when one was chosen.
    let message: (name: String, bytes: [UInt8])?

    init(request: Request, body: [UInt8]) throws(Refusal) {
        let type = request.headers[.contentType] ?? ""
        if type.lowercased().hasPrefix("multipart/") {
            guard let form = MultipartForm(body: body, contentType: type) else {
                throw Refusal(
                    status: .badRequest,
                    code: "badForm",
                    message: "the form could not be read; send it again"
                )
            }
            var fields: [String: String] = [:]
            for part in form.parts where part.filename == nil && fields[part.name] == nil {
                fields[part.name] = String(decoding: part.body, as: UTF8.self)
            }
            self.fields = fields
            message = form["message"].flatMap { part in
                part.body.isEmpty
                    ? nil : ((part.filename?.isEmpty == false ? part.filename : nil) ?? "message", part.body)
            }
        } else {
            let form = FormFields(String(decoding: body, as: UTF8.self)[...])
            fields = Dictionary(form.fields.map { ($0.name, $0.value) }) { first, _ in first }
            message = nil
        }
    }

    subscript(_ name: String) -> String? { fields[name] }
}
