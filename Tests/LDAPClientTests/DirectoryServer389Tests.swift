import Foundation
import LDAPClient
import ServerFixtures
import Testing

/// The client against a real 389 Directory Server.
@Suite("LDAPConnection against 389 Directory Server", .serialized)
struct DirectoryServer389Tests {
    let server: DirectoryServer389

    init() throws { server = try DirectoryServer389.shared() }

    private func entries(pageSize: Int, attributes: [String] = ["cn"]) async throws -> [LDAPEntry] {
        let connection = try await LDAPConnection.connect(LDAPConfiguration(uris: [server.ldapURI], timeout: 30))
        var entries: [LDAPEntry] = []
        for try await entry in connection.search(
            base: server.base,
            attributes: attributes,
            pageSize: pageSize
        ) {
            entries.append(entry)
        }
        return entries
    }

    @Test("a paged search returns every entry once for page sizes 1, 7 and 500")
    func paging() async throws {
        let unpaged = Set(try await entries(pageSize: 0).map(\.dn))
        #expect(unpaged.count > 50)
        for size in [1, 7, 500] {
            let paged = try await entries(pageSize: size).map(\.dn)
            #expect(paged.count == unpaged.count, "page size \(size)")
            #expect(Set(paged) == unpaged, "page size \(size)")
        }
    }

    /// A search given a time limit is closed by 389 DS (T2) once a reader lingers past it between
    /// pages; the client's timeout bounds its own wait and must never reach the server.
    @Test("a reader pausing longer than the timeout between pages is not cut off")
    func slowReader() async throws {
        let connection = try await LDAPConnection.connect(LDAPConfiguration(uris: [server.ldapURI], timeout: 1))
        var count = 0
        for try await _ in connection.search(base: server.base, attributes: ["cn"], pageSize: 5) {
            count += 1
            if count == 1 { try await Task.sleep(for: .seconds(3)) }
        }
        #expect(count > 50)
    }

    @Test("nsAccountLock comes back only when named, in the case the client asked for")
    func operationalAttributes() async throws {
        let plain = try await entries(pageSize: 0, attributes: ["*"])
        #expect(!plain.contains { $0.attributes.keys.contains { $0.lowercased() == "nsaccountlock" } })
        let named = try await entries(pageSize: 0, attributes: ["NSACCOUNTLOCK"])
        #expect(named.contains { $0.attributes["NSACCOUNTLOCK"] == [Array("true".utf8)] })
    }
}
