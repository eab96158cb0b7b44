internal import CLDAP
public import Directory
import Dispatch
import Foundation

/// A bound connection to one directory server.
///
/// The actor runs every libldap call on its own serial queue, so blocking network calls never tie
/// up Swift's cooperative threads, and the handle is never used by two tasks at once.
public actor LDAPConnection {
    /// The URI that answered.
    public nonisolated let uri: String
    private let handle: LDAPHandle
    private let executor: QueueExecutor
    private let timeout: Double

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private init(uri: String, handle: LDAPHandle, executor: QueueExecutor, timeout: Double) {
        self.uri = uri
        self.handle = handle
        self.executor = executor
        self.timeout = timeout
    }

    /// Connects to the first URI that answers, sets up TLS and binds.
    ///
    /// URIs that cannot be reached (or time out) are skipped; a TLS or credentials failure stops at
    /// once, since the next server would refuse the same settings.
    /// - Parameter configuration: Servers, credentials, TLS and timeouts.
    /// - Throws: ``LDAPError`` with the last server's failure when none could be used.
    /// - Returns: A bound connection.
    public static func connect(_ configuration: LDAPConfiguration) async throws(LDAPError) -> LDAPConnection {
        guard !configuration.uris.isEmpty else {
            throw LDAPError(.configuration, "no server to connect to", setting: .uris)
        }
        var failures: [String] = []
        var lastError: LDAPError?
        for uri in configuration.uris {
            do {
                return try await connectOne(uri, configuration)
            } catch {
                guard error.code == .unreachable || error.code == .timeout else { throw error }
                failures.append("\(uri): \(error.message)")
                lastError = error
            }
        }
        var error = lastError ?? LDAPError(.unreachable, "no server answered")
        if failures.count > 1 { error.message = "no server answered (" + failures.joined(separator: "; ") + ")" }
        throw error
    }

    private static func connectOne(
        _ uri: String,
        _ configuration: LDAPConfiguration
    ) async throws(LDAPError) -> LDAPConnection {
        try ConnectionPolicy.check(uri: uri, configuration: configuration)
        let executor = QueueExecutor(label: "rolecall.ldap")
        let outcome: Result<LDAPConnection, LDAPError> = await withCheckedContinuation { continuation in
            executor.queue.async {
                continuation.resume(
                    returning: Result { () throws(LDAPError) -> LDAPConnection in
                        let handle = try LDAPHandle(uri: uri)
                        try handle.configure(configuration)
                        try handle.establish(uri: uri, configuration: configuration)
                        return LDAPConnection(
                            uri: uri,
                            handle: handle,
                            executor: executor,
                            timeout: configuration.timeout
                        )
                    }
                )
            }
        }
        return try outcome.get()
    }

    /// Fetches one page of a search.
    /// > Warning: Blocks this connection's queue until the page arrives or the timeout passes.
    func page(
        base: String,
        scope: LDAPScope,
        filter: String,
        attributes: [String],
        pageSize: Int,
        cookie: [UInt8]
    )
        -> LDAPSearchPage
    {
        handle.searchPage(
            base: base,
            scope: scope,
            filter: filter,
            attributes: attributes,
            pageSize: pageSize,
            cookie: cookie,
            timeout: timeout
        )
    }

    /// Streams the entries of a search, one page in memory at a time.
    /// - Parameters:
    ///   - base: The DN to search under.
    ///   - scope: How deep to search.
    ///   - filter: The filter; its values are escaped (RFC 4515). Defaults to every entry.
    ///   - attributes: Attribute types to return; operational ones must be named.
    ///   - pageSize: Entries per page (RFC 2696); 0 sends one unpaged request.
    /// - Returns: The entries, streamed page by page.
    public nonisolated func search(
        base: String,
        scope: LDAPScope = .subtree,
        filter: SearchFilter = .present("objectClass"),
        attributes: [String],
        pageSize: Int
    ) -> LDAPSearchResults {
        LDAPSearchResults(
            connection: self,
            base: base,
            scope: scope,
            filter: filter.description,
            attributes: attributes,
            pageSize: pageSize
        )
    }
}

extension LDAPHandle {
    /// LDAPv3, no referral chasing, timeouts, and TLS settings applied to a fresh TLS context.
    func configure(_ configuration: LDAPConfiguration) throws(LDAPError) {
        try set(LDAP_OPT_PROTOCOL_VERSION, integer: LDAP_VERSION3)
        try disableReferrals()
        try set(LDAP_OPT_NETWORK_TIMEOUT, seconds: configuration.timeout)
        try set(LDAP_OPT_TIMEOUT, seconds: configuration.timeout)
        try set(LDAP_OPT_X_TLS_REQUIRE_CERT, integer: LDAP_OPT_X_TLS_DEMAND)
        if let caFile = configuration.caFile {
            guard FileManager.default.isReadableFile(atPath: caFile) else {
                throw LDAPError(.configuration, "cannot read the CA file \(caFile)", setting: .caFile)
            }
            try set(LDAP_OPT_X_TLS_CACERTFILE, string: caFile)
        }
        switch (configuration.clientCertificateFile, configuration.clientKeyFile) {
        case (nil, nil): break
        case (let certificate?, let key?):
            for (path, setting) in [
                (certificate, LDAPConfiguration.Setting.clientCertificateFile), (key, .clientKeyFile),
            ]
            where !FileManager.default.isReadableFile(atPath: path) {
                throw LDAPError(.configuration, "cannot read \(path)", setting: setting)
            }
            try set(LDAP_OPT_X_TLS_CERTFILE, string: certificate)
            try set(LDAP_OPT_X_TLS_KEYFILE, string: key)
        default:
            throw LDAPError(
                .configuration,
                "a client certificate needs its key, and a key its certificate",
                setting: .clientKeyFile
            )
        }
        // Kerberos asks for a ticket for the host name as given, not for whatever a reverse lookup
        // of its address returns.
        try set(LDAP_OPT_X_SASL_NOCANON, integer: 1)
        // Options only apply to a TLS context created after them.
        try set(LDAP_OPT_X_TLS_NEWCTX, integer: 0)
    }

    /// StartTLS when asked, then a simple bind (anonymous without a bind DN).
    /// > Warning: Blocks until the server answers or the timeout passes.
    func establish(uri: String, configuration: LDAPConfiguration) throws(LDAPError) {
        let usesTLS = uri.lowercased().hasPrefix("ldaps://") || configuration.startTLS
        if configuration.startTLS {
            let code = startTLS()
            guard code == LDAP_SUCCESS else { throw connectionError(code, uri: uri, usesTLS: true, during: "StartTLS") }
        }
        if let sasl = configuration.sasl {
            try saslBind(sasl, uri: uri, usesTLS: usesTLS)
            return
        }
        let code = simpleBind(dn: configuration.bindDN, password: configuration.password?.value)
        guard code == LDAP_SUCCESS else { throw connectionError(code, uri: uri, usesTLS: usesTLS, during: "bind") }
    }

    /// A SASL bind. For GSSAPI, the Kerberos tickets are obtained first (each failure typed), from
    /// the keytab into a cache private to this bind, or from the caller's cache; over TLS, no SASL
    /// security layer is asked for (Active Directory refuses one inside TLS).
    private func saslBind(_ sasl: SASLBind, uri: String, usesTLS: Bool) throws(LDAPError) {
        var credentials: KerberosCredentials?
        if sasl.mechanism == .gssapi {
            let host = ConnectionPolicy.host(of: uri.lowercased())
            if host.isEmpty {
                // A keytab or principal that would silently go unused is refused, not ignored.
                guard sasl.keytab == nil, sasl.principal == nil else {
                    throw LDAPError(
                        .configuration,
                        "a Kerberos keytab or principal needs a host name in \(uri)",
                        setting: .sasl
                    )
                }
            } else {
                credentials = try KerberosCredentials(keytab: sasl.keytab, principal: sasl.principal, serviceHost: host)
                if usesTLS { try set(LDAP_OPT_X_SASL_SECPROPS, string: "maxssf=0") }
            }
        }
        let bind = { self.saslBind(mechanism: sasl.mechanism.rawValue, authorizationID: sasl.authorizationID) }
        let code = try credentials?.whileCurrent(bind) ?? bind()
        guard code == LDAP_SUCCESS else { throw saslError(code, uri: uri, usesTLS: usesTLS, sasl: sasl) }
    }

    /// Maps a failed SASL bind to an error: the mechanism not offered, or credentials refused or
    /// missing; anything else as for a simple bind.
    private func saslError(_ code: Int32, uri: String, usesTLS: Bool, sasl: SASLBind) -> LDAPError {
        let diagnostic = diagnosticMessage.map { " (\($0))" } ?? ""
        switch LDAPResultCode(rawValue: code) {
        case .authUnknown, .strongAuthNotSupported:
            return LDAPError(
                .saslMechanismUnavailable,
                "\(uri) does not offer SASL \(sasl.mechanism)\(diagnostic)",
                resultCode: code
            )
        case .invalidCredentials, .inappropriateAuth:
            return LDAPError(
                .invalidCredentials,
                "\(uri) refused the SASL \(sasl.mechanism) bind\(diagnostic)",
                resultCode: code
            )
        case .localError:
            // libldap's and Cyrus SASL's own failures (a security layer, a plug-in), not the server's.
            return LDAPError(
                .saslFailed,
                "the SASL \(sasl.mechanism) exchange with \(uri) failed on this side\(diagnostic)",
                resultCode: code
            )
        default:
            return connectionError(code, uri: uri, usesTLS: usesTLS, during: "SASL \(sasl.mechanism) bind")
        }
    }

    /// Maps a failed StartTLS or bind to an error that says what to do.
    private func connectionError(_ code: Int32, uri: String, usesTLS: Bool, during step: String) -> LDAPError {
        let result = LDAPResultCode(rawValue: code)
        let diagnostic = diagnosticMessage.map { " (\($0))" } ?? ""
        switch result {
        case .invalidCredentials:
            return LDAPError(
                .invalidCredentials,
                "\(uri) refused the bind: invalid credentials\(diagnostic)",
                resultCode: code
            )
        case .timeout:
            return LDAPError(
                .timeout,
                "\(uri) did not answer the \(step) in time",
                resultCode: code
            )
        case .serverDown, .connectError:
            if usesTLS, TCPProbe.accepts(uri: uri) {
                return LDAPError(
                    .tls,
                    "TLS with \(uri) failed: the server's certificate is not trusted, has expired, or does not match the host name\(diagnostic)",
                    resultCode: code
                )
            }
            return LDAPError(
                .unreachable,
                "cannot reach \(uri)\(diagnostic)",
                resultCode: code
            )
        case .confidentialityRequired, .strongAuthRequired:
            return LDAPError(
                .refused,
                "\(uri) requires an encrypted connection\(diagnostic)",
                resultCode: code
            )
        default:
            return LDAPError(.refused, "\(uri) refused the \(step): \(result)\(diagnostic)", resultCode: code)
        }
    }
}
