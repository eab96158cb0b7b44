/// Which entries of merged sources are one person: those with the same mail address (compared
/// ignoring case), each from a different source. Never by name; entries of a single source, or
/// two entries of one source sharing an address, stay apart.
enum SamePerson {
    /// Groups items, given in source order, into people, each group in the order given.
    /// - Parameters:
    ///   - items: Entries (or holders) in the order their sources were read.
    ///   - mail: An item's mail address.
    ///   - source: An item's source label; nil when sources are not merged.
    /// - Returns: One group per person, in the order of each group's first item.
    static func group<Item>(
        _ items: [Item],
        mail: (Item) -> String?,
        source: (Item) -> String?
    ) -> [[Item]] {
        var groups: [[Item]] = []
        var groupOfMail: [String: Int] = [:]
        var sourcesOfMail: [String: Set<String>] = [:]
        var shared: Set<String> = []
        // First pass: which addresses some source holds twice (those entries stay apart).
        for item in items {
            // The source first: a single source's items need no lower-cased address.
            guard let label = source(item), let address = mail(item)?.lowercased() else { continue }
            if !sourcesOfMail[address, default: []].insert(label).inserted { shared.insert(address) }
        }
        for item in items {
            guard source(item) != nil, let address = mail(item)?.lowercased(), !shared.contains(address) else {
                groups.append([item])
                continue
            }
            if let index = groupOfMail[address] {
                groups[index].append(item)
            } else {
                groupOfMail[address] = groups.count
                groups.append([item])
            }
        }
        return groups
    }
}
