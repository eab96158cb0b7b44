/// A modifier word in one of the UK's other languages (Welsh, Scottish Gaelic, Irish, Scots), from
/// the vocabulary files in `Vocabularies/`.
struct OtherLanguageModifier: Sendable, Hashable {
    /// Where the modifier stands.
    enum Placement: String, Sendable {
        /// Before the noun: Welsh "Dirprwy Gyfarwyddwr".
        case before
        /// After it: Welsh "Cyfarwyddwr Cynorthwyol", Irish "Rúnaí Cúnta".
        case after
        /// Joined to it by a hyphen or written solid: Gaelic "Leas-Phrìomh", Irish "Príomhoifigeach".
        case prefix
    }

    /// ISO 639 code: cy, gd, ga, sco.
    var language: String
    /// The folded form (lower case, no diacritics); two words are joined by one space.
    var form: String
    /// The English modifier it renders ("deputy").
    var english: String
    var placement: Placement
    /// Whether it mutates the word after it (Welsh soft mutation, Gaelic and Irish lenition).
    var mutates: Bool

    /// Every modifier in the generated vocabulary.
    static let all: [OtherLanguageModifier] = TitleVocabulary.otherLanguageModifierLines.split(separator: "\n")
        .compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 5, let placement = Placement(rawValue: fields[3]), !fields[1].isEmpty else {
                return nil
            }
            return OtherLanguageModifier(
                language: fields[0],
                form: fields[1],
                english: fields[2],
                placement: placement,
                mutates: fields[4] != "none"
            )
        }

    /// The forms of the modifiers that mutate the word after them.
    static let mutating = Set(all.filter(\.mutates).map(\.form))
}
