/// Initial mutations of Welsh, Scottish Gaelic and Irish: a modifier changes the first letters of
/// the word after it (Welsh "Cyfarwyddwr" → "Dirprwy Gyfarwyddwr", Gaelic "Ministear" → "Prìomh
/// Mhinistear"). Two words that are one word under mutation are not a typo.
enum InitialMutation {
    /// Mutated initials and the radical initials they can come from (from `Vocabularies/mutations.tsv`),
    /// in a fixed order.
    private static let rules: [(mutated: String, radical: String)] = {
        var rules: Set<[String]> = []
        for line in TitleVocabulary.mutationLines.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4, fields[2] != fields[3] else { continue }
            rules.insert([fields[3], fields[2]])
        }
        return rules.map { ($0[0], $0[1]) }.sorted { ($0.mutated, $0.radical) < ($1.mutated, $1.radical) }
    }()

    /// The forms `word` could have before mutation, itself included.
    static func radicals(of word: String) -> Set<String> {
        var forms: Set<String> = [word]
        for rule in rules where word.hasPrefix(rule.mutated) && word.count > rule.mutated.count + 2 {
            forms.insert(rule.radical + word.dropFirst(rule.mutated.count))
        }
        return forms
    }

    /// Whether two different words are the same word, one (or both) mutated.
    static func same(_ a: String, _ b: String) -> Bool {
        guard a != b, a.count >= 3, b.count >= 3 else { return false }
        return !radicals(of: a).isDisjoint(with: radicals(of: b))
    }
}
