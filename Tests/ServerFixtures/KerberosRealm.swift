import Foundation

/// A real MIT Kerberos KDC for tests (`Tests/ServerScripts/kdc.sh`): realm `ROLECALL.TEST` on
/// loopback with the web services `HTTP/localhost` and `HTTP/elsewhere` and a user for each of
/// ``users`` (login names of the example department), each with its keys in a keytab. One per test
/// process, removed when it ends.
public final class KerberosRealm: Sendable {
    /// The realm's name.
    public let realm: String
    /// The krb5.conf naming the KDC (`KRB5_CONFIG` for anything that uses the realm).
    public let configFile: String
    /// The keys of `HTTP/localhost`, the service `curl --negotiate http://localhost:…` asks for.
    public let serviceKeytab: String
    /// The keys of `HTTP/elsewhere`, another service.
    public let otherServiceKeytab: String
    private let directory: String
    /// The users who can sign in: a member of the example's Press Office (`hkhan`), a member whose
    /// account is locked (`fpatel`) and someone outside it (`asmith`).
    public static let users = ["hkhan", "fpatel", "asmith"]

    private static let started = StartedOnce<KerberosRealm>()

    /// The realm of this test process, started on first use.
    /// - Throws: ``FixtureError`` when the KDC does not start.
    public static func shared() throws -> KerberosRealm {
        try started.get(start)
    }

    private static func start() throws(FixtureError) -> KerberosRealm {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-kdc-\(UUID())").path
        let settings = try ServerScript.start(
            "kdc.sh",
            [directory, String(getpid())] + users,
            ready: directory + "/env"
        )
        guard let config = settings["KRB5_CONFIG"], let realm = settings["KDC_REALM"] else {
            throw FixtureError("the KDC reported no settings: \(settings)")
        }
        return KerberosRealm(directory: directory, realm: realm, configFile: config)
    }

    private init(directory: String, realm: String, configFile: String) {
        self.directory = directory
        self.realm = realm
        self.configFile = configFile
        serviceKeytab = directory + "/http.keytab"
        otherServiceKeytab = directory + "/elsewhere.keytab"
    }

    /// The environment of a service using the realm: its krb5.conf (whose default realm maps
    /// `user@ROLECALL.TEST` to the local name `user`) and a replay cache of its own.
    public var serviceEnvironment: [String: String] { ["KRB5_CONFIG": configFile, "KRB5RCACHEDIR": directory] }

    /// Signs `user` (one of ``users``) in with `kinit`, into a credential cache of its own.
    /// - Parameter user: The user.
    /// - Returns: The environment that uses the realm and the user's tickets (`KRB5_CONFIG`, `KRB5CCNAME`).
    /// - Throws: ``FixtureError`` when `kinit` fails.
    public func signIn(_ user: String) throws -> [String: String] {
        let cache = "FILE:\(directory)/\(user)-\(UUID()).ccache"
        let environment = ["KRB5_CONFIG": configFile, "KRB5CCNAME": cache]
        _ = try Slapd.output(
            "/usr/bin/kinit",
            ["-k", "-t", "\(directory)/\(user).keytab", user],
            environment: environment
        )
        return environment
    }
}
