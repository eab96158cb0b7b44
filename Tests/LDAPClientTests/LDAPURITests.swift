import Testing

@testable import LDAPClient

@Suite("LDAP URIs")
struct LDAPURITests {
    @Test(
        "scheme, host and port, with defaults",
        arguments: [
            ("ldap://DC1.Example.org", LDAPURI.Scheme.ldap, "dc1.example.org", 389 as Int?),
            ("ldaps://dc1.example.org:3269/", .ldaps, "dc1.example.org", 3269),
            ("ldaps://[::1]:6360", .ldaps, "::1", 6360),
            ("ldap://[fe80::1]", .ldap, "fe80::1", 389),
            ("ldap:///", .ldap, "", 389),
            ("ldapi://%2Frun%2Fslapd%2Fldapi", .ldapi, "", nil),
        ]
    )
    func parts(text: String, scheme: LDAPURI.Scheme, host: String, port: Int?) throws {
        let uri = try #require(LDAPURI(text))
        #expect(uri.scheme == scheme)
        #expect(uri.host == host)
        #expect(uri.port == port)
    }

    @Test(
        "not one LDAP URI: libldap would read a list, so a check of the first would not hold for the rest",
        arguments: [
            "http://x", "ldap:/x", "x", "", "LDAPS//x", "ldap://localhost:389,ldap://dc1.example.org",
            "ldaps://x/ ldap://evil.example.org", "ldap://localhost\tldap://evil.example.org",
        ]
    )
    func refused(text: String) { #expect(LDAPURI(text) == nil) }

    @Test("loopback: this machine by name, address, or no host at all")
    func loopback() {
        #expect(LDAPURI("ldap://127.0.0.2:1389")?.isLoopback == true)
        #expect(LDAPURI("ldap://[::1]")?.isLoopback == true)
        #expect(LDAPURI("ldap://localhost")?.isLoopback == true)
        #expect(LDAPURI("ldap://dc1.example.org")?.isLoopback == false)
        // A name that only looks like a loopback address may resolve to any machine.
        #expect(LDAPURI("ldap://127.example.org")?.isLoopback == false)
        #expect(LDAPURI("ldap://127.0.0.1.example.org")?.isLoopback == false)
        #expect(LDAPURI("ldap://127.0.0.256")?.isLoopback == false)
    }
}
