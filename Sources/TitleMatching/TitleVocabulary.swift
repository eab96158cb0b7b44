/// The words that shape how titles compare. Shipped as data; ``TitleMatcher`` takes your own.
public struct TitleVocabulary: Sendable, Hashable {
    /// Rank and modifier words: they make titles similar, never equal ("Deputy", "Acting").
    public var modifiers: Set<String>
    /// Small words ignored when comparing word sets ("of", "the").
    public var stopWords: Set<String>
    /// Role nouns that say little on their own ("Head", "Director", "Officer"): titles that share
    /// only these never count as similar.
    public var genericWords: Set<String>
    /// Prepositions that introduce the subject of a named post ("Minister for X", "PS to the X").
    public var subjectPrepositions: Set<String>
    /// Abbreviations that are not plain initials, lower-case, mapped to their expansions
    /// ("spad" → "special adviser"). Initialisms (PS, SoS, DfE) are recognised without a table.
    public var abbreviations: [String: String]

    /// Creates a vocabulary.
    public init(
        modifiers: Set<String>,
        stopWords: Set<String>,
        genericWords: Set<String>,
        subjectPrepositions: Set<String>,
        abbreviations: [String: String]
    ) {
        self.modifiers = modifiers
        self.genericWords = genericWords
        self.stopWords = stopWords
        self.subjectPrepositions = subjectPrepositions
        self.abbreviations = abbreviations
    }

    /// UK public-sector role titles.
    public static let standard = TitleVocabulary(
        modifiers: [
            "deputy", "assistant", "acting", "interim", "principal", "senior", "chief", "associate", "lead", "general",
            "under", "vice", "second", "first", "junior", "parliamentary", "temporary", "joint",
        ],
        stopWords: ["of", "for", "the", "to", "and", "in", "on", "at", "a", "an", "with"],
        genericWords: [
            "head", "director", "manager", "officer", "adviser", "advisor", "analyst", "statistician", "economist",
            "researcher", "scientist", "leader", "consultant", "specialist", "coordinator", "administrator", "team",
        ],
        subjectPrepositions: ["for", "to"],
        abbreviations: [
            "spad": "special adviser", "perm sec": "permanent secretary", "de and s": "defence equipment and support",
            "dept": "department", "govt": "government", "mgr": "manager", "asst": "assistant", "dep": "deputy",
            "snr": "senior", "hmt": "his majestys treasury", "hmrc": "his majestys revenue and customs",
            "no10": "number 10", "fco": "foreign commonwealth office",
            "fcdo": "foreign commonwealth and development office",
        ]
    )
}
