internal import CLDAP

#if canImport(Glibc)
import Glibc
#endif

/// One page of a search: the entries, the server's result and the paged-results cookie.
struct LDAPSearchPage {
    var entries: [LDAPEntry] = []
    /// Search continuation references seen (not followed).
    var references = 0
    var resultCode = LDAPResultCode.success
    var diagnostic: String?
    var matchedDN: String?
    /// The cookie for the next page; empty when the search is complete.
    var cookie: [UInt8] = []
    /// Whether the server answered the paged-results control at all.
    var pagedResponse = false
}

/// Message types of a search result chain (RFC 4511 application tags).
enum MessageType {
    static let searchEntry: Int32 = 0x64
    static let searchResult: Int32 = 0x65
    static let searchReference: Int32 = 0x73
    static let intermediate: Int32 = 0x79
}

extension LDAPHandle {
    /// Runs one synchronous search request, with a paged-results control when `pageSize` > 0.
    /// > Warning: Blocks until the page arrives or the timeout passes.
    func searchPage(
        base: String,
        scope: LDAPScope,
        filter: String,
        attributes: [String],
        pageSize: Int,
        cookie: [UInt8],
        timeout: Double
    ) -> LDAPSearchPage {
        var page = LDAPSearchPage()
        var controls: [UnsafeMutablePointer<LDAPControl>?] = []
        if pageSize > 0 {
            var control: UnsafeMutablePointer<LDAPControl>?
            var cookieBytes = cookie.map { CChar(bitPattern: $0) }
            let code = cookieBytes.withUnsafeMutableBufferPointer { buffer -> Int32 in
                var value = berval(bv_len: ber_len_t(buffer.count), bv_val: buffer.baseAddress)
                // A page size past `Int32.max` asks for "as many as you allow": the server caps it anyway.
                let size = ber_int_t(clamping: pageSize)
                if buffer.isEmpty { return ldap_create_page_control(raw, size, nil, 1, &control) }
                return ldap_create_page_control(raw, size, &value, 1, &control)
            }
            guard code == LDAP_SUCCESS, let control else {
                page.resultCode = LDAPResultCode(rawValue: code)
                return page
            }
            controls.append(control)
        }
        defer { for control in controls { ldap_control_free(control) } }
        // The timeout bounds only this side's wait. Sent as the search's time limit, it would have
        // 389 DS close the connection (T2) while a slow reader works between pages.
        var messageID: Int32 = 0
        let sent = Self.withSearchArguments(attributes, controls) { attributeList, controlList in
            ldap_search_ext(raw, base, scope.rawValue, filter, attributeList, 0, controlList, nil, nil, 0, &messageID)
        }
        guard sent == LDAP_SUCCESS else {
            page.resultCode = LDAPResultCode(rawValue: sent)
            page.diagnostic = diagnosticMessage
            return page
        }
        var wait = Self.timeValue(seconds: timeout)
        var result: OpaquePointer?
        let type = ldap_result(raw, messageID, LDAP_MSG_ALL, &wait, &result)
        defer { if let result { ldap_msgfree(result) } }
        guard type > 0, let result else {
            // The code and diagnostic first: abandoning resets them. Only a search that timed out
            // is abandoned; writing to a connection already lost would raise SIGPIPE.
            page.resultCode = type == 0 ? .timeout : LDAPResultCode(rawValue: lastResultCode)
            page.diagnostic = diagnosticMessage
            if type == 0 { ldap_abandon_ext(raw, messageID, nil, nil) }
            return page
        }
        var message = ldap_first_message(raw, result)
        while let current = message {
            switch ldap_msgtype(current) {
            case MessageType.searchEntry: page.entries.append(entry(current))
            case MessageType.searchReference: page.references += 1
            case MessageType.searchResult: parseResult(current, into: &page)
            default: break
            }
            message = ldap_next_message(raw, current)
        }
        return page
    }

    /// Calls `body` with the attribute types and server controls as libldap takes them: arrays
    /// ending in NULL, valid only during the call.
    static func withSearchArguments<T>(
        _ attributes: [String],
        _ controls: [UnsafeMutablePointer<LDAPControl>?],
        _ body: (
            UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
            UnsafeMutablePointer<UnsafeMutablePointer<LDAPControl>?>?
        ) -> T
    ) -> T {
        var attributeStrings = attributes.map { strdup($0) } + [nil]
        defer { for pointer in attributeStrings { free(pointer) } }
        var controlList = controls + [nil]
        return controlList.withUnsafeMutableBufferPointer { controlBuffer in
            attributeStrings.withUnsafeMutableBufferPointer { attributeBuffer in
                body(attributeBuffer.baseAddress, controlBuffer.baseAddress)
            }
        }
    }

    /// Reads the result message: its code, diagnostic, matched DN and paged-results cookie.
    /// - Returns: The value of the result's control with `oid`, when it has one.
    @discardableResult
    func parseResult(
        _ message: OpaquePointer,
        into page: inout LDAPSearchPage,
        control oid: String = LDAP_CONTROL_PAGEDRESULTS
    ) -> [UInt8]? {
        var code: Int32 = 0
        var matched: UnsafeMutablePointer<CChar>?
        var text: UnsafeMutablePointer<CChar>?
        var referrals: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        var serverControls: UnsafeMutablePointer<UnsafeMutablePointer<LDAPControl>?>?
        let parsed = ldap_parse_result(raw, message, &code, &matched, &text, &referrals, &serverControls, 0)
        defer {
            if let matched { ldap_memfree(matched) }
            if let text { ldap_memfree(text) }
            if let referrals {
                ber_memvfree(UnsafeMutableRawPointer(referrals).assumingMemoryBound(to: UnsafeMutableRawPointer?.self))
            }
            if let serverControls { ldap_controls_free(serverControls) }
        }
        guard parsed == LDAP_SUCCESS else {
            page.resultCode = LDAPResultCode(rawValue: parsed)
            return nil
        }
        page.resultCode = LDAPResultCode(rawValue: code)
        if let text, text.pointee != 0 { page.diagnostic = String(cString: text) }
        if let matched, matched.pointee != 0 { page.matchedDN = String(cString: matched) }
        guard let serverControls, let control = ldap_control_find(oid, serverControls, nil) else { return nil }
        guard oid == LDAP_CONTROL_PAGEDRESULTS else { return Self.bytes(control.pointee.ldctl_value) }
        var count: ber_int_t = 0
        var cookie = berval(bv_len: 0, bv_val: nil)
        guard ldap_parse_pageresponse_control(raw, control, &count, &cookie) == LDAP_SUCCESS else { return nil }
        defer { if cookie.bv_val != nil { ber_memfree(cookie.bv_val) } }
        page.pagedResponse = true
        // `Int(bv_len)` here and below: the length of a buffer libldap holds in memory, below `Int.max`.
        if let bytes = cookie.bv_val, cookie.bv_len > 0 {
            page.cookie = Array(UnsafeRawBufferPointer(start: bytes, count: Int(cookie.bv_len)))
        }
        return nil
    }

    /// Copies one entry's DN and values out of the message chain.
    ///
    /// Uses libldap's BER-level accessors, which point into the message instead of copying every
    /// value; only the value arrays are allocated, and freed here.
    func entry(_ message: OpaquePointer) -> LDAPEntry {
        var ber: OpaquePointer?
        var dnValue = berval(bv_len: 0, bv_val: nil)
        guard ldap_get_dn_ber(raw, message, &ber, &dnValue) == LDAP_SUCCESS else {
            if let ber { ber_free(ber, 0) }
            return LDAPEntry(dn: "", attributes: [:])
        }
        defer { if let ber { ber_free(ber, 0) } }
        let dn = Self.string(dnValue)
        var attributes: [String: [[UInt8]]] = [:]
        while true {
            var name = berval(bv_len: 0, bv_val: nil)
            var values: UnsafeMutablePointer<berval>?
            guard ldap_get_attribute_ber(raw, message, ber, &name, &values) == LDAP_SUCCESS, name.bv_val != nil else {
                if let values { ber_memfree(values) }
                break
            }
            var collected: [[UInt8]] = []
            if let values {
                var index = 0
                while values[index].bv_val != nil {
                    let value = values[index]
                    collected.append(Array(UnsafeRawBufferPointer(start: value.bv_val, count: Int(value.bv_len))))
                    index += 1
                }
                ber_memfree(values)
            }
            attributes[Self.string(name), default: []] += collected
        }
        return LDAPEntry(dn: dn, attributes: attributes)
    }

    private static func string(_ value: berval) -> String {
        guard let bytes = value.bv_val, value.bv_len > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: Int(value.bv_len)), as: UTF8.self)
    }
}
