import Directory
import Foundation
import LDAPClient
import ServerFixtures
import Testing

/// The client against a real Samba Active Directory domain controller.
@Suite("LDAPConnection against Samba Active Directory", .serialized)
struct ActiveDirectoryTests {
    let dc: SambaDC

    init() throws { dc = try SambaDC.shared() }

    private func connect(_ uri: String? = nil, startTLS: Bool = false) async throws -> LDAPConnection {
        try await LDAPConnection.connect(
            LDAPConfiguration(
                uris: [uri ?? dc.ldapsURI],
                bindDN: dc.serviceUPN,
                password: .init(dc.servicePassword),
                startTLS: startTLS,
                caFile: dc.caFile,
                timeout: 30
            )
        )
    }

    private func dns(_ connection: LDAPConnection, pageSize: Int) async throws -> [String] {
        var dns: [String] = []
        // From the domain root: AD adds a continuation reference to its configuration partition.
        for try await entry in connection.search(
            base: dc.base,
            filter: .equal("objectClass", "user"),
            attributes: ["cn", "objectGUID"],
            pageSize: pageSize
        ) {
            dns.append(entry.dn)
        }
        return dns
    }

    @Test("a paged search returns every entry once for page sizes 1, 7 and 500; references are skipped")
    func paging() async throws {
        let connection = try await connect()
        let unpaged = try await dns(connection, pageSize: 0)
        #expect(unpaged.count > 50)
        for size in [1, 7, 500] {
            let paged = try await dns(connection, pageSize: size)
            #expect(paged.count == unpaged.count, "page size \(size)")
            #expect(Set(paged) == Set(unpaged), "page size \(size)")
        }
    }

    @Test("objectGUID and objectSid come back as the bytes AD stores")
    func binaryValues() async throws {
        let connection = try await connect(dc.ldapURI, startTLS: true)
        var seen = 0
        for try await entry in connection.search(
            base: dc.serviceDN,
            scope: .base,
            attributes: ["objectGUID", "objectSid"],
            pageSize: 0
        ) {
            #expect(entry.attributes["objectGUID"]?.first?.count == 16)
            // S-1-5-21-a-b-c-rid: revision 1, five sub-authorities.
            #expect(entry.attributes["objectSid"]?.first?.prefix(2) == [1, 5])
            seen += 1
        }
        #expect(seen == 1)
    }

    @Test("a simple bind without TLS is refused by the domain, with a typed error")
    func cleartextRefused() async throws {
        await #expect(throws: LDAPError(.refused, .bind)) { _ = try await connect(dc.ldapURI) }
    }

    /// GSSAPI over plain LDAP (Kerberos signs and seals it) to `localhost`, whose `ldap/` name the
    /// DC carries. The Kerberos configuration comes from the DC fixture.
    private func kerberos(_ host: String = "localhost", principal: String? = nil) -> LDAPConfiguration {
        setenv("KRB5_CONFIG", dc.kerberosConfiguration, 1)
        return LDAPConfiguration(
            uris: [dc.ldapURI.replacingOccurrences(of: "127.0.0.1", with: host)],
            timeout: 30,
            sasl: SASLBind(mechanism: .gssapi, keytab: dc.keytab, principal: principal ?? dc.servicePrincipal)
        )
    }

    @Test("a GSSAPI bind with a keytab reads the domain")
    func gssapiWithKeytab() async throws {
        let connection = try await LDAPConnection.connect(kerberos())
        #expect(try await dns(connection, pageSize: 7).count > 50)
    }

    @Test("Kerberos failures are typed: no ldap/ name for the host, a principal the keytab lacks or the KDC")
    func kerberosFailures() async throws {
        var deleted = kerberos(principal: "ghost@DDA.EXAMPLE")
        deleted.sasl?.keytab = dc.deletedAccountKeytab
        await #expect(throws: LDAPError(.kerberosPrincipalUnknown, .kerberos(.getTicket, subject: nil))) {
            _ = try await LDAPConnection.connect(deleted)
        }
        await #expect(throws: LDAPError(.kerberosServiceUnknown, .kerberos(.getServiceTicket, subject: nil))) {
            _ = try await LDAPConnection.connect(kerberos("127.0.0.1"))
        }
        await #expect(throws: LDAPError(.kerberosCredentialsUnavailable, .kerberos(.findTicket, subject: nil))) {
            _ = try await LDAPConnection.connect(kerberos(principal: "someone-else@DDA.EXAMPLE"))
        }
    }
}
