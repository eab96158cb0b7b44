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
