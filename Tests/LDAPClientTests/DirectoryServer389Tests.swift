import CLDAP
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
    /// pages; neither the client's timeout nor ldap.conf's `TIMELIMIT` (libldap's default time limit
    /// for new handles, set here as ldap.conf would) may reach the server.
    @Test(
        "a reader pausing longer than the timeout or ldap.conf's TIMELIMIT between pages is not cut off",
        arguments: [false, true]
    )
    func slowReader(defaultTimeLimit: Bool) async throws {
        var previous: Int32 = 0
        ldap_get_option(nil, LDAP_OPT_TIMELIMIT, &previous)
        if defaultTimeLimit {
            var seconds: Int32 = 1
            #expect(ldap_set_option(nil, LDAP_OPT_TIMELIMIT, &seconds) == LDAP_OPT_SUCCESS)
        }
        defer { ldap_set_option(nil, LDAP_OPT_TIMELIMIT, &previous) }
        let configuration = LDAPConfiguration(
            uris: [server.ldapURI],
            timeout: defaultTimeLimit ? LDAPConfiguration.defaultTimeout : 1
        )
        let connection = try await LDAPConnection.connect(configuration)
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
