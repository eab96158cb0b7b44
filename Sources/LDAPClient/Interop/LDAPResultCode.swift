internal import CLDAP

/// An LDAP result code (RFC 4511) or one of libldap's negative client codes, named and described.
struct LDAPResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    let rawValue: Int32

    static let success = Self(rawValue: LDAP_SUCCESS)
    static let timeLimitExceeded = Self(rawValue: LDAP_TIMELIMIT_EXCEEDED)
    static let sizeLimitExceeded = Self(rawValue: LDAP_SIZELIMIT_EXCEEDED)
    static let adminLimitExceeded = Self(rawValue: LDAP_ADMINLIMIT_EXCEEDED)
    static let referral = Self(rawValue: LDAP_REFERRAL)
    static let partialResults = Self(rawValue: LDAP_PARTIAL_RESULTS)
    static let noSuchObject = Self(rawValue: LDAP_NO_SUCH_OBJECT)
    static let invalidCredentials = Self(rawValue: LDAP_INVALID_CREDENTIALS)
    static let insufficientAccess = Self(rawValue: LDAP_INSUFFICIENT_ACCESS)
    static let unwillingToPerform = Self(rawValue: LDAP_UNWILLING_TO_PERFORM)
    static let confidentialityRequired = Self(rawValue: LDAP_CONFIDENTIALITY_REQUIRED)
    static let serverDown = Self(rawValue: LDAP_SERVER_DOWN)
    static let timeout = Self(rawValue: LDAP_TIMEOUT)
    static let connectError = Self(rawValue: LDAP_CONNECT_ERROR)
    static let strongAuthNotSupported = Self(rawValue: LDAP_STRONG_AUTH_NOT_SUPPORTED)
    /// Active Directory's answer to a simple bind without TLS when the domain requires it.
    static let strongAuthRequired = Self(rawValue: LDAP_STRONG_AUTH_REQUIRED)
    static let inappropriateAuth = Self(rawValue: LDAP_INAPPROPRIATE_AUTH)
    /// libldap has no SASL plug-in for the mechanism, or the server offers none it shares.
    static let authUnknown = Self(rawValue: LDAP_AUTH_UNKNOWN)
    /// libldap's catch-all, which SASL uses when, say, Kerberos has no ticket to offer.
    static let localError = Self(rawValue: LDAP_LOCAL_ERROR)

    /// RFC 4533's e-syncRefreshRequired: the cookie is too old for an incremental refresh.
    static let syncRefreshRequired = Self(rawValue: 4096)

    /// libldap's description of the code.
    var description: String { String(cString: ldap_err2string(rawValue)) }
}
