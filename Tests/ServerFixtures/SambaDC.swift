import Foundation

/// A real Samba Active Directory domain controller for tests (`Tests/ServerScripts/samba-dc.sh`):
/// the domain `DDA.EXAMPLE` holding the AD form of the example department, in namespaces of its
/// own with only a loopback interface, reached through relays on free ports of 127.0.0.1.
///
/// The provisioned domain is cached between test runs (in `~/.cache/rolecall-tests`); each test
/// process starts its own copy once and stops it, removing the copy, when the process ends. A DC
/// that cannot start fails the tests that use it: it is never skipped.
public final class SambaDC: Sendable {
    /// `ldap://127.0.0.1:port/`: plain LDAP (simple binds need StartTLS here).
    public let ldapURI: String
    /// `ldaps://127.0.0.1:port/`
    public let ldapsURI: String
    /// The Global Catalog, plain (`ldap://…:3268` inside) and over TLS (`…:3269`).
    public let globalCatalogURI: String
    public let globalCatalogTLSURI: String
    /// The CA that signed the DC's certificate (for 127.0.0.1, localhost and dc1.dda.example).
    public let caFile: String
    /// A `krb5.conf` for the realm, with the KDC at its relay; point `KRB5_CONFIG` at it.
    public let kerberosConfiguration: String
    /// A keytab holding ``servicePrincipal``'s keys.
    public let keytab: String
    /// A keytab for `ghost@DDA.EXAMPLE`, an account deleted since (the KDC no longer knows it).
    public var deletedAccountKeytab: String { directory + "/ghost.keytab" }
    /// The domain's naming context.
    public let base = "DC=dda,DC=example"
    /// The service account the tests bind as, in each of AD's forms, and its password.
    public let serviceUPN = "svc-rolecall@dda.example"
    public let serviceDownLevelName = "DDA\\svc-rolecall"
    public let serviceDN = "CN=RoleCall Service,OU=People,DC=dda,DC=example"
    public let servicePassword = "Us3r!correct-horse"
    public let servicePrincipal = "svc-rolecall@DDA.EXAMPLE"
    /// Where this copy lives (its logs are in `log/`).
    public let directory: String

    private static let started = StartedOnce<SambaDC>()

    /// The DC of this test process, started on first use.
    /// - Throws: ``FixtureError`` when the domain cannot be provisioned or the DC does not start.
    public static func shared() throws -> SambaDC {
        try started.get(start)
    }

    private static func start() throws(FixtureError) -> SambaDC {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSTemporaryDirectory()
        let cache = ProcessInfo.processInfo.environment["XDG_CACHE_HOME"] ?? home + "/.cache"
        let template: String
        do {
            template = try Slapd.output(
                ServerScript.path("samba-dc.sh"),
                ["template", cache + "/rolecall-tests/samba"]
            )
            .trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw FixtureError("the Samba domain could not be provisioned: \(error)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-samba-\(UUID())").path
        let ports = try ServerScript.start(
            "samba-dc.sh",
            [template, directory, String(getpid())],
            ready: directory + "/env"
        )
        guard let ldap = ports["LDAP"], let ldaps = ports["LDAPS"], let kdc = ports["KDC"], let gc = ports["GC"],
            let gcs = ports["GCS"]
        else { throw FixtureError("the Samba DC reported no ports: \(ports)") }
        let kerberos = directory + "/krb5.conf"
        let configuration = """
            [libdefaults]
                default_realm = DDA.EXAMPLE
                dns_lookup_realm = false
                dns_lookup_kdc = false
                rdns = false
                dns_canonicalize_hostname = false
                udp_preference_limit = 1
            [realms]
                DDA.EXAMPLE = {
                    kdc = 127.0.0.1:\(kdc)
                }
            [domain_realm]
                localhost = DDA.EXAMPLE
                127.0.0.1 = DDA.EXAMPLE

            """
        do { try configuration.write(toFile: kerberos, atomically: true, encoding: .utf8) } catch {
            throw FixtureError("cannot write \(kerberos): \(error)")
        }
        return SambaDC(
            ldapURI: "ldap://127.0.0.1:\(ldap)/",
            ldapsURI: "ldaps://127.0.0.1:\(ldaps)/",
            globalCatalogURI: "ldap://127.0.0.1:\(gc)/",
            globalCatalogTLSURI: "ldaps://127.0.0.1:\(gcs)/",
            caFile: directory + "/private/tls/ca.pem",
            kerberosConfiguration: kerberos,
            keytab: directory + "/rolecall.keytab",
            directory: directory
        )
    }

    /// Applies changes written as LDIF (`changetype:` records) as the domain's Administrator, over LDAPS.
    /// - Parameter ldif: The change records.
    public func change(_ ldif: String) throws {
        try Slapd.applyChanges(
            ldif,
            uri: ldapsURI,
            bindDN: "Administrator@dda.example",
            password: "Adm1n!correct-horse",
            environment: ["LDAPTLS_CACERT": caFile]
        )
    }

    private init(
        ldapURI: String,
        ldapsURI: String,
        globalCatalogURI: String,
        globalCatalogTLSURI: String,
        caFile: String,
        kerberosConfiguration: String,
        keytab: String,
        directory: String
    ) {
        self.ldapURI = ldapURI
        self.ldapsURI = ldapsURI
        self.globalCatalogURI = globalCatalogURI
        self.globalCatalogTLSURI = globalCatalogTLSURI
        self.caFile = caFile
        self.kerberosConfiguration = kerberosConfiguration
        self.keytab = keytab
        self.directory = directory
    }
}
