public import RoleCall

/// Title differences in words: "adds 'Deputy'", "1 typo: 'Statisitcs' for 'Statistics'".
public enum DifferenceWording {
    /// The whole reason a title is similar, clauses joined by "; "; typos and abbreviations are
    /// gathered into one clause each.
    public static func reason(_ differences: [TitleDifference]) -> String {
        var clauses: [String] = []
        var gathered: Set<TitleDifference.Kind> = []
        for difference in differences {
            switch difference.kind {
            case .typo, .abbreviation:
                guard gathered.insert(difference.kind).inserted else { continue }
                clauses.append(clause(differences.filter { $0.kind == difference.kind }))
            default:
                clauses.append(clause([difference]))
            }
        }
        return clauses.joined(separator: "; ")
    }

    /// One difference on its own ("adds 'Deputy'", "PS = Private Secretary").
    public static func detail(_ difference: TitleDifference) -> String {
        difference.kind == .abbreviation ? expansion(difference) : clause([difference])
    }

    private static func clause(_ differences: [TitleDifference]) -> String {
        guard let first = differences.first else { return "" }
        let words = quoted(first.words)
        let insteadOf = quoted(first.insteadOf)
        switch first.kind {
        case .modifierAdded: return "adds \(words)"
        case .modifierDropped: return "drops \(insteadOf)"
        case .modifierChanged: return "\(words) instead of \(insteadOf)"
        case .qualifierAdded: return "adds qualifier \(words)"
        case .qualifierDropped: return "drops qualifier \(insteadOf)"
        case .qualifierChanged: return "qualifier \(words) instead of \(insteadOf)"
        case .subjectChanged: return "subject \(words) for \(insteadOf)"
        case .spelling: return "British/American spelling \(words)"
        case .wordOrder: return "same words in a different order"
        case .smallWords: return "differs only in small words such as 'of' or 'for'"
        case .abbreviation: return "abbreviation " + differences.map(expansion).joined(separator: ", ")
        case .typo:
            let count = differences.map(\.edits).reduce(0, +)
            let pairs = differences.map { "\(quoted($0.words)) for \(quoted($0.insteadOf))" }.joined(separator: ", ")
            return count == 1 ? "1 typo: \(pairs)" : "\(count) typos: \(pairs)"
        }
    }

    private static func expansion(_ difference: TitleDifference) -> String {
        "\(difference.words.joined(separator: " ")) = \(difference.insteadOf.joined(separator: " "))"
    }

    private static func quoted(_ words: [String]) -> String { words.map { "'\($0)'" }.joined(separator: ", ") }
}
