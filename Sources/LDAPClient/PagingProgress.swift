/// Decides, page by page, whether a paged search (RFC 2696) goes on, is complete, or has looped.
///
/// The cookie is opaque to the client: a server may send the same value on every page (389
/// Directory Server sends its per-connection slot number, often `0`; Active Directory a constant
/// handle), so only an *empty* cookie ends a search and a repeated cookie proves nothing. A loop is
/// judged by what really repeats: a page whose entries are exactly those of an earlier page, or a
/// long run of pages that bring no entries at all. A result code, never the cookie, ends a search
/// early (a server may keep sending a cookie after `sizeLimitExceeded`); the caller checks the code
/// before asking this type.
struct PagingProgress {
    /// How many pages in a row may bring no entries before the search counts as looping. Servers
    /// may return an empty page while they scan entries the filter rejects, so one is not enough.
    static let maximumEmptyPagesInARow = 100

    /// What to do after a page.
    enum Step: Equatable {
        /// Ask for the next page with this cookie.
        case next(cookie: [UInt8])
        /// The search is complete.
        case finished
    }

    /// One value per non-empty page seen: a hash of its entries' DNs in order. At 500 entries a
    /// page, a million-entry search keeps 2,000 of them.
    private var pageFingerprints: Set<Int> = []
    private var emptyPagesInARow = 0

    /// Records a page and says what comes next.
    /// - Parameters:
    ///   - dns: The DNs of the page's entries, in the order received.
    ///   - cookie: The page's paged-results cookie (empty: the search is complete).
    ///   - uri: The server, for the error message.
    /// - Returns: Whether to ask for another page, and with which cookie.
    /// - Throws: ``LDAPError/Code/incompleteResult`` when the pages have started to repeat.
    mutating func record(dns: some Collection<String>, cookie: [UInt8], uri: String) throws(LDAPError) -> Step {
        guard !cookie.isEmpty else { return .finished }
        if dns.isEmpty {
            emptyPagesInARow += 1
            guard emptyPagesInARow <= Self.maximumEmptyPagesInARow else {
                throw LDAPError(.incompleteResult, .emptyPages(emptyPagesInARow), uri: uri)
            }
            return .next(cookie: cookie)
        }
        emptyPagesInARow = 0
        var hasher = Hasher()
        hasher.combine(dns.count)
        for dn in dns { hasher.combine(dn) }
        guard pageFingerprints.insert(hasher.finalize()).inserted else {
            throw LDAPError(.incompleteResult, .pageRepeated, uri: uri)
        }
        return .next(cookie: cookie)
    }
}
