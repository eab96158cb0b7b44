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
    let handle: LDAPHandle
    private let executor: QueueExecutor
    let timeout: Double

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
            throw LDAPError(.configuration, .noServer, setting: .uris)
        }
        var attempts: [LDAPError] = []
        for uri in configuration.uris {
            do {
                return try await connectOne(uri, configuration)
            } catch {
                guard error.code == .unreachable || error.code == .timeout else { throw error }
                attempts.append(error)
            }
        }
        // The last server's failure, with every server's when there were several.
        var error = attempts[attempts.count - 1]
        if attempts.count > 1 { error.attempts = attempts }
        throw error
    }

    private static func connectOne(
        _ uri: String,
        _ configuration: LDAPConfiguration
    ) async throws(LDAPError) -> LDAPConnection {
        try ConnectionPolicy.check(uri: uri, configuration: configuration)
        let executor = QueueExecutor(label: "rolecall.ldap")
        let outcome: Result<LDAPConnection, LDAPError> = await withCheckedContinuation { continuation in
            executor.run {
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

extension LDAPConnection {
    /// Reads one entry by its DN.
    /// - Parameters:
    ///   - dn: The entry's DN.
    ///   - attributes: Attribute types to return.
    /// - Returns: The entry, or nil when the directory has no entry with this DN.
    /// - Throws: ``LDAPError`` for any other failure.
    public func entry(at dn: String, attributes: [String]) async throws(LDAPError) -> LDAPEntry? {
        do {
            for try await entry in search(base: dn, scope: .base, attributes: attributes, pageSize: 0) { return entry }
            return nil
        } catch  where error.code == .noSuchObject {
            return nil
        }
    }
}

extension LDAPHandle {
    /// LDAPv3, no referral chasing, timeouts, and TLS settings applied to a fresh TLS context.
    func configure(_ configuration: LDAPConfiguration) throws(LDAPError) {
        try set(LDAP_OPT_PROTOCOL_VERSION, integer: LDAP_VERSION3)
        try disableReferrals()
        try set(LDAP_OPT_NETWORK_TIMEOUT, seconds: configuration.timeout)
        try set(LDAP_OPT_TIMEOUT, seconds: configuration.timeout)
        // No time or size limit is asked of the server, whatever ldap.conf's TIMELIMIT or SIZELIMIT
        // says: a time limit lets 389 DS close a paged reader that pauses between pages, and the
        // server's own limits still apply (a size limit is reported, never a partial answer).
        try set(LDAP_OPT_TIMELIMIT, integer: 0)
        try set(LDAP_OPT_SIZELIMIT, integer: 0)
        try set(LDAP_OPT_X_TLS_REQUIRE_CERT, integer: LDAP_OPT_X_TLS_DEMAND)
        if let caFile = configuration.caFile {
            guard FileManager.default.isReadableFile(atPath: caFile) else {
                throw LDAPError(.configuration, .unreadableFile(path: caFile), setting: .caFile)
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
                throw LDAPError(.configuration, .unreadableFile(path: path), setting: setting)
            }
            try set(LDAP_OPT_X_TLS_CERTFILE, string: certificate)
            try set(LDAP_OPT_X_TLS_KEYFILE, string: key)
        default:
            throw LDAPError(.configuration, .certificateWithoutKey, setting: .clientKeyFile)
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
        let usesTLS = LDAPURI(uri)?.scheme == .ldaps || configuration.startTLS
        if configuration.startTLS {
            let code = startTLS()
            guard code == LDAP_SUCCESS else { throw connectionError(code, uri: uri, usesTLS: true, during: .startTLS) }
        }
        if let sasl = configuration.sasl {
            try saslBind(sasl, uri: uri, usesTLS: usesTLS)
            return
        }
        let code = simpleBind(dn: configuration.bindDN, password: configuration.password?.value)
        guard code == LDAP_SUCCESS else { throw connectionError(code, uri: uri, usesTLS: usesTLS, during: .bind) }
    }

    /// A SASL bind. For GSSAPI, the Kerberos tickets are obtained first (each failure typed), from
    /// the keytab into a cache private to this bind, or from the caller's cache; over TLS, no SASL
    /// security layer is asked for (Active Directory refuses one inside TLS).
    private func saslBind(_ sasl: SASLBind, uri: String, usesTLS: Bool) throws(LDAPError) {
        var credentials: KerberosCredentials?
        if sasl.mechanism == .gssapi {
            let host = LDAPURI(uri)?.host ?? ""
            if host.isEmpty {
                // A keytab or principal that would silently go unused is refused, not ignored.
                guard sasl.keytab == nil, sasl.principal == nil else {
                    throw LDAPError(.configuration, .kerberosNeedsHostName, uri: uri, setting: .sasl)
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
        var error = connectionError(
            code,
            uri: uri,
            usesTLS: usesTLS,
            during: .saslBind(mechanism: sasl.mechanism.rawValue)
        )
        switch LDAPResultCode(rawValue: code) {
        case .authUnknown, .strongAuthNotSupported: error.code = .saslMechanismUnavailable
        case .invalidCredentials, .inappropriateAuth: error.code = .invalidCredentials
        // libldap's and Cyrus SASL's own failures (a security layer, a plug-in), not the server's.
        case .localError: error.code = .saslFailed
        default: break
        }
        return error
    }

    /// Maps a failed StartTLS or bind to an error: which kind, with the server's words.
    private func connectionError(
        _ code: Int32,
        uri: String,
        usesTLS: Bool,
        during step: LDAPError.Situation
    ) -> LDAPError {
        let result = LDAPResultCode(rawValue: code)
        let kind: LDAPError.Code
        switch result {
        case .invalidCredentials: kind = .invalidCredentials
        case .timeout: kind = .timeout
        // A TLS handshake that fails looks like a connection that fails; a port that accepts is TLS's fault.
        case .serverDown, .connectError: kind = usesTLS && TCPProbe.accepts(uri: uri) ? .tls : .unreachable
        default: kind = .refused
        }
        return LDAPError(
            kind,
            step,
            uri: uri,
            resultCode: code,
            resultName: result.description,
            diagnostic: diagnosticMessage
        )
    }
}
