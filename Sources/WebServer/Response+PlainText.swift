import Hummingbird
import HTTPTypes

extension Response {
    /// A short plain-text answer from the server itself (a refusal before any page is made).
    static func plainText(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: .init(string: text))
        )
    }
}
