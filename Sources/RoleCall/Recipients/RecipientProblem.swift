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
