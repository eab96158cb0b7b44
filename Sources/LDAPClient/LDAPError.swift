/// A failure talking to a directory server: a code, the LDAP result code, the server's
/// diagnostic in ``message``, and for configuration errors the setting at fault. What to do about
/// it is for the caller (or RoleCall's presentation layer) to say.
///
/// Errors compare by ``code``.
public struct LDAPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure. New codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// No server could be reached (refused, unresolvable, down).
        public static let unreachable = Code("unreachable")
        /// A server did not answer within the timeout.
        public static let timeout = Code("timeout")
        /// The bind was refused: wrong DN or password.
        public static let invalidCredentials = Code("invalidCredentials")
        /// TLS could not be set up: untrusted or expired certificate, wrong host name.
        public static let tls = Code("tls")
        /// The configuration is unsafe or invalid (cleartext password to a remote host, bad URI).
        public static let configuration = Code("configuration")
        /// A search ended without all of its results (size or time limit, referral, server error).
        public static let incompleteResult = Code("incompleteResult")
        /// The server refused an operation (insufficient access, unwilling to perform).
        public static let refused = Code("refused")
        /// The search base does not exist.
        public static let noSuchObject = Code("noSuchObject")
        /// The search was cancelled by the caller.
        public static let cancelled = Code("cancelled")
        /// The server does not offer the SASL mechanism asked for (or libldap has no plug-in for it).
        public static let saslMechanismUnavailable = Code("saslMechanismUnavailable")
        /// The SASL exchange failed in libldap or its SASL plug-in, not at the server.
        public static let saslFailed = Code("saslFailed")
        /// Kerberos has no usable ticket: none in the credential cache, an unreadable keytab, or a
        /// keytab without the principal's key.
        public static let kerberosCredentialsUnavailable = Code("kerberosCredentialsUnavailable")
        /// The KDC does not know the client principal.
        public static let kerberosPrincipalUnknown = Code("kerberosPrincipalUnknown")
        /// The KDC knows no `ldap/<host>` service for the host in the URI.
        public static let kerberosServiceUnknown = Code("kerberosServiceUnknown")
        /// This machine's clock and the KDC's differ by more than Kerberos allows.
        public static let kerberosClockSkew = Code("kerberosClockSkew")
        /// No KDC for the realm could be reached.
        public static let kerberosServerUnreachable = Code("kerberosServerUnreachable")
    }

    /// The kind of failure.
    public var code: Code
    /// What happened, including the server's diagnostic message when it sent one.
    public var message: String
    /// The LDAP result code (or libldap's negative client code), when there is one.
    public var resultCode: Int32?
    /// For ``Code-swift.struct/configuration``: which setting is at fault.
    public var setting: LDAPConfiguration.Setting?

    /// Creates an error.
    public init(_ code: Code, _ message: String, resultCode: Int32? = nil, setting: LDAPConfiguration.Setting? = nil) {
        self.code = code
        self.message = message
        self.resultCode = resultCode
        self.setting = setting
    }

    public var description: String {
        "\(code): \(message)" + (resultCode.map { " (result \($0))" } ?? "") + (setting.map { " [\($0)]" } ?? "")
    }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
