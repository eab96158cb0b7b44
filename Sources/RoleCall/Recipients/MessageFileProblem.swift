/// Why an Outlook message (`.msg`) yields no recipients.
public enum MessageFileProblem: Sendable, Hashable {
    /// The compound file's structure is damaged or cut short.
    case damaged
    /// The message has no recipient table.
    case noRecipients
    /// A recipient (its display name) has no SMTP address to look up.
    case recipientWithoutAddress(String)
}
