internal import CLDAP

#if canImport(Glibc)
import Glibc
#endif

/// Kerberos credentials for a GSSAPI bind, obtained before binding so that each way Kerberos can
/// fail has an error of its own (SASL reports them all as one "local error" with words).
///
/// With a keytab, a ticket-granting ticket for the principal is obtained from it into a credential
/// cache in memory, private to this bind; without one, the caller's default cache must already
/// hold one (`kinit`). Either way a ticket for `ldap/<host as given in the URI>` is fetched first.
/// Owns the `krb5_context` and the cache; a memory cache is destroyed with it.
final class KerberosCredentials {
    private let session: KerberosSession
    /// The memory cache's name (`MEMORY:…`) when credentials came from a keytab.
    let privateCacheName: String?

    /// Gets credentials.
    /// - Parameters:
    ///   - keytab: A keytab to obtain the principal's ticket with; nil uses the default cache.
    ///   - principal: The client principal; nil takes the keytab's first, or the cache's.
    ///   - serviceHost: The host named in the URI; a ticket for `ldap/serviceHost` is fetched.
    /// - Throws: ``LDAPError`` with a Kerberos code saying what failed.
    init(keytab: String?, principal: String?, serviceHost: String) throws(LDAPError) {
        var context: OpaquePointer?
        let started = krb5_init_context(&context)
        guard started == 0, let context else {
            throw LDAPError(.kerberosCredentialsUnavailable, .kerberos(.start, subject: nil), resultCode: started)
        }
        let name = keytab == nil ? nil : "MEMORY:rolecall-\(UInt64.random(in: 0...UInt64.max))"
        var cache: OpaquePointer?
        let opened = name.map { krb5_cc_resolve(context, $0, &cache) } ?? krb5_cc_default(context, &cache)
        guard opened == 0, let cache else {
            defer { krb5_free_context(context) }
            throw KerberosSession.error(opened, context, .openCache)
        }
        let session = KerberosSession(context: context, cache: cache)
        do {
            if let keytab {
                try session.obtain(fromKeytab: keytab, principal: principal)
            } else {
                try session.requireTicket(for: principal)
            }
            try session.fetchServiceTicket(host: serviceHost)
        } catch {
            session.close(destroying: name != nil)
            throw error
        }
        self.session = session
        self.privateCacheName = name
    }

    deinit { session.close(destroying: privateCacheName != nil) }

    /// Runs `body` with GSSAPI on this thread using this bind's credential cache (MIT keeps the
    /// name per thread), and restores the previous one after.
    /// - Throws: ``LDAPError`` `kerberosCredentialsUnavailable` when GSSAPI will not switch caches
    ///   (binding anyway could authenticate as whoever the default cache belongs to).
    func whileCurrent<Result>(_ body: () -> Result) throws(LDAPError) -> Result {
        guard let privateCacheName else { return body() }
        var minor: OM_uint32 = 0
        var previous: UnsafePointer<CChar>?
        guard gss_krb5_ccache_name(&minor, privateCacheName, &previous) == GSS_S_COMPLETE else {
            throw LDAPError(.kerberosCredentialsUnavailable, .kerberos(.switchCache, subject: privateCacheName))
        }
        let previousName = previous.map { String(cString: $0) }
        defer { _ = gss_krb5_ccache_name(&minor, previousName, nil) }
        return body()
    }
}

/// A Kerberos context and credential cache, and the steps that fill the cache. Freed by its owner.
private struct KerberosSession {
    let context: OpaquePointer
    let cache: OpaquePointer

    func close(destroying: Bool) {
        if destroying { krb5_cc_destroy(context, cache) } else { krb5_cc_close(context, cache) }
        krb5_free_context(context)
    }

    // MARK: steps

    func obtain(fromKeytab path: String, principal: String?) throws(LDAPError) {
        var keytab: OpaquePointer?
        try Self.check(krb5_kt_resolve(context, "FILE:" + path, &keytab), context, .readKeytab, path)
        defer { if let keytab { krb5_kt_close(context, keytab) } }
        var client: krb5_principal?
        if let principal {
            try Self.check(krb5_parse_name(context, principal, &client), context, .readPrincipal, principal)
        } else {
            client = try firstPrincipal(in: keytab, path: path)
        }
        defer { if let client { krb5_free_principal(context, client) } }
        var credentials = krb5_creds()
        try Self.check(
            krb5_get_init_creds_keytab(context, &credentials, client, keytab, 0, nil, nil),
            context,
            .getTicket,
            principal
        )
        defer { krb5_free_cred_contents(context, &credentials) }
        try Self.check(krb5_cc_initialize(context, cache, client), context, .storeTicket)
        try Self.check(krb5_cc_store_cred(context, cache, &credentials), context, .storeTicket)
    }

    private func firstPrincipal(in keytab: OpaquePointer?, path: String) throws(LDAPError) -> krb5_principal? {
        var cursor: krb5_kt_cursor?
        try Self.check(krb5_kt_start_seq_get(context, keytab, &cursor), context, .readKeytab, path)
        defer { krb5_kt_end_seq_get(context, keytab, &cursor) }
        var entry = krb5_keytab_entry()
        try Self.check(krb5_kt_next_entry(context, keytab, &entry, &cursor), context, .readKeytab, path)
        defer { krb5_free_keytab_entry_contents(context, &entry) }
        var copy: krb5_principal?
        try Self.check(krb5_copy_principal(context, entry.principal, &copy), context, .readKeytab, path)
        return copy
    }

    func requireTicket(for principal: String?) throws(LDAPError) {
        var holder: krb5_principal?
        let code = krb5_cc_get_principal(context, cache, &holder)
        guard code == 0, let holder else {
            throw LDAPError(
                .kerberosCredentialsUnavailable,
                .kerberos(.findTicket, subject: principal),
                resultCode: code,
                resultName: Self.message(code, context)
            )
        }
        defer { krb5_free_principal(context, holder) }
        guard let principal else { return }
        var wanted: krb5_principal?
        try Self.check(krb5_parse_name(context, principal, &wanted), context, .readPrincipal, principal)
        defer { if let wanted { krb5_free_principal(context, wanted) } }
        guard krb5_principal_compare(context, holder, wanted) != 0 else {
            throw LDAPError(
                .kerberosCredentialsUnavailable,
                .otherPrincipal(cached: name(of: holder), wanted: principal)
            )
        }
    }

    func fetchServiceTicket(host: String) throws(LDAPError) {
        var client: krb5_principal?
        try Self.check(krb5_cc_get_principal(context, cache, &client), context, .findTicket)
        defer { if let client { krb5_free_principal(context, client) } }
        var realms: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        try Self.check(krb5_get_host_realm(context, host, &realms), context, .findRealm, host)
        defer { krb5_free_host_realm(context, realms) }
        var realm = realms?.pointee.map { String(cString: $0) } ?? ""
        if realm.isEmpty, let client { realm = String(data: client.pointee.realm) }
        let name = "ldap/\(host)@\(realm)"
        var server: krb5_principal?
        try Self.check(krb5_parse_name(context, name, &server), context, .readPrincipal, name)
        defer { if let server { krb5_free_principal(context, server) } }
        var request = krb5_creds()
        request.client = client
        request.server = server
        var ticket: UnsafeMutablePointer<krb5_creds>?
        let code = krb5_get_credentials(context, 0, cache, &request, &ticket)
        if let ticket { krb5_free_creds(context, ticket) }
        try Self.check(code, context, .getServiceTicket, name)
    }

    // MARK: errors

    private func name(of principal: krb5_principal) -> String? {
        var text: UnsafeMutablePointer<CChar>?
        guard krb5_unparse_name(context, principal, &text) == 0, let text else { return nil }
        defer { krb5_free_unparsed_name(context, text) }
        return String(cString: text)
    }

    private static func message(_ code: krb5_error_code, _ context: OpaquePointer) -> String? {
        guard let text = krb5_get_error_message(context, code) else { return nil }
        defer { krb5_free_error_message(context, text) }
        return String(cString: text)
    }

    /// Maps a Kerberos result to a typed error, or returns on success.
    static func check(
        _ code: krb5_error_code,
        _ context: OpaquePointer,
        _ step: LDAPError.KerberosStep,
        _ subject: String? = nil
    ) throws(LDAPError) {
        guard code != 0 else { return }
        throw error(code, context, step, subject)
    }

    /// The typed error for a failed Kerberos call.
    static func error(
        _ code: krb5_error_code,
        _ context: OpaquePointer,
        _ step: LDAPError.KerberosStep,
        _ subject: String? = nil
    ) -> LDAPError {
        let kind: LDAPError.Code =
            switch Int(code) {
            case Int(KRB5KRB_AP_ERR_SKEW): .kerberosClockSkew
            case Int(KRB5KDC_ERR_C_PRINCIPAL_UNKNOWN): .kerberosPrincipalUnknown
            case Int(KRB5KDC_ERR_S_PRINCIPAL_UNKNOWN): .kerberosServiceUnknown
            case Int(KRB5_KDC_UNREACH), Int(KRB5_REALM_UNKNOWN): .kerberosServerUnreachable
            default: .kerberosCredentialsUnavailable
            }
        return LDAPError(
            kind,
            .kerberos(step, subject: subject),
            resultCode: code,
            resultName: message(code, context)
        )
    }
}

extension String {
    /// A Kerberos `krb5_data` (bytes with a length, not NUL-terminated) as text.
    fileprivate init(data: krb5_data) {
        guard let bytes = data.data, data.length > 0 else {
            self = ""
            return
        }
        self = String(decoding: UnsafeRawBufferPointer(start: bytes, count: Int(data.length)), as: UTF8.self)
    }
}
