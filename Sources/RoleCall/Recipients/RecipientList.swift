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
            // A message's body is never read, so it need not be UTF-8 or short-lined.
            let headers = try TextLines.split(
                headerBlock(bytes),
                source: source,
                kind: .recipients,
                longestLine: TextLines.longestPastedLine
            )
            if source.lowercased().hasSuffix(".eml") || MailHeaders.isHeaderBlock(headers) {
                recipients = try MailHeaders.recipients(headers, source: source)
            } else {
                let lines = try TextLines.split(
                    bytes,
                    source: source,
                    kind: .recipients,
                    longestLine: TextLines.longestPastedLine
                )
                var found: [Recipient] = []
                for item in ListFile.items(lines) {
                    // Lines are numbered from 1 with none left out: a line's text is at number − 1.
                    let column = lines[item.line - 1].1.prefix { $0.isWhitespace }.count + 1
                    found += try AddressList.recipients(in: item.text, line: item.line, column: column, source: source)
                }
                recipients = found
            }
        }
        guard !recipients.isEmpty else { throw RoleCallError(.emptyList(.recipients, path: source)) }
        return recipients
    }

    /// The bytes up to the first blank line (a message's header block), or all of them.
    private static func headerBlock(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        var lineStart = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            let line = bytes[lineStart..<index]
            if line.isEmpty || line == [UInt8(ascii: "\r")] { return bytes[..<lineStart] }
            lineStart = index + 1
        }
        return bytes[...]
    }
}
