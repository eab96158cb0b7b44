/// The words that shape how titles compare. Shipped as data; ``TitleMatcher`` takes your own.
public struct TitleVocabulary: Sendable, Hashable {
    /// Rank and modifier words: they make titles similar, never equal ("Deputy", "Acting",
    /// Welsh "Dirprwy", Gaelic "Leas"). A modifier of two words is written with one space ("dros dro").
    public var modifiers: Set<String>
    /// Modifiers that may be written solid with the word they modify (Irish "Príomh" in
    /// "Príomhoifigeach"): such a word is read as the modifier and the rest.
    public var modifierPrefixes: Set<String>
    /// Small words ignored when comparing word sets ("of", "the").
    public var stopWords: Set<String>
    /// Role nouns that say little on their own ("Head", "Director", "Officer"): titles that share
    /// only these never count as similar.
    public var genericWords: Set<String>
    /// Prepositions that introduce the subject of a named post ("Minister for X", "PS to the X").
    public var subjectPrepositions: Set<String>
    /// Subjects of named posts and their classes ("wales" → place, "railways" → transport and
    /// inspected; several words joined by one space, "greater manchester"): two titles that differ
    /// only in one subject of a shared class are different posts that look alike.
    public var subjects: [String: Set<String>]
    /// Nouns that name an office ("minister", "inspector", "sheriff"): a title built on one is a
    /// named post, and two such titles that differ only in a subject of one class are similar.
    public var postNouns: Set<String>
    /// Abbreviations that are not plain initials, lower-case, mapped to their expansions
    /// ("spad" → "special adviser", "2nd" → "second"). Initialisms (PS, SoS, DfE, R&D) are
    /// recognised without a table.
    public var abbreviations: [String: String]

    /// Creates a vocabulary.
    public init(
        modifiers: Set<String>,
        stopWords: Set<String>,
        genericWords: Set<String>,
        subjectPrepositions: Set<String>,
        abbreviations: [String: String],
        modifierPrefixes: Set<String> = [],
        subjects: [String: Set<String>] = [:],
        postNouns: Set<String> = []
    ) {
        self.modifiers = modifiers
        self.modifierPrefixes = modifierPrefixes
        self.genericWords = genericWords
        self.stopWords = stopWords
        self.subjectPrepositions = subjectPrepositions
        self.subjects = subjects
        self.postNouns = postNouns
        self.abbreviations = abbreviations
    }

    /// UK public-sector role titles, with modifiers in English, Welsh, Scottish Gaelic, Irish and Scots.
    public static let standard = TitleVocabulary(
        modifiers: Set([
            "deputy", "assistant", "acting", "interim", "principal", "senior", "chief", "associate", "lead", "general",
            "under", "vice", "second", "first", "junior", "parliamentary", "temporary", "joint",
        ]).union(OtherLanguageModifier.all.map(\.form)),
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
        ].merging(NumberWords.abbreviations) { table, _ in table },
        modifierPrefixes: Set(OtherLanguageModifier.all.filter { $0.placement == .prefix }.map(\.form)),
        subjects: subjectClasses,
        postNouns: Set(postNounLines.split(separator: "\n").map(String.init))
    )

    /// The generated subject lines as a table.
    private static let subjectClasses: [String: Set<String>] = {
        var table: [String: Set<String>] = [:]
        for line in subjectLines.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            if fields.count == 2 { table[String(fields[1]), default: []].insert(String(fields[0])) }
        }
        return table
    }()
}
