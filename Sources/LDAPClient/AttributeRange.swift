/// Active Directory's ranged attribute descriptions: `member;range=0-1499`, `member;range=1500-*`.
///
/// AD returns at most 1,500 (or 5,000) values of a multi-valued attribute at once and names the
/// slice it sent; the rest must be asked for by range.
struct AttributeRange: Hashable, Sendable {
    /// The attribute type without the range option (other options kept).
    var attribute: String
    /// The first value's index.
    var start: Int
    /// The last value's index, or nil for `*` (this slice is the last).
    var end: Int?

    /// Parses a description with a `;range=low-high` option; nil when there is none.
    init?(_ description: String) {
        var options = description.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        guard let index = options.firstIndex(where: { $0.lowercased().hasPrefix("range=") }) else { return nil }
        let bounds = options[index].dropFirst("range=".count).split(
            separator: "-",
            maxSplits: 1,
            omittingEmptySubsequences: false
        )
        guard bounds.count == 2, let start = Int(bounds[0]), start >= 0 else { return nil }
        if bounds[1] == "*" {
            end = nil
        } else {
            guard let end = Int(bounds[1]), end >= start else { return nil }
            self.end = end
        }
        self.start = start
        options.remove(at: index)
        attribute = options.joined(separator: ";")
    }

    /// The description asking for the values after this slice: `member;range=1500-*`.
    var next: String? { end.map { "\(attribute);range=\($0 + 1)-*" } }
}

extension LDAPEntry {
    /// Whether any attribute came back as a slice (`member;range=0-1499`), so more must be fetched.
    package var hasRangedAttributes: Bool {
        attributes.keys.contains { $0.utf8.contains(UInt8(ascii: ";")) && AttributeRange($0) != nil }
    }
}

extension LDAPConnection {
    /// Fetches the rest of every attribute the server returned in ranges, so the entry holds all values.
    /// - Parameter entry: An entry as returned by a search.
    /// - Throws: ``LDAPError`` when a later range cannot be read.
    /// - Returns: The entry with every value of every ranged attribute.
    package func completingRanges(of entry: LDAPEntry) async throws(LDAPError) -> LDAPEntry {
        var attributes: [String: [[UInt8]]] = [:]
        for (description, values) in entry.attributes {
            guard var range = AttributeRange(description) else {
                attributes[description, default: []] += values
                continue
            }
            var collected = values
            var requests = 0
            while let next = range.next {
                requests += 1
                guard requests < 10_000 else {
                    throw LDAPError(
                        .incompleteResult,
                        .rangeRetrieval(attribute: range.attribute, dn: entry.dn, endless: true),
                        uri: uri
                    )
                }
                let page = page(
                    base: entry.dn,
                    scope: .base,
                    filter: "(objectClass=*)",
                    attributes: [next],
                    pageSize: 0,
                    cookie: []
                )
                try LDAPSearchResults.Iterator.check(page, uri: uri, base: entry.dn)
                guard
                    let slice = page.entries.first?.attributes.first(where: {
                        AttributeRange($0.key)?.attribute == range.attribute
                    }),
                    let sliceRange = AttributeRange(slice.key), sliceRange.start == (range.end ?? 0) + 1
                else {
                    throw LDAPError(
                        .incompleteResult,
                        .rangeRetrieval(attribute: range.attribute, dn: entry.dn, endless: false),
                        uri: uri
                    )
                }
                collected += slice.value
                range = sliceRange
            }
            attributes[range.attribute, default: []] += collected
        }
        return LDAPEntry(dn: entry.dn, attributes: attributes)
    }
}
