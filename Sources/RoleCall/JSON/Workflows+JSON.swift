/// The JSON contract of DESIGN.md for `verify` and `report`, in a fixed key order.
extension RecipientCheck {
    package var json: [(String, JSONValue)] {
        [
            (
                "recipients",
                .array(
                    recipients.map { result in
                        .object([
                            ("recipient", .string(result.recipient)),
                            ("status", .string(result.status.rawValue)),
                            ("dn", .string(result.dn)),
                            ("roles", .array(result.roles.map(JSONValue.string))),
                            ("reason", .string(result.reason)),
                            ("nearestRole", .string(result.nearestRole)),
                        ])
                    }
                )
            ),
            ("uncovered", .array(uncovered.map(JSONValue.string))),
        ]
    }
}

extension StaleRoleReport {
    package var json: [(String, JSONValue)] {
        [
            ("results", .array(results.map(\.json))),
            ("findings", .array(findings.map(\.json))),
        ]
    }
}

extension Finding {
    package var json: JSONValue {
        .object(
            [
                ("kind", .string(kind.rawValue)),
                ("severity", .string(severity.rawValue)),
                ("role", .string(role)),
                ("message", .string(message)),
            ] + details.map { ($0.0, .array($0.1.map(JSONValue.string))) }
        )
    }
}
