/// The vocabulary's subjects of named posts and office nouns in the form titles are compared in:
/// folded, split at hyphens, British spellings mapped, small words left out ("Defence" is found
/// as "defense", "Isle of Wight" as "isle wight", "Dyfed-Powys" as "dyfed powys").
struct SubjectTable: Sendable {
    private let classes: [String: Set<String>]
    /// Every word of every subject ("greater" and "manchester" of "greater manchester").
    private let words: Set<String>
    /// Nouns that name an office.
    let postNouns: Set<String>

    init(vocabulary: TitleVocabulary) {
        func compared(_ text: String) -> [String] {
            NormalizedTitle(text).words.map(SpellingVariants.canonical).filter { !vocabulary.stopWords.contains($0) }
        }
        var classes: [String: Set<String>] = [:]
        for (subject, subjectClasses) in vocabulary.subjects {
            let key = compared(subject).joined(separator: " ")
            if !key.isEmpty { classes[key, default: []].formUnion(subjectClasses) }
        }
        self.classes = classes
        words = Set(classes.keys.flatMap { $0.split(separator: " ").map(String.init) })
        postNouns = Set(vocabulary.postNouns.flatMap(compared))
    }

    /// The classes of a subject (content words joined by one space): the table's, or "number" for
    /// a numeral ("Key Stage 2" / "Key Stage 4").
    func classes(of subject: String) -> Set<String> {
        if let found = classes[subject] { return found }
        let isNumeral =
            !subject.isEmpty && subject.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        return isNumeral ? ["number"] : []
    }

    /// Whether a word is, or is part of, a subject (or a numeral).
    func isSubjectWord(_ word: String) -> Bool { words.contains(word) || !classes(of: word).isEmpty }

    /// The classes of every subject in content words, single or a run of up to three.
    func classes(in content: [String]) -> Set<String> {
        var found: Set<String> = []
        // A run is looked up only while each of its words belongs to some subject: most titles
        // have none, and cost a set lookup a word.
        for start in content.indices where isSubjectWord(content[start]) {
            var run = content[start]
            found.formUnion(classes(of: run))
            for next in (start + 1)..<min(start + 3, content.count) {
                guard isSubjectWord(content[next]) else { break }
                run += " " + content[next]
                found.formUnion(classes(of: run))
            }
        }
        return found
    }
}
