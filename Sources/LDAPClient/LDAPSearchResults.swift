/// The entries of a search, fetched page by page as they are consumed.
///
/// Only one page is held in memory. A search that ends early for any reason — size or time limit,
/// referral, server error, lost connection, pages that start to repeat — throws; it never just
/// stops. Search continuation references are skipped. The paged-results cookie is opaque: only an
/// empty one ends the search (see ``PagingProgress``).
public struct LDAPSearchResults: AsyncSequence, Sendable {
    public typealias Element = LDAPEntry

    let connection: LDAPConnection
    let base: String
    let scope: LDAPScope
    let filter: String
    let attributes: [String]
    let pageSize: Int

    public func makeAsyncIterator() -> Iterator { Iterator(search: self) }

    /// Walks the pages of one search.
    public struct Iterator: AsyncIteratorProtocol {
        let search: LDAPSearchResults
        var entries: [LDAPEntry] = []
        var position = 0
        var cookie: [UInt8] = []
        var progress = PagingProgress()
        var finished = false
        /// The next page, requested while the caller works through the current one (two pages in memory at most).
        var pending: Task<LDAPSearchPage, Never>?

        init(search: LDAPSearchResults) { self.search = search }

        public mutating func next() async throws(LDAPError) -> LDAPEntry? {
            while position == entries.count {
                guard !finished else { return nil }
                guard !Task.isCancelled else {
                    // The page already asked for is dropped; no more are requested.
                    pending?.cancel()
                    pending = nil
                    finished = true
                    throw LDAPError(.cancelled, "the search was cancelled")
                }
                try await fetchPage()
            }
            defer { position += 1 }
            return entries[position]
        }

        private mutating func fetchPage() async throws(LDAPError) {
            let search = search
            let page: LDAPSearchPage
            if let pending {
                page = await pending.value
                self.pending = nil
            } else {
                page = await search.connection.page(
                    base: search.base,
                    scope: search.scope,
                    filter: search.filter,
                    attributes: search.attributes,
                    pageSize: search.pageSize,
                    cookie: cookie
                )
            }
            try Self.check(page, uri: search.connection.uri, base: search.base)
            entries = page.entries
            position = 0
            guard search.pageSize > 0,
                case .next(let next) = try progress.record(
                    dns: page.entries.lazy.map(\.dn),
                    cookie: page.cookie,
                    uri: search.connection.uri
                )
            else {
                finished = true
                return
            }
            cookie = next
            pending = Task {
                await search.connection.page(
                    base: search.base,
                    scope: search.scope,
                    filter: search.filter,
                    attributes: search.attributes,
                    pageSize: search.pageSize,
                    cookie: next
                )
            }
        }

        /// Turns a page's result into an error unless the server says the page is complete and correct.
        static func check(_ page: LDAPSearchPage, uri: String, base: String) throws(LDAPError) {
            let diagnostic = page.diagnostic.map { " (\($0))" } ?? ""
            let code = page.resultCode
            switch code {
            case .success:
                return
            case .sizeLimitExceeded, .adminLimitExceeded:
                throw LDAPError(
                    .incompleteResult,
                    "\(uri) stopped the search at its size limit\(diagnostic)",
                    resultCode: code.rawValue
                )
            case .timeLimitExceeded, .timeout:
                throw LDAPError(
                    .timeout,
                    "\(uri) did not finish the search in time\(diagnostic)",
                    resultCode: code.rawValue
                )
            case .referral, .partialResults:
                throw LDAPError(
                    .incompleteResult,
                    "\(uri) referred the search elsewhere instead of answering\(diagnostic)",
                    resultCode: code.rawValue
                )
            case .noSuchObject:
                throw LDAPError(
                    .noSuchObject,
                    "\(base) does not exist on \(uri)\(diagnostic)",
                    resultCode: code.rawValue
                )
            case .insufficientAccess, .unwillingToPerform, .confidentialityRequired:
                throw LDAPError(
                    .refused,
                    "\(uri) refused the search: \(code)\(diagnostic)",
                    resultCode: code.rawValue
                )
            case .serverDown, .connectError:
                throw LDAPError(
                    .unreachable,
                    "lost the connection to \(uri) during the search\(diagnostic)",
                    resultCode: code.rawValue
                )
            default:
                throw LDAPError(
                    .incompleteResult,
                    "\(uri) ended the search with an error: \(code)\(diagnostic)",
                    resultCode: code.rawValue
                )
            }
        }
    }
}
