import Foundation

/// A real 389 Directory Server for tests (`Tests/ServerScripts/ds389.sh`): the example department
/// readable by anyone, plus `ou=Hidden`, which only a bound administrator can read (389 answers an
/// anonymous search there with an empty success). One per test process, removed when it ends.
public final class DirectoryServer389: Sendable {
    /// `ldap://127.0.0.1:port`
    public let ldapURI: String
    /// `ldaps://localhost:port`
    public let ldapsURI: String
    /// The CA that signed the server's certificate.
    public let caFile: String
    /// The Directory Manager and its password.
    public let adminDN: String
    public let adminPassword: String
    /// The example directory's base, and the part of it anonymous users cannot read.
    public let base = "dc=dda,dc=example"
    public let hiddenBase = "ou=Hidden,dc=dda,dc=example"

    private static let started = StartedOnce<DirectoryServer389>()

    /// The server of this test process, started on first use.
    /// - Throws: ``FixtureError`` when it does not start.
    public static func shared() throws -> DirectoryServer389 {
        try started.get(start)
    }

    private static func start() throws(FixtureError) -> DirectoryServer389 {
        // Short: the server's Unix socket lives inside it.
        let directory = "/tmp/rc389-\(UUID().uuidString.prefix(8))"
        let hidden = directory + ".hidden.ldif"
        do {
            try """
            dn: ou=Hidden,dc=dda,dc=example
            objectClass: organizationalUnit
            ou: Hidden

            dn: uid=hsecret,ou=Hidden,dc=dda,dc=example
            objectClass: inetOrgPerson
            uid: hsecret
            cn: Hana Secret
            sn: Secret
            mail: hsecret@dda.example
            title: Head of Covert Statistics

            """.write(toFile: hidden, atomically: true, encoding: .utf8)
        } catch { throw FixtureError("cannot write \(hidden): \(error)") }
        let settings = try ServerScript.start(
            "ds389.sh",
            [directory, String(getpid()), Slapd.exampleLDIF, hidden],
            ready: directory + "/.ready"
        )
        try? FileManager.default.removeItem(atPath: hidden)
        guard let ldap = settings["DS_URI"], let ldaps = settings["DS_LDAPS_URI"], let ca = settings["DS_CA"],
            let admin = settings["DS_BINDDN"], let password = settings["DS_BINDPW"]
        else { throw FixtureError("389 DS reported no settings: \(settings)") }
        return DirectoryServer389(ldapURI: ldap, ldapsURI: ldaps, caFile: ca, adminDN: admin, adminPassword: password)
    }

    /// Applies changes written as LDIF (`changetype:` records) as the Directory Manager.
    /// - Parameter ldif: The change records.
    public func change(_ ldif: String) throws {
        try Slapd.applyChanges(ldif, uri: ldapURI, bindDN: adminDN, password: adminPassword)
    }

    private init(ldapURI: String, ldapsURI: String, caFile: String, adminDN: String, adminPassword: String) {
        self.ldapURI = ldapURI
        self.ldapsURI = ldapsURI
        self.caFile = caFile
        self.adminDN = adminDN
        self.adminPassword = adminPassword
    }
}
