import RoleCall

/// A setting a person can change, named in hints ("check the search base"). Each front end says
/// how its people set it: the CLI by flag (`--base`), a web page by field label.
public enum Setting: String, Sendable, Hashable, CaseIterable {
    case ldif, allowFileURLs, uri, base, bindDN, password, startTLS, caFile, timeout, pageSize, allowInsecure
    case saslMechanism, keytab, principal, clientCertificate, clientKey, configuration, state, asOf, timeZone
    case snapshot, maxAge, evidenceKey
}

extension Setting {
    /// The setting of `LDAPConfiguration` named in an `LDAPError`.
    init(_ setting: LDAPConfiguration.Setting) {
        switch setting {
        case .uris: self = .uri
        case .bindDN: self = .bindDN
        case .password: self = .password
        case .startTLS: self = .startTLS
        case .caFile: self = .caFile
        case .timeout: self = .timeout
        case .pageSize: self = .pageSize
        case .allowInsecure: self = .allowInsecure
        case .sasl: self = .saslMechanism
        case .clientCertificateFile: self = .clientCertificate
        case .clientKeyFile: self = .clientKey
        }
    }
}
