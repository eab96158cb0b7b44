internal import CLDAP
#if canImport(Glibc)
import Glibc
#endif

/// Tells "nothing listens there" apart from "TLS failed": can a TCP connection be made at all?
enum TCPProbe {
    /// Whether the host and port of an `ldap[s]://` URI accept a TCP connection within two seconds.
    static func accepts(uri: String) -> Bool {
        guard let parsed = LDAPURI(uri), let port = parsed.port else { return false }
        let host = parsed.host
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var results: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host.isEmpty ? "localhost" : host, String(port), &hints, &results) == 0, let results else {
            return false
        }
        defer { freeaddrinfo(results) }
        var current: UnsafeMutablePointer<addrinfo>? = results
        while let info = current {
            let socketFD = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if socketFD >= 0 {
                defer { close(socketFD) }
                var timeout = timeval(tv_sec: 2, tv_usec: 0)
                setsockopt(socketFD, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                if connect(socketFD, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return true }
            }
            current = info.pointee.ai_next
        }
        return false
    }
}
