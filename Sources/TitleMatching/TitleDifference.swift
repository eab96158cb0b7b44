/// One way a similar title differs from the title asked for, with the words concerned as each
/// title writes them.
public struct TitleDifference: Sendable, Hashable {
    /// What changed. New kinds may be added; switch with a `default`.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The similar title adds modifier words (``TitleDifference/words``: "Deputy").
        case modifierAdded
        /// The similar title lacks modifier words the asked-for title has (``TitleDifference/insteadOf``).
        case modifierDropped
        /// Other modifier words stand where the asked-for title has its own ("Interim" for "Acting").
        case modifierChanged
        /// The similar title adds a qualifier ("Navy" in "(Navy)").
        case qualifierAdded
        /// The similar title lacks a qualifier the asked-for title has.
        case qualifierDropped
        /// Another qualifier stands where the asked-for title has its own.
        case qualifierChanged
        /// The subject of a named post changed ("Health" for "Education").
        case subjectChanged
        /// A word misspelt by ``TitleDifference/edits`` typing errors.
        case typo
        /// The same words in British and American spelling (``TitleDifference/words``: the similar title's).
        case spelling
        /// An abbreviation (``TitleDifference/words``) stands for words of the other title (``TitleDifference/insteadOf``).
        case abbreviation
        /// The same words in a different order.
        case wordOrder
        /// Only small words such as "of" or "for" differ.
        case smallWords
    }

    /// What changed.
    public var kind: Kind
    /// The words concerned as the similar title writes them (for ``Kind-swift.enum/abbreviation``,
    /// the short form, from whichever title uses it).
    public var words: [String]
    /// What stands in their place in the asked-for title (for ``Kind-swift.enum/abbreviation``, what
    /// the short form stands for).
    public var insteadOf: [String]
    /// For ``Kind-swift.enum/typo``: how many typing errors the word has; otherwise 0.
    public var edits: Int

    /// Creates a difference.
    public init(_ kind: Kind, words: [String] = [], insteadOf: [String] = [], edits: Int = 0) {
        self.kind = kind
        self.words = words
        self.insteadOf = insteadOf
        self.edits = edits
    }
}
