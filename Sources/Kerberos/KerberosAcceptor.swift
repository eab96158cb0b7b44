internal import CGSSAPI

/// Kerberos single sign-on for a web service (HTTP Negotiate, RFC 4559): accepts the SPNEGO tokens
/// browsers on an Active Directory or MIT Kerberos intranet send, with the service's keys from a
/// keytab, and says whom each token signs in. The only GSS-API code in RoleCall.
///
/// One token signs a person in: a ticket for the service, which the keytab's key decrypts, so
/// nothing is asked of the KDC. A sign-in that would need a second round trip (NTLM, or a mechanism
/// the browser guessed wrongly) is refused rather than kept across requests. MIT Kerberos keeps a
/// replay cache, so a captured token is refused the second time.
public final class KerberosAcceptor: @unchecked Sendable {
    // @unchecked: the credential is only read after `init`, and MIT's GSS-API locks the credential
    // it shares between concurrent `gss_accept_sec_context` calls.

    /// Why the service cannot accept sign-ins with the keytab.
    public struct StartFailure: Error, Sendable, Hashable {
        /// The keytab as given.
        public let keytab: String
        /// What GSS-API said (such as "Keytab FILE:… is nonexistent or empty").
        public let reason: String
    }

    /// Someone a token signed in.
    public struct SignedIn: Sendable, Hashable {
        /// The Kerberos principal, such as `alice@EXAMPLE.ORG`.
        public let principal: String
        /// The principal's local name under krb5.conf's `auth_to_local` rules (by default, the
        /// name without the realm for principals of the default realm); nil when no rule maps it.
        public let localName: String?
        /// The token proving the service to the browser (mutual authentication), for the response's
        /// `WWW-Authenticate: Negotiate` header; empty when there is none.
        public let reply: [UInt8]
    }

    /// Why a token signs no one in.
    public enum Refusal: Error, Sendable, Hashable {
        /// The sign-in needs more than one round trip (NTLM, or a mechanism other than Kerberos).
        case needsMoreSteps
        /// The token signs in an anonymous principal.
        case anonymous
        /// GSS-API rejected the token (expired, replayed, for another service, malformed), saying why.
        case rejected(reason: String)
    }

    private let credential: gss_cred_id_t
    /// `GSS_S_CONTINUE_NEEDED`, a macro Swift cannot import: the first supplementary status bit.
    private static let continueNeeded: OM_uint32 = 1

    /// Reads the service's keys from `keytab`.
    /// - Parameter keytab: The keytab's path (or a `TYPE:residual` name), holding the keys of the
    ///   service's principals (`HTTP/host@REALM`). Any principal in it may be asked for.
    /// - Throws: ``StartFailure`` when the keytab is missing, unreadable, empty or unusable.
    public init(keytab: String) throws(StartFailure) {
        var minor: OM_uint32 = 0
        var acquired: gss_cred_id_t?
        let major = "keytab".withCString { key in
            keytab.withCString { value in
                var element = gss_key_value_element_desc(key: key, value: value)
                return withUnsafePointer(to: &element) { elements in
                    var store = gss_key_value_set_desc(count: 1, elements: UnsafeMutablePointer(mutating: elements))
                    return gss_acquire_cred_from(
                        &minor,
                        nil,
                        GSS_C_INDEFINITE,
                        nil,
                        gss_cred_usage_t(GSS_C_ACCEPT),
                        &store,
                        &acquired,
                        nil,
                        nil
                    )
                }
            }
        }
        guard major == GSS_S_COMPLETE, let acquired else {
            throw StartFailure(keytab: keytab, reason: Self.describe(major: major, minor: minor))
        }
        credential = acquired
    }

    deinit {
        var minor: OM_uint32 = 0
        var held: gss_cred_id_t? = credential
        _ = gss_release_cred(&minor, &held)
    }

    /// Accepts one Negotiate token.
    /// - Parameter token: The token, decoded from the `Authorization: Negotiate` header's base64.
    /// - Returns: Who signed in, or why no one did.
    public func accept(_ token: [UInt8]) -> Result<SignedIn, Refusal> {
        guard !token.isEmpty else { return .failure(.rejected(reason: "the token is empty")) }
        var minor: OM_uint32 = 0
        var context: gss_ctx_id_t?
        var source: gss_name_t?
        var output = gss_buffer_desc()
        var flags: OM_uint32 = 0
        let major = token.withUnsafeBytes { bytes in
            var input = gss_buffer_desc(
                length: bytes.count,
                value: UnsafeMutableRawPointer(mutating: bytes.baseAddress)
            )
            return gss_accept_sec_context(
                &minor,
                &context,
                credential,
                &input,
                nil,
                &source,
                nil,
                &output,
                &flags,
                nil,
                nil
            )
        }
        defer {
            var ignored: OM_uint32 = 0
            if context != nil { _ = gss_delete_sec_context(&ignored, &context, nil) }
            if source != nil { _ = gss_release_name(&ignored, &source) }
            _ = gss_release_buffer(&ignored, &output)
        }
        if major == Self.continueNeeded { return .failure(.needsMoreSteps) }
        guard major == GSS_S_COMPLETE, let source else {
            return .failure(.rejected(reason: Self.describe(major: major, minor: minor)))
        }
        guard flags & OM_uint32(GSS_C_ANON_FLAG) == 0 else { return .failure(.anonymous) }
        guard let principal = Self.text(of: source, local: false) else {
            return .failure(.rejected(reason: "the principal's name cannot be shown"))
        }
        return .success(
            SignedIn(principal: principal, localName: Self.text(of: source, local: true), reply: Self.bytes(output))
        )
    }

    /// A name's text: as GSS-API displays it, or its local name.
    private static func text(of name: gss_name_t, local: Bool) -> String? {
        var minor: OM_uint32 = 0
        var buffer = gss_buffer_desc()
        let major = local ? gss_localname(&minor, name, nil, &buffer) : gss_display_name(&minor, name, &buffer, nil)
        defer { _ = gss_release_buffer(&minor, &buffer) }
        guard major == GSS_S_COMPLETE else { return nil }
        return String(validating: bytes(buffer), as: UTF8.self)
    }

    private static func bytes(_ buffer: gss_buffer_desc) -> [UInt8] {
        guard let value = buffer.value, buffer.length > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: value, count: buffer.length))
    }

    /// GSS-API's words for a status: the general one, then the mechanism's (alone when the general
    /// one is only `GSS_S_FAILURE`, "see the minor code").
    private static func describe(major: OM_uint32, minor: OM_uint32) -> String {
        var parts: [String] = []
        let unspecified = major >> 16 == 13 && minor != 0
        for (code, type) in [(unspecified ? 0 : major, GSS_C_GSS_CODE), (minor, GSS_C_MECH_CODE)] where code != 0 {
            var more: OM_uint32 = 0
            repeat {
                var status: OM_uint32 = 0
                var buffer = gss_buffer_desc()
                guard gss_display_status(&status, code, Int32(type), nil, &more, &buffer) == GSS_S_COMPLETE else {
                    break
                }
                parts.append(String(decoding: bytes(buffer), as: UTF8.self))
                _ = gss_release_buffer(&status, &buffer)
            } while more != 0
        }
        return parts.isEmpty ? "GSS-API status \(major)" : parts.joined(separator: ": ")
    }
}
