/// Refuses settings that would leak a password: a simple bind in cleartext to another machine.
enum ConnectionPolicy {
    static func check(uri: String, configuration: LDAPConfiguration) throws(LDAPError) {
        guard let parsed = LDAPURI(uri) else { throw LDAPError(.configuration, .invalidURI, uri: uri, setting: .uris) }
        let sendsPassword = !(configuration.password?.value.isEmpty ?? true)
        guard sendsPassword, parsed.scheme == .ldap, !configuration.startTLS, !configuration.allowInsecure,
            !parsed.isLoopback
        else { return }
        throw LDAPError(.configuration, .cleartextPassword, uri: uri, setting: .allowInsecure)
    }
}
