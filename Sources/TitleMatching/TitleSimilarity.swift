/// Why and how much a title could be mistaken for another.
///
/// The facts only: what differs and how easily people confuse it. Wording the differences for
/// people ("adds 'Deputy'") is the presentation layer's job.
public struct TitleSimilarity: Sendable, Hashable {
    /// What kind of difference separates the two roles.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A rank or modifier word added, dropped or swapped ("Deputy").
        case modifier
        /// A qualifier added, dropped or changed ("(Navy)", ", NHS England").
        case qualifier
        /// The subject of a named post changed ("… for Health" / "… for Education").
        case subject
        /// An abbreviation stands for the words in the other title ("PS" = "Private Secretary").
        case abbreviation
        /// One or two typing errors.
        case typo
        /// The same words in another order.
        case order
        /// British versus American spelling.
        case spelling
        /// Only small words such as "of" or "for" differ.
        case smallWords
    }

    /// The main kind of difference.
    public var kind: Kind
    /// How easily the titles are confused, 0…1 (higher ranks first).
    public var score: Double
    /// Every difference found, in the order people should read them; never empty.
    public var differences: [TitleDifference]

    /// Creates a similarity.
    public init(kind: Kind, score: Double, differences: [TitleDifference]) {
        self.kind = kind
        self.score = score
        self.differences = differences
    }
}
