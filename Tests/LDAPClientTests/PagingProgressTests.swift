import Testing

@testable import LDAPClient

@Suite("PagingProgress")
struct PagingProgressTests {
    private static func page(_ range: Range<Int>) -> [String] { range.map { "uid=u\($0),dc=x" } }

    @Test("a server that sends the same cookie on every page (389 DS, Active Directory) is read to the end")
    func constantCookie() throws {
        var progress = PagingProgress()
        for start in stride(from: 0, to: 70, by: 7) {
            #expect(
                try progress.record(dns: Self.page(start..<start + 7), cookie: [0x30], uri: "ldap://x")
                    == .next(cookie: [0x30])
            )
        }
        #expect(try progress.record(dns: Self.page(70..<73), cookie: [], uri: "ldap://x") == .finished)
    }

    @Test("only an empty cookie ends the search, even after an empty page")
    func emptyCookieEnds() throws {
        var progress = PagingProgress()
        #expect(try progress.record(dns: [String](), cookie: [1], uri: "ldap://x") == .next(cookie: [1]))
        #expect(try progress.record(dns: [String](), cookie: [], uri: "ldap://x") == .finished)
    }

    @Test("a server that sends a page it already sent has looped")
    func repeatedPage() throws {
        var progress = PagingProgress()
        _ = try progress.record(dns: Self.page(0..<7), cookie: [0], uri: "ldap://x")
        _ = try progress.record(dns: Self.page(7..<14), cookie: [0], uri: "ldap://x")
        #expect(throws: LDAPError(.incompleteResult, .pageRepeated)) {
            try progress.record(dns: Self.page(0..<7), cookie: [0], uri: "ldap://x")
        }
    }

    @Test("a long run of empty pages with a cookie has looped; a shorter one has not")
    func emptyPages() throws {
        var progress = PagingProgress()
        for _ in 0..<PagingProgress.maximumEmptyPagesInARow {
            _ = try progress.record(dns: [String](), cookie: [9], uri: "ldap://x")
        }
        // An entry resets the run.
        _ = try progress.record(dns: Self.page(0..<1), cookie: [9], uri: "ldap://x")
        for _ in 0..<PagingProgress.maximumEmptyPagesInARow {
            _ = try progress.record(dns: [String](), cookie: [9], uri: "ldap://x")
        }
        #expect(throws: LDAPError(.incompleteResult, .pageRepeated)) {
            try progress.record(dns: [String](), cookie: [9], uri: "ldap://x")
        }
    }
}
