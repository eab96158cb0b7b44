/// A saved message (`.eml`, or any text that starts with mail headers): its recipients are the
/// addresses in `To`, `Cc`, `Bcc` and their `Resent-` forms; folded headers are unfolded and the
/// body is ignored.
enum MailHeaders {
    /// Header fields whose addresses are recipients.
    static let recipientFields: Set<String> = ["to", "cc", "bcc", "resent-to", "resent-cc", "resent-bcc"]

    /// Fields that mark the start of a message, so that a recipients file whose first line is
    /// "Team: a@x, b@x;" (a group) is not taken for one.
    private static let messageFields: Set<String> = [
        "from", "to", "cc", "bcc", "subject", "date", "message-id", "mime-version", "received", "return-path",
        "reply-to", "sender", "delivered-to", "in-reply-to", "references", "content-type", "importance",
        "user-agent", "thread-topic", "thread-index", "resent-to", "resent-cc", "resent-bcc", "resent-from",
        "resent-date", "x-unsent",
    ]

    /// Whether `lines` start with a message's header block: every line up to the first blank one a
    /// field or a continuation, at least two fields, one of them a field that starts messages (so a
    /// recipients file whose first line is "To: a@x" or a group "Team: a@x;" stays a list).
    static func isHeaderBlock(_ lines: [(Int, String)]) -> Bool {
        var names: [String] = []
        for (_, line) in lines {
            if line.trimmingWhitespace().isEmpty { break }
            if let first = line.first, first == " " || first == "\t", !names.isEmpty { continue }
            guard let name = fieldName(line)?.lowercased() else { return false }
            names.append(name)
        }
        return names.count >= 2 && names.contains { messageFields.contains($0) || $0.hasPrefix("x-") }
    }

    /// The recipients of the message in `lines`.
    /// - Throws: ``RoleCallError`` for an unparsable address or a line in the header block that is
    ///   not a field, naming its line and column.
    static func recipients(_ lines: [(Int, String)], source: String) throws(RoleCallError) -> [Recipient] {
        var recipients: [Recipient] = []
        for field in try fields(lines, source: source) where recipientFields.contains(field.name.lowercased()) {
            recipients += try AddressList.recipients(
                in: field.value,
                line: field.line,
                column: field.name.count + 2,
                source: source
            )
        }
        return recipients
    }

    /// The header fields before the first blank line, unfolded (continuation lines start with a
    /// space or tab and join the field before them).
    private static func fields(
        _ lines: [(Int, String)],
        source: String
    ) throws(RoleCallError) -> [(name: String, value: String, line: Int)] {
        var fields: [(name: String, value: String, line: Int)] = []
        for (number, line) in lines {
            if line.trimmingWhitespace().isEmpty { break }
            if let first = line.first, first == " " || first == "\t", !fields.isEmpty {
                fields[fields.count - 1].value += line
                continue
            }
            guard let name = fieldName(line) else {
                throw RoleCallError(
                    .unparsableRecipient(path: source, line: number, column: 1, text: line, .notAHeaderField)
                )
            }
            fields.append((name, String(line.dropFirst(name.count + 1)), number))
        }
        return fields
    }

    /// The field name before the colon: printable ASCII, no spaces (RFC 5322 section 3.6.8).
    private static func fieldName(_ line: String) -> String? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let name = line[..<colon]
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) && $0 != ":" })
        else { return nil }
        return String(name)
    }
}
