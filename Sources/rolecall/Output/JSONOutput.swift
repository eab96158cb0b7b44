import Foundation
import RoleCall

/// JSON documents for other tools: `schemaVersion` first, keys in a fixed order.
enum JSONOutput {
    static func document(asOf: Date, _ members: [(String, JSONValue)]) -> String {
        JSONValue.object(
            [("schemaVersion", .int(1)), ("asOf", .string(ISO8601DateFormatter().string(from: asOf)))] + members
        )
        .serialized()
    }

    static func lookup(asOf: Date, results: [LookupResult]) -> String {
        document(asOf: asOf, [("results", .array(results.map(\.json)))])
    }
}
