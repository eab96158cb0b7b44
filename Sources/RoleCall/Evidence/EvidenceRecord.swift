public import Foundation

/// One recipient check kept as evidence: who checked what, against which list and which
/// directory, and what the answer was. Written by ``EvidenceLog``.
public struct EvidenceRecord: Sendable {
    /// When the check was made.
    public var at: Date
    /// Who made it: the signed-in user, or the account running the command.
    public var by: String
    /// The client address, for a check made through the web page.
    public var client: String?
    /// The release it was for, as the sender wrote it.
    public var release: String
    /// The access list's name (its file name, or "pasted").
    public var listName: String
    /// The SHA-256 of the list's titles, as written, one a line: the same list always gives the same hash.
    public var listSHA256: String
    /// The recipients as given, the address used, and their verdicts.
    public var recipients: [RecipientCheck.Verdict]
    /// Where the directory came from (a path, a URI, or several).
    public var directory: String
    /// The instant the directory data reflects.
    public var reflects: Date
    /// The instant account state was evaluated at.
    public var asOf: Date

    /// Whether every recipient was authorised.
    public var maySend: Bool { recipients.allSatisfy { $0.status == .authorised } }

    /// A record of a recipient check.
    /// - Parameters:
    ///   - check: The check.
    ///   - list: The access list it used.
    ///   - listName: The list's name.
    ///   - resolver: The directory and instant it used.
    ///   - release: The release it was for.
    ///   - by: Who made it.
    ///   - client: The client address, for the web page.
    ///   - at: When.
    public init(
        check: RecipientCheck,
        list: AccessList,
        listName: String,
        resolver: Resolver,
        release: String,
        by: String,
        client: String? = nil,
        at: Date = Date()
    ) {
        self.at = at
        self.by = by
        self.client = client
        self.release = release
        self.listName = listName
        listSHA256 = Self.fingerprint(of: list)
        recipients = check.recipients
        directory = resolver.snapshot.origin?.label ?? "(built in memory)"
        reflects = resolver.snapshot.reflects
        asOf = resolver.asOf
    }

    /// The SHA-256 of a list's titles as written, one a line.
    public static func fingerprint(of list: AccessList) -> String {
        SHA256.hex(SHA256.hash(list.roles.map(\.title).joined(separator: "\n").utf8))
    }

    /// The record as one line of JSON, without its chain fields.
    func fields() -> [(String, JSONValue)] {
        [
            ("at", .string(Self.instant(at))),
            ("by", .string(by)),
            ("client", .string(client)),
            ("release", .string(release)),
            ("list", .object([("name", .string(listName)), ("sha256", .string(listSHA256))])),
            (
                "recipients",
                .array(
                    recipients.map { verdict in
                        .object([
                            ("recipient", .string(verdict.recipient)),
                            ("address", .string(verdict.address)),
                            ("groups", .array(verdict.groups.map(JSONValue.string))),
                            ("status", .string(verdict.status.rawValue)),
                            ("reason", .string(verdict.reason.rawValue)),
                            ("dn", .string(verdict.dn)),
                        ])
                    }
                )
            ),
            ("directory", .object([("source", .string(directory)), ("reflects", .string(Self.instant(reflects)))])),
            ("asOf", .string(Self.instant(asOf))),
            ("maySend", .bool(maySend)),
        ]
    }

    private static func instant(_ date: Date) -> String { Instant.text(date) }
}
