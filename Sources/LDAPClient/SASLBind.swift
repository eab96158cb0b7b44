/// A SASL bind (RFC 4422): the client proves who it is without RoleCall ever holding a password.
public struct SASLBind: Sendable, Hashable {
    /// A SASL mechanism, by its registered name (always upper case).
    public struct Mechanism: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The registered name, such as `EXTERNAL`.
        public let rawValue: String
        /// A mechanism by name; the name is compared in upper case.
        public init(rawValue: String) { self.rawValue = rawValue.uppercased() }
        public var description: String { rawValue }

        /// The identity the connection already carries: the client's Unix account over `ldapi://`,
        /// or its certificate over TLS (see ``LDAPConfiguration/clientCertificateFile``).
        public static let external = Mechanism(rawValue: "EXTERNAL")
        /// Kerberos: a ticket from the caller's credential cache, or from a keytab.
        public static let gssapi = Mechanism(rawValue: "GSSAPI")
    }

    /// The mechanism.
    public var mechanism: Mechanism
    /// The identity to act as once bound (SASL authorization ID), when the server allows it; nil
    /// acts as the authenticated identity itself.
    public var authorizationID: String?
    /// GSSAPI: a keytab to get the principal's ticket with (for scheduled jobs), kept in memory for
    /// this connection only; nil uses the caller's credential cache (`kinit`).
    public var keytab: String?
    /// GSSAPI: the client principal (`svc-rolecall@EXAMPLE.ORG`); nil takes the keytab's first
    /// principal, or whoever the credential cache holds a ticket for.
    public var principal: String?

    /// Creates a SASL bind.
    /// - Parameters:
    ///   - mechanism: The mechanism.
    ///   - authorizationID: An identity to act as, if not the authenticated one.
    ///   - keytab: GSSAPI: a keytab instead of the caller's credential cache.
    ///   - principal: GSSAPI: the client principal.
    public init(mechanism: Mechanism, authorizationID: String? = nil, keytab: String? = nil, principal: String? = nil) {
        self.mechanism = mechanism
        self.authorizationID = authorizationID
        self.keytab = keytab
        self.principal = principal
    }
}
