/// Deterministic synthetic role titles: many distinct roles plus near misses of some of them.
struct GeneratedTitles {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    private mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }

    static let ranks = [
        "Head of", "Director of", "Deputy Director of", "Lead", "Manager,", "Chief", "Principal", "Senior",
        "Assistant Director of", "Officer,",
    ]
    static let functions = [
        "Statistics", "Analysis", "Finance", "Communications", "Policy", "Operations", "Procurement", "Audit",
        "Strategy",
        "Workforce Planning", "Data Science", "Economics", "Press", "Digital Services", "Estates", "Security",
        "Research",
        "Methodology", "Dissemination", "Governance", "Recruitment", "Pensions", "Pay", "Training", "Logistics",
        "Insight",
    ]
    static let areas = [
        "Defence", "Health", "Education", "Schools", "Hospitals", "Navy", "Army", "Air Force", "Prisons", "Transport",
        "Housing", "Energy", "Agriculture", "Fisheries", "Trade", "Justice", "Culture", "Tourism", "Borders",
        "Veterans",
        "Pupil Attainment", "Early Years", "Social Care", "Public Spending", "Inflation", "Labour Market", "Migration",
    ]
    static let qualifiers = [
        "North", "South", "Wales", "Scotland", "London", "Capital", "Reserves", "Overnight", "Phase 2", "Regional",
    ]

    /// A fresh role title.
    mutating func title() -> String {
        var title = "\(pick(Self.ranks)) \(pick(Self.functions)) \(pick(["for", "of", ""])) \(pick(Self.areas))"
        if chance(30) { title += " \(pick(Self.areas))" }
        if chance(35) { title += ", \(pick(Self.qualifiers))" }
        if chance(10) { title += " \(next() % 100)" }
        return title.split(separator: " ").joined(separator: " ")
    }

    /// A near miss of `title`: a modifier, a typo, a qualifier or a word swap.
    mutating func nearMiss(of title: String) -> String {
        var words = title.split(separator: " ").map(String.init)
        switch next() % 4 {
        case 0: return "\(pick(["Deputy", "Acting", "Interim", "Senior"])) \(title)"
        case 1:
            let index = Int(next() % UInt64(words.count))
            var letters = Array(words[index])
            if letters.count > 4 { letters.swapAt(1, 2) }
            words[index] = String(letters)
            return words.joined(separator: " ")
        case 2: return "\(title) (\(pick(Self.qualifiers)))"
        default: return words.reversed().joined(separator: " ")
        }
    }

    /// `count` distinct titles, a fifth of them near misses of others.
    static func make(count: Int, seed: UInt64 = 42) -> [String] {
        var generator = GeneratedTitles(seed: seed)
        var titles: [String] = []
        var seen: Set<String> = []
        while titles.count < count {
            let title =
                titles.count > 10 && generator.chance(20)
                ? generator.nearMiss(of: generator.pick(titles)) : generator.title()
            if seen.insert(title).inserted { titles.append(title) }
        }
        return titles
    }
}
