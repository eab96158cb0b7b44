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
                    throw LDAPError(.cancelled, .cancelled, uri: search.connection.uri)
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
            let result = page.resultCode
            let code: LDAPError.Code
            switch result {
            case .success: return
            case .timeLimitExceeded, .timeout: code = .timeout
            case .noSuchObject: code = .noSuchObject
            case .insufficientAccess, .unwillingToPerform, .confidentialityRequired: code = .refused
            case .serverDown, .connectError: code = .unreachable
            default: code = .incompleteResult  // size or admin limit, referral, any other error
            }
            throw LDAPError(
                code,
                .search(base: base),
                uri: uri,
                resultCode: result.rawValue,
                resultName: result.description,
                diagnostic: page.diagnostic
            )
        }
    }
}
