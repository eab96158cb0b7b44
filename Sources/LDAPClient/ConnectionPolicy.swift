/// Refuses settings that would leak a password: a simple bind in cleartext to another machine.
enum ConnectionPolicy {
    static func check(uri: String, configuration: LDAPConfiguration) throws(LDAPError) {
        let lowered = uri.lowercased()
        guard lowered.hasPrefix("ldap://") || lowered.hasPrefix("ldaps://") || lowered.hasPrefix("ldapi://") else {
            throw LDAPError(.configuration, .invalidURI, uri: uri, setting: .uris)
        }
        let sendsPassword = !(configuration.password?.value.isEmpty ?? true)
        guard sendsPassword, lowered.hasPrefix("ldap://"), !configuration.startTLS, !configuration.allowInsecure else {
            return
        }
        guard !isLoopback(host(of: lowered)) else { return }
        throw LDAPError(.configuration, .cleartextPassword, uri: uri, setting: .allowInsecure)
    }

    /// The host part of an `ldap://host:port/...` URI.
    static func host(of uri: String) -> String {
        var rest = Substring(uri.drop { $0 != "/" }.dropFirst(2))
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        if rest.hasPrefix("[") { return String(rest.dropFirst().prefix { $0 != "]" }) }
        return String(rest.prefix { $0 != ":" })
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.") || host.isEmpty
    }
}
