import Foundation

/// The fields of a query string or an `application/x-www-form-urlencoded` body, as browsers send
/// them: `+` is a space, `%XX` a byte; fields in order, a name possibly repeated.
struct FormFields: Sendable {
    private(set) var fields: [(name: String, value: String)] = []

    /// Reads encoded fields; a field that does not decode as UTF-8 is kept as written.
    init(_ encoded: Substring) {
        for pair in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            fields.append((Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : ""))
        }
    }

    /// Every value of a field, in order.
    func values(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    /// The first value of a field.
    subscript(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
