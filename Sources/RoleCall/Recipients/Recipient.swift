/// A recipient as a distribution list names them: the text as written and what is looked up.
public struct Recipient: Sendable, Hashable {
    /// The recipient as written ("Smith, Ann <asmith@dda.example>"), RFC 2047 encoded names decoded.
    public var written: String
    /// What is looked up in the directory: a mail address, uid, account name or DN.
    public var address: String
    /// The line it is on (for a message, the header's first line; for an Outlook `.msg`, its row
    /// in the recipient table); 1-based, 0 when the recipient was not read from a file.
    public var line: Int
    /// The column it starts at, in characters; 1-based, 0 when not read from a file.
    public var column: Int

    /// Creates a recipient.
    public init(written: String, address: String, line: Int = 0, column: Int = 0) {
        self.written = written
        self.address = address
        self.line = line
        self.column = column
    }
}

/// Why a piece of a recipients file is not a recipient.
public enum RecipientProblem: String, Sendable, Hashable, CaseIterable {
    /// A name with no address ("Ann Smith").
    case nameWithoutAddress
    /// `<` with no `>`.
    case unclosedAngleBracket
    /// `"` with no closing `"`.
    case unclosedQuote
    /// `(` with no `)`.
    case unclosedComment
    /// Text after `<address>` ("Ann <a@x> b").
    case textAfterAddress
    /// `<>` or `mailto:` with nothing in it.
    case emptyAddress
    /// Something with `@` that is not one address ("a@b@c", "a @b").
    case notAnAddress
    /// A line in a message's header block that is neither a header field nor a continuation.
    case notAHeaderField
}

/// Why an Outlook message (`.msg`) yields no recipients.
public enum MessageFileProblem: Sendable, Hashable {
    /// The compound file's structure is damaged or cut short.
    case damaged
    /// The message has no recipient table.
    case noRecipients
    /// A recipient (its display name) has no SMTP address to look up.
    case recipientWithoutAddress(String)
}
