internal import CLDAP

#if canImport(Glibc)
import Glibc
#endif

/// Owns one libldap session (`LDAP *`); unbinds and frees it in `deinit`.
///
/// Not thread-safe: one task uses a handle at a time (``LDAPConnection`` runs every call on its own
/// serial queue).
final class LDAPHandle {
    let raw: OpaquePointer

    /// Creates a session for `uri`; nothing is sent until the first operation.
    init(uri: String) throws(LDAPError) {
        var handle: OpaquePointer?
        let code = ldap_initialize(&handle, uri)
        guard code == LDAP_SUCCESS, let handle else {
            throw LDAPError(
                .configuration,
                .invalidURI,
                uri: uri,
                resultCode: code,
                resultName: LDAPResultCode(rawValue: code).description,
                setting: .uris
            )
        }
        raw = handle
    }

    deinit { withBrokenPipeIgnored { _ = ldap_unbind_ext_s(raw, nil, nil) } }

    // MARK: options

    func set(_ option: Int32, integer: Int32) throws(LDAPError) {
        var value = integer
        try check(ldap_set_option(raw, option, &value), option)
    }

    func set(_ option: Int32, string: String) throws(LDAPError) {
        let code = string.withCString { ldap_set_option(raw, option, $0) }
        try check(code, option)
    }

    func set(_ option: Int32, seconds: Double) throws(LDAPError) {
        var value = Self.timeValue(seconds: seconds)
        try check(ldap_set_option(raw, option, &value), option)
    }

    /// The result code libldap recorded for the session's last failure.
    var lastResultCode: Int32 {
        var code: Int32 = 0
        _ = ldap_get_option(raw, LDAP_OPT_RESULT_CODE, &code)
        return code == 0 ? LDAP_SERVER_DOWN : code
    }

    /// `seconds` as a `timeval`, clamped to 1 ms … 10⁹ s (about 31 years) so that the `Int`
    /// conversions below cannot trap on a NaN, infinite, negative or huge timeout from a caller.
    static func timeValue(seconds: Double) -> timeval {
        let bounded = seconds.isNaN ? 0.001 : min(max(seconds, 0.001), 1e9)
        let whole = bounded.rounded(.down)
        return timeval(tv_sec: Int(whole), tv_usec: Int((bounded - whole) * 1_000_000))
    }

    /// Turns referral chasing off (`LDAP_OPT_REFERRALS` takes `LDAP_OPT_OFF`, a null pointer).
    func disableReferrals() throws(LDAPError) {
        try check(ldap_set_option(raw, LDAP_OPT_REFERRALS, nil), LDAP_OPT_REFERRALS)
    }

    private func check(_ code: Int32, _ option: Int32) throws(LDAPError) {
        guard code == LDAP_OPT_SUCCESS else { throw LDAPError(.configuration, .optionRefused(option)) }
    }

    // MARK: operations

    /// Upgrades the connection with StartTLS.
    /// > Warning: Blocks until the server answers or the timeout passes.
    func startTLS() -> Int32 { ldap_start_tls_s(raw, nil, nil) }

    /// A simple bind.
    /// > Warning: Blocks until the server answers or the timeout passes.
    func simpleBind(dn: String?, password: String?) -> Int32 {
        var credentials = berval(bv_len: 0, bv_val: nil)
        var password = Array((password ?? "").utf8CString)
        return password.withUnsafeMutableBufferPointer { buffer -> Int32 in
            credentials.bv_len = ber_len_t(buffer.count - 1)
            credentials.bv_val = buffer.baseAddress
            defer { if let base = buffer.baseAddress { memset(base, 0, buffer.count) } }
            return ldap_sasl_bind_s(raw, dn, nil, &credentials, nil, nil, nil)
        }
    }

    /// A SASL bind that never prompts; the identity comes from the connection or Kerberos.
    /// > Warning: Blocks until the server answers or the timeout passes.
    func saslBind(mechanism: String, authorizationID: String?) -> Int32 {
        rolecall_sasl_bind(raw, mechanism, authorizationID)
    }

    /// The server's (or libldap's) diagnostic message for the last operation, if any.
    var diagnosticMessage: String? {
        var message: UnsafeMutablePointer<CChar>?
        guard ldap_get_option(raw, LDAP_OPT_DIAGNOSTIC_MESSAGE, &message) == LDAP_OPT_SUCCESS, let message else {
            return nil
        }
        defer { ldap_memfree(message) }
        let text = String(cString: message)
        // libldap's placeholder carries no information.
        return text.isEmpty || text == "(unknown error code)" ? nil : text
    }
}
