import Directory

/// The JSON contract of DESIGN.md for lookup results, in a fixed key order.
extension LookupResult {
    package var json: JSONValue {
        .object([
            ("query", .string(query)),
            ("status", .string(status.rawValue)),
            ("expectedHolders", .int(expectedHolders)),
            ("holders", .array(holders.map(\.json))),
            ("inactiveHolders", .array(inactiveHolders.map(\.json))),
            ("similar", .array(similar.map(\.json))),
        ])
    }
}

extension Holder {
    package var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("dn", .string(dn)),
            ("name", .string(name)),
            ("mail", .string(mail)),
            ("title", .string(title)),
            ("via", .string(via.rawValue)),
        ]
        if let reason { members.append(("reason", .string(reason.rawValue))) }
        return .object(members)
    }
}

extension SimilarTitle {
    package var json: JSONValue {
        .object([
            ("title", .string(title)),
            ("score", .double(score)),
            ("reason", .string(reason)),
            ("holders", .array(holders.map(\.json))),
        ])
    }
}
