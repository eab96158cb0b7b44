import Foundation

/// A distribution list as `verify` reads it: addresses as mail clients copy them (several on a
/// line, separated by `,` or `;`; `Name <address>`; `mailto:`), uids, DNs, `sAMAccountName`s or
/// `userPrincipalName`s, one or more a line; a saved message (`.eml`, or text that starts with
/// mail headers: its `To`, `Cc`, `Bcc` and `Resent-` fields); or an Outlook `.msg` file (its
/// recipient table). Blank lines and `#` comments are ignored in a plain list.
public enum RecipientList {
    /// Reads a recipients file.
    /// - Throws: ``RoleCallError`` naming the file (and line and column): unreadable, not UTF-8,
    ///   empty, an unparsable address, a damaged `.msg`.
    public static func load(path: String) throws(RoleCallError) -> [Recipient] {
        try parse(try ListFile.contents(path: path, kind: .recipients), source: path)
    }

    /// Reads recipients from a file's bytes; `source` names it in errors.
    /// - Throws: ``RoleCallError`` naming the line and column of what cannot be read, or
    ///   ``RoleCallError/Problem-swift.enum/emptyList(_:path:)`` when it names no one.
    public static func parse(_ bytes: [UInt8], source: String) throws(RoleCallError) -> [Recipient] {
        let recipients: [Recipient]
        if OutlookMessage.isCompoundFile(bytes) {
            recipients = try OutlookMessage.recipients(bytes, source: source)
        } else {
            let lines = try TextLines.split(bytes, source: source, kind: .recipients)
            if source.lowercased().hasSuffix(".eml") || MailHeaders.startsWithHeaders(lines) {
                recipients = try MailHeaders.recipients(lines, source: source)
            } else {
                var found: [Recipient] = []
                for item in ListFile.items(lines) {
                    let column = (lines.first { $0.0 == item.line }?.1.prefix { $0.isWhitespace }.count ?? 0) + 1
                    found += try AddressList.recipients(in: item.text, line: item.line, column: column, source: source)
                }
                recipients = found
            }
        }
        guard !recipients.isEmpty else { throw RoleCallError(.emptyList(.recipients, path: source)) }
        return recipients
    }
}
