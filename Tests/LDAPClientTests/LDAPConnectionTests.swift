import Directory
import Foundation
import LDAPClient
import ServerFixtures
import Testing

/// The client against a real OpenLDAP slapd (see `Tests/ServerFixtures`).
@Suite("LDAPConnection against slapd", .serialized)
struct LDAPConnectionTests {
    let slapd: Slapd

    init() throws { slapd = try Slapd.shared() }

    private func configuration(
        _ uris: [String]? = nil,
        password: String? = nil,
        timeout: Double = 10
    ) -> LDAPConfiguration {
        LDAPConfiguration(
            uris: uris ?? [slapd.ldapURI],
            bindDN: password == nil ? nil : slapd.adminDN,
            password: password.map(LDAPConfiguration.Password.init),
            timeout: timeout
        )
    }

    private func count(
        _ connection: LDAPConnection,
        base: String,
        filter: SearchFilter = .present("objectClass"),
        pageSize: Int
    ) async throws
        -> Int
    {
        var count = 0
        for try await _ in connection.search(base: base, filter: filter, attributes: ["cn"], pageSize: pageSize) {
            count += 1
        }
        return count
    }

    @Test("an anonymous search reads the example directory")
    func anonymousSearch() async throws {
        let connection = try await LDAPConnection.connect(configuration())
        var titles: [String] = []
        for try await entry in connection.search(
            base: slapd.base,
            filter: .equal("uid", "asmith"),
            attributes: ["title", "cn"],
            pageSize: 10
        ) {
            titles += (entry.attributes["title"] ?? []).map { String(decoding: $0, as: UTF8.self) }
            #expect(entry.dn == "uid=asmith,ou=People,dc=dda,dc=example")
        }
        #expect(titles == ["Head of Defence Statistics"])
    }

    @Test("paging reads past the server's size limit; without paging the limit is an error")
    func paging() async throws {
        let connection = try await LDAPConnection.connect(configuration())
        let total = slapd.generatedCount
        #expect(total > slapd.sizeLimit)
        #expect(try await count(connection, base: slapd.bigBase, pageSize: 300) == total)
        await #expect(throws: LDAPError(.incompleteResult, .pageRepeated)) {
            _ = try await count(connection, base: slapd.bigBase, pageSize: 0)
        }
    }

    @Test("operational attributes come back when named, and values are bytes")
    func operationalAttributes() async throws {
        let connection = try await LDAPConnection.connect(configuration())
        var locked: [[UInt8]] = []
        for try await entry in connection.search(
            base: slapd.base,
            filter: .equal("uid", "fpatel"),
            attributes: ["pwdAccountLockedTime"],
            pageSize: 0
        ) {
            locked += entry.attributes["pwdAccountLockedTime"] ?? []
        }
        #expect(locked == [Array("000001010000Z".utf8)])
    }

    @Test(
        "filter injection through an escaped value finds nothing",
        arguments: ["*)(uid=*", "*", "x)(|(title=*", "nul\u{0}", "\\2a"]
    )
    func injection(value: String) async throws {
        let connection = try await LDAPConnection.connect(configuration())
        #expect(
            try await count(
                connection,
                base: slapd.base,
                filter: .equal("title", value),
                pageSize: 10
            ) == 0
        )
    }

    @Test("a simple bind with the right password works; a wrong one is refused clearly")
    func credentials() async throws {
        _ = try await LDAPConnection.connect(configuration(password: slapd.adminPassword))
        await #expect {
            _ = try await LDAPConnection.connect(configuration(password: "wrong"))
        } throws: { error in
            let error = error as? LDAPError
            return error?.code == .invalidCredentials && error?.resultCode == 49
        }
    }

    @Test("LDAPS and StartTLS with the right CA work")
    func tlsWithRightCA() async throws {
        let ldaps = LDAPConfiguration(uris: [slapd.ldapsURI], caFile: slapd.caFile, timeout: 10)
        #expect(
            try await count(
                try await LDAPConnection.connect(ldaps),
                base: slapd.base,
                filter: .equal("uid", "asmith"),
                pageSize: 0
            ) == 1
        )
        let startTLS = LDAPConfiguration(
            uris: [slapd.ldapURI.replacingOccurrences(of: "127.0.0.1", with: "localhost")],
            startTLS: true,
            caFile: slapd.caFile,
            timeout: 10
        )
        #expect(
            try await count(
                try await LDAPConnection.connect(startTLS),
                base: slapd.base,
                filter: .equal("uid", "asmith"),
                pageSize: 0
            ) == 1
        )
    }

    @Test("a certificate from another CA is refused with a hint", arguments: [false, true])
    func tlsWithWrongCA(startTLS: Bool) async throws {
        let uri = startTLS ? slapd.ldapURI.replacingOccurrences(of: "127.0.0.1", with: "localhost") : slapd.ldapsURI
        let configuration = LDAPConfiguration(uris: [uri], startTLS: startTLS, caFile: slapd.wrongCAFile, timeout: 10)
        await #expect {
            _ = try await LDAPConnection.connect(configuration)
        } throws: { error in
            let error = error as? LDAPError
            return error?.code == .tls
        }
    }

    @Test("a certificate for another host name is refused, even from the right CA")
    func wrongHost() async throws {
        let configuration = LDAPConfiguration(uris: [slapd.wrongHostURI], caFile: slapd.caFile, timeout: 10)
        await #expect {
            _ = try await LDAPConnection.connect(configuration)
        } throws: { error in
            (error as? LDAPError)?.code == .tls
        }
    }

    @Test("an expired server certificate is refused, even from the right CA")
    func expiredCertificate() async throws {
        let expired = try Slapd.start(generated: 10, expiredCertificate: true)
        defer { expired.kill() }
        let configuration = LDAPConfiguration(uris: [expired.ldapsURI], caFile: expired.caFile, timeout: 10)
        await #expect {
            _ = try await LDAPConnection.connect(configuration)
        } throws: { error in
            (error as? LDAPError)?.code == .tls
        }
    }

    @Test(
        "a password is never sent in cleartext to another host, even one named like a loopback address",
        arguments: [
            "ldap://directory.example.org/", "ldap://127.example.org/", "ldap://127.0.0.1.example.org",
            "ldap://localhost:389,ldap://dc1.example.org", "ldap://127.0.0.1 ldap://dc1.example.org",
        ]
    )
    func cleartextRefused(uri: String) async throws {
        let configuration = LDAPConfiguration(uris: [uri], bindDN: "cn=x", password: .init("secret"), timeout: 5)
        await #expect {
            _ = try await LDAPConnection.connect(configuration)
        } throws: { error in
            // Refused before any connection: as a cleartext bind, or as not one LDAP URI.
            guard let error = error as? LDAPError, error.code == .configuration else { return false }
            switch error.situation {
            case .cleartextPassword: return error.setting == .allowInsecure
            case .invalidURI: return uri.contains(",") || uri.contains(" ")
            default: return false
            }
        }
    }

    @Test("the first URI down, the second is used")
    func failover() async throws {
        let down = "ldap://127.0.0.1:\(try Slapd.freePort())/"
        let connection = try await LDAPConnection.connect(configuration([down, slapd.ldapURI]))
        #expect(connection.uri == slapd.ldapURI)
        await #expect(throws: LDAPError(.unreachable, .bind)) {
            _ = try await LDAPConnection.connect(configuration([down]))
        }
    }

    // The time limit only catches a hang (a client that never gives up); the timeout error shows
    // that the configured timeout ended the wait.
    @Test("a server that accepts and never answers ends in a timeout error", .timeLimit(.minutes(3)))
    func silentServer() async throws {
        let listener = try SilentListener()
        defer { listener.close() }
        await #expect(throws: LDAPError(.timeout, .bind)) {
            _ = try await LDAPConnection.connect(configuration(["ldap://127.0.0.1:\(listener.port)/"], timeout: 1))
        }
    }

    @Test("a server killed during a paged search is an error, not a short result")
    func serverKilled() async throws {
        let doomed = try Slapd.start(generated: 3_000)
        let connection = try await LDAPConnection.connect(LDAPConfiguration(uris: [doomed.ldapURI], timeout: 5))
        var seen = 0
        await #expect {
            for try await _ in connection.search(
                base: doomed.bigBase,
                attributes: ["cn"],
                pageSize: 100
            ) {
                seen += 1
                if seen == 150 { doomed.kill() }
            }
        } throws: { error in
            (error as? LDAPError)?.code == .unreachable
        }
        #expect(seen >= 150 && seen < 3_000)
    }

    @Test("a base that does not exist says so")
    func missingBase() async throws {
        let connection = try await LDAPConnection.connect(configuration())
        await #expect {
            _ = try await count(connection, base: "dc=nowhere,dc=example", pageSize: 10)
        } throws: { error in
            let error = error as? LDAPError
            return error?.code == .noSuchObject && error?.resultCode == 32
        }
    }

    @Test("an entry is read by its DN; a DN that names no entry is nil, not an error")
    func entryByDN() async throws {
        let connection = try await LDAPConnection.connect(configuration())
        let entry = try await connection.entry(at: "UID=asmith, ou=People,dc=dda,dc=example", attributes: ["mail"])
        #expect(entry?.attributes["mail"] == [Array("asmith@dda.example".utf8)])
        #expect(try await connection.entry(at: "uid=nobody,ou=People,dc=dda,dc=example", attributes: ["mail"]) == nil)
        #expect(try await connection.entry(at: "uid=x,ou=Nowhere,dc=dda,dc=example", attributes: ["mail"]) == nil)
    }

    @Test("SASL EXTERNAL over ldapi:// binds as the local user's mapped identity and reads what anonymous cannot")
    func externalOverLDAPI() async throws {
        let external = LDAPConfiguration(uris: [slapd.ldapiURI], timeout: 10, sasl: SASLBind(mechanism: .external))
        let bound = try await LDAPConnection.connect(external)
        #expect(try await count(bound, base: slapd.privateBase, pageSize: 7) > 20)
        let anonymous = try await LDAPConnection.connect(LDAPConfiguration(uris: [slapd.ldapiURI], timeout: 10))
        await #expect(throws: LDAPError(.noSuchObject, .search(base: ""))) {
            _ = try await count(anonymous, base: slapd.privateBase, pageSize: 7)
        }
    }

    @Test("SASL EXTERNAL over TLS binds as the client certificate's identity")
    func externalWithClientCertificate() async throws {
        let configuration = LDAPConfiguration(
            uris: [slapd.ldapsURI],
            caFile: slapd.caFile,
            timeout: 10,
            sasl: SASLBind(mechanism: .external),
            clientCertificateFile: slapd.clientCertificateFile,
            clientKeyFile: slapd.clientKeyFile
        )
        let connection = try await LDAPConnection.connect(configuration)
        #expect(try await count(connection, base: slapd.privateBase, pageSize: 0) > 20)
    }

    @Test("SASL EXTERNAL without an identity, an unknown mechanism, a certificate without its key: typed errors")
    func saslFailures() async throws {
        // Plain TCP carries no identity: the server does not offer EXTERNAL there.
        await #expect(throws: LDAPError(.saslMechanismUnavailable, .saslBind(mechanism: ""))) {
            _ = try await LDAPConnection.connect(
                LDAPConfiguration(uris: [slapd.ldapURI], timeout: 10, sasl: SASLBind(mechanism: .external))
            )
        }
        await #expect(throws: LDAPError(.saslMechanismUnavailable, .saslBind(mechanism: ""))) {
            _ = try await LDAPConnection.connect(
                LDAPConfiguration(
                    uris: [slapd.ldapiURI],
                    timeout: 10,
                    sasl: SASLBind(mechanism: .init(rawValue: "NO-SUCH-MECH"))
                )
            )
        }
        await #expect(throws: LDAPError(.configuration, .noServer)) {
            _ = try await LDAPConnection.connect(
                LDAPConfiguration(
                    uris: [slapd.ldapsURI],
                    caFile: slapd.caFile,
                    clientCertificateFile: slapd.clientCertificateFile
                )
            )
        }
    }
}
