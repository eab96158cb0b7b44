/// How to reach and authenticate to a directory.
public struct LDAPConfiguration: Sendable {
    /// Server URIs (`ldap://`, `ldaps://`, `ldapi://`), tried in order until one works.
    public var uris: [String]
    /// The DN to bind as (or AD's `user@domain` / `DOMAIN\user`); nil binds anonymously.
    public var bindDN: String?
    /// The bind password. Never logged or shown.
    public var password: Password?
    /// Upgrade `ldap://` connections with StartTLS.
    public var startTLS: Bool
    /// A PEM file of CA certificates to trust instead of the system store.
    public var caFile: String?
    /// Seconds to wait for a connection and for each operation.
    public var timeout: Double
    /// Entries per page of a paged search (RFC 2696).
    public var pageSize: Int
    /// Allow a password to be sent in cleartext to a host that is not this machine.
    public var allowInsecure: Bool
    /// A SASL bind instead of a simple one; ``bindDN`` and ``password`` are then not used.
    public var sasl: SASLBind?
    /// A client certificate (PEM) to present during TLS, for SASL EXTERNAL over TLS.
    public var clientCertificateFile: String?
    /// The private key (PEM) of ``clientCertificateFile``.
    public var clientKeyFile: String?

    /// A password that does not print itself.
    public struct Password: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
        let value: String
        /// Wraps a password.
        public init(_ value: String) { self.value = value }
        public var description: String { "<password>" }
        public var debugDescription: String { "<password>" }
    }

    /// One of the settings above, named in an ``LDAPError`` that it causes.
    public enum Setting: String, Sendable, Hashable, CaseIterable {
        case uris, bindDN, password, startTLS, caFile, timeout, pageSize, allowInsecure, sasl
        case clientCertificateFile, clientKeyFile
    }

    /// The defaults: seconds to wait, and entries per page.
    public static let defaultTimeout: Double = 30
    public static let defaultPageSize = 500

    /// Creates a configuration.
    public init(
        uris: [String],
        bindDN: String? = nil,
        password: Password? = nil,
        startTLS: Bool = false,
        caFile: String? = nil,
        timeout: Double = defaultTimeout,
        pageSize: Int = defaultPageSize,
        allowInsecure: Bool = false,
        sasl: SASLBind? = nil,
        clientCertificateFile: String? = nil,
        clientKeyFile: String? = nil
    ) {
        self.uris = uris
        self.bindDN = bindDN
        self.password = password
        self.startTLS = startTLS
        self.caFile = caFile
        self.timeout = timeout
        self.pageSize = pageSize
        self.allowInsecure = allowInsecure
        self.sasl = sasl
        self.clientCertificateFile = clientCertificateFile
        self.clientKeyFile = clientKeyFile
    }
}
