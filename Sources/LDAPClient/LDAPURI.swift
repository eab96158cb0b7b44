/// The parts of an LDAP URI RoleCall needs, read once: the scheme, the host and the port.
struct LDAPURI: Sendable, Hashable {
    enum Scheme: String, Sendable {
        case ldap, ldaps, ldapi
    }

    let scheme: Scheme
    /// The host, lower-cased, without brackets around an IPv6 address; empty when the URI names none.
    let host: String
    /// The port given, or the scheme's default (389, 636); nil for `ldapi://`.
    let port: Int?

    /// Reads `ldap://host:port/…`, `ldaps://…` or `ldapi://…`; nil for anything else, and for
    /// text holding whitespace or `,`, which libldap reads as a list of several URIs (a policy
    /// checked on the first would not hold for the others).
    init?(_ text: String) {
        guard !text.contains(where: { $0 == "," || $0.isWhitespace }) else { return nil }
        let lowered = text.lowercased()
        guard let separator = lowered.firstRange(of: "://"),
            let scheme = Scheme(rawValue: String(lowered[..<separator.lowerBound]))
        else { return nil }
        self.scheme = scheme
        let authority = lowered[separator.upperBound...].prefix { $0 != "/" }
        var portText: Substring?
        if authority.hasPrefix("[") {
            let close = authority.firstIndex(of: "]") ?? authority.endIndex
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let rest = authority[close...].dropFirst()
            if rest.hasPrefix(":") { portText = rest.dropFirst() }
        } else if scheme == .ldapi {
            host = ""  // a percent-encoded socket path, not a host
        } else {
            host = String(authority.prefix { $0 != ":" })
            if let colon = authority.firstIndex(of: ":") { portText = authority[authority.index(after: colon)...] }
        }
        switch scheme {
        case .ldapi: port = nil
        case .ldap: port = portText.flatMap { Int($0) } ?? 389
        case .ldaps: port = portText.flatMap { Int($0) } ?? 636
        }
    }

    /// Whether the URI names this machine (or no host, which libldap reads as this machine).
    /// A host name that merely starts with `127.` (`127.example.org`) is not: it can resolve anywhere.
    var isLoopback: Bool {
        if host.isEmpty || host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127"
            && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCII) && (UInt8($0) != nil) }
    }
}
