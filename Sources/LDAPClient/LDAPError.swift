/// A failure talking to a directory server: a code, what was being done and where, the result
/// code and the server's diagnostic, and for configuration errors the setting at fault. Wording it,
/// and saying what to do, is for the caller (or RoleCall's presentation layer).
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

    /// What RoleCall was doing, with the values that say where. New cases may be added.
    public enum Situation: Sendable, Hashable {
        /// The configuration names no server.
        case noServer
        /// A URI that is not one `ldap://`, `ldaps://` or `ldapi://` URI, or that libldap cannot use.
        case invalidURI
        /// libldap refused to set one of its options (its `LDAP_OPT_…` number in `ldap.h`).
        case optionRefused(Int32)
        /// A simple bind with a password, in cleartext, to a host that is not this machine.
        case cleartextPassword
        /// A file named in the configuration cannot be read.
        case unreadableFile(path: String)
        /// A client certificate without its key, or a key without its certificate.
        case certificateWithoutKey
        /// A Kerberos keytab or principal with a URI that names no host (`ldapi://`).
        case kerberosNeedsHostName
        /// Upgrading the connection with StartTLS.
        case startTLS
        /// A simple bind.
        case bind
        /// A SASL bind with this mechanism.
        case saslBind(mechanism: String)
        /// A search under this base.
        case search(base: String)
        /// A paged search whose server sent a page of entries it had already sent.
        case pageRepeated
        /// A paged search whose server sent this many empty pages in a row without ending it.
        case emptyPages(Int)
        /// Ranged retrieval (`member;range=…`) that kept going, or stopped before the last range.
        case rangeRetrieval(attribute: String, dn: String, endless: Bool)
        /// The caller cancelled.
        case cancelled
        /// A step of getting Kerberos tickets, and what it concerned (a keytab, a principal, a host).
        case kerberos(KerberosStep, subject: String?)
        /// The credential cache holds a ticket for another principal (nil when its name cannot be read).
        case otherPrincipal(cached: String?, wanted: String)
    }

    /// The steps of getting Kerberos tickets for a GSSAPI bind.
    public enum KerberosStep: String, Sendable, Hashable, CaseIterable {
        /// Starting the Kerberos library.
        case start
        /// Opening the credential cache.
        case openCache
        /// Reading a keytab (``LDAPError/Situation-swift.enum/kerberos(_:subject:)``'s subject: its path).
        case readKeytab
        /// Reading a principal name (subject: the name).
        case readPrincipal
        /// Getting a ticket-granting ticket with the keytab (subject: the principal, nil for the keytab's first).
        case getTicket
        /// Storing the ticket in the cache.
        case storeTicket
        /// Switching GSSAPI to the keytab's private cache.
        case switchCache
        /// Finding a ticket in the credential cache (subject: the principal wanted, if any).
        case findTicket
        /// Finding the realm of the server's host (subject: the host).
        case findRealm
        /// Getting the `ldap/<host>` service ticket (subject: the service principal).
        case getServiceTicket
    }

    /// The kind of failure.
    public var code: Code
    /// What was being done, and where.
    public var situation: Situation
    /// The server concerned, when there is one.
    public var uri: String?
    /// The LDAP result code (or libldap's negative client code, or a Kerberos error code).
    public var resultCode: Int32?
    /// libldap's or Kerberos's own name for ``resultCode`` (`ldap_err2string`, `krb5_get_error_message`).
    public var resultName: String?
    /// The server's diagnostic message, when it sent one.
    public var diagnostic: String?
    /// For ``Code-swift.struct/configuration``: which setting is at fault.
    public var setting: LDAPConfiguration.Setting?
    /// When several servers were tried: each one's failure, in order.
    public var attempts: [LDAPError] = []

    /// Creates an error.
    public init(
        _ code: Code,
        _ situation: Situation,
        uri: String? = nil,
        resultCode: Int32? = nil,
        resultName: String? = nil,
        diagnostic: String? = nil,
        setting: LDAPConfiguration.Setting? = nil
    ) {
        self.code = code
        self.situation = situation
        self.uri = uri
        self.resultCode = resultCode
        self.resultName = resultName
        self.diagnostic = diagnostic
        self.setting = setting
    }

    /// The code and the values, for logs.
    public var description: String {
        var parts = ["\(situation)"]
        if let uri { parts.append(uri) }
        if let resultCode { parts.append("result \(resultCode)" + (resultName.map { " \($0)" } ?? "")) }
        if let diagnostic { parts.append("diagnostic: \(diagnostic)") }
        if let setting { parts.append("setting: \(setting)") }
        return "\(code): " + parts.joined(separator: ", ")
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
