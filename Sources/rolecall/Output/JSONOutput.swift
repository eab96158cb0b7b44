import Foundation
import RoleCall

/// JSON documents for other tools: `schemaVersion` first, keys in a fixed order.
enum JSONOutput {
    static func lookup(asOf: Date, results: [LookupResult]) -> String {
        JSONValue.object([
            ("schemaVersion", .int(1)),
            ("asOf", .string(ISO8601DateFormatter().string(from: asOf))),
            ("results", .array(results.map(\.json))),
        ]).serialized()
    }
}
