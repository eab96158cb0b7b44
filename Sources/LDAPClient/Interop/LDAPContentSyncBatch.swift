internal import CLDAP

#if canImport(Glibc)
import Glibc
#endif

/// Messages of a content synchronisation search (RFC 4533) read so far, and how it ended.
struct LDAPContentSyncBatch {
    var messages: [ContentSyncMessage] = []
    /// Whether the search result has arrived (or the search failed): nothing more will come.
    var finished = false
    var resultCode = LDAPResultCode.success
    var diagnostic: String?
}

extension LDAPHandle {
    /// Sends a refreshOnly content synchronisation search and returns its message id, or the code
    /// that stopped it being sent.
    func startContentSync(
        base: String,
        scope: LDAPScope,
        filter: String,
        attributes: [String],
        cookie: [UInt8]?
    ) -> (messageID: Int32?, code: LDAPResultCode) {
        var value = ContentSyncCodec.request(cookie: cookie).map { CChar(bitPattern: $0) }
        var control: UnsafeMutablePointer<LDAPControl>?
        let created = value.withUnsafeMutableBufferPointer { buffer in
            var berValue = berval(bv_len: ber_len_t(buffer.count), bv_val: buffer.baseAddress)
            return ldap_control_create(ContentSyncCodec.requestOID, 1, &berValue, 1, &control)
        }
        guard created == LDAP_SUCCESS, let control else { return (nil, LDAPResultCode(rawValue: created)) }
        defer { ldap_control_free(control) }
        var messageID: Int32 = 0
        let code = Self.withSearchArguments(attributes, [control]) { attributeList, controlList in
            ldap_search_ext(raw, base, scope.rawValue, filter, attributeList, 0, controlList, nil, nil, 0, &messageID)
        }
        return (code == LDAP_SUCCESS ? messageID : nil, LDAPResultCode(rawValue: code))
    }

    /// Reads up to `limit` messages of the search `messageID`, each within `timeout` seconds.
    /// A timeout or failure abandons the search and finishes the batch with its code.
    /// > Warning: Blocks until the messages arrive or the timeout passes.
    func contentSyncMessages(_ messageID: Int32, limit: Int, timeout: Double) -> LDAPContentSyncBatch {
        var batch = LDAPContentSyncBatch()
        while batch.messages.count < limit, !batch.finished {
            var wait = Self.timeValue(seconds: timeout)
            var message: OpaquePointer?
            let type = ldap_result(raw, messageID, LDAP_MSG_ONE, &wait, &message)
            guard type > 0, let message else {
                if let message { ldap_msgfree(message) }
                // The code and diagnostic first: abandoning resets them. A connection already lost
                // is not written to (SIGPIPE): only a search that timed out is abandoned.
                batch.resultCode = type == 0 ? .timeout : LDAPResultCode(rawValue: lastResultCode)
                batch.diagnostic = diagnosticMessage
                batch.finished = type != 0
                return failed(batch, messageID)
            }
            defer { ldap_msgfree(message) }
            switch type {
            case MessageType.searchEntry:
                // An entry without a readable Sync State control cannot be placed: the search fails.
                guard let state = entryControl(message, ContentSyncCodec.stateOID).flatMap(ContentSyncCodec.state)
                else { return undecodable(batch, messageID, "an entry came without a readable Sync State control") }
                batch.messages.append(.entry(entry(message), change: state.change, id: state.id))
            case MessageType.intermediate:
                // A Sync Info message lost would lose deletions or presence marks: the search fails.
                guard let info = intermediateValue(message).flatMap(ContentSyncCodec.info) else {
                    return undecodable(batch, messageID, "a Sync Info message could not be read")
                }
                batch.messages.append(.info(info))
            case MessageType.searchResult:
                var page = LDAPSearchPage()
                let done = parseResult(message, into: &page, control: ContentSyncCodec.doneOID)
                batch.finished = true
                batch.resultCode = page.resultCode
                batch.diagnostic = page.diagnostic
                if page.resultCode == .syncRefreshRequired {
                    batch.messages.append(.refreshRequired)
                    batch.resultCode = .success
                } else if page.resultCode == .success {
                    // Without its Sync Done control a refresh cannot be read as complete.
                    guard let parsed = done.flatMap(ContentSyncCodec.done) else {
                        return undecodable(batch, messageID, "the search ended without a readable Sync Done control")
                    }
                    batch.messages.append(.done(cookie: parsed.cookie, refreshDeletes: parsed.refreshDeletes))
                }
            default: break  // continuation references: not followed
            }
        }
        return batch
    }

    /// Ends a batch whose search cannot go on; one still running is abandoned.
    private func failed(_ batch: LDAPContentSyncBatch, _ messageID: Int32) -> LDAPContentSyncBatch {
        var batch = batch
        if !batch.finished { ldap_abandon_ext(raw, messageID, nil, nil) }
        batch.finished = true
        return batch
    }

    /// Ends a batch at a message that cannot be read (RFC 4533 values from the server are untrusted).
    private func undecodable(
        _ batch: LDAPContentSyncBatch,
        _ messageID: Int32,
        _ diagnostic: String
    ) -> LDAPContentSyncBatch {
        var batch = batch
        batch.resultCode = LDAPResultCode(rawValue: LDAP_DECODING_ERROR)
        batch.diagnostic = diagnostic
        return failed(batch, messageID)
    }

    /// The value of an entry's control with `oid`, if it has one.
    private func entryControl(_ message: OpaquePointer, _ oid: String) -> [UInt8]? {
        var controls: UnsafeMutablePointer<UnsafeMutablePointer<LDAPControl>?>?
        guard ldap_get_entry_controls(raw, message, &controls) == LDAP_SUCCESS, let controls else { return nil }
        defer { ldap_controls_free(controls) }
        return ldap_control_find(oid, controls, nil).flatMap { Self.bytes($0.pointee.ldctl_value) }
    }

    /// The value of an intermediate response that carries RFC 4533's Sync Info OID.
    private func intermediateValue(_ message: OpaquePointer) -> [UInt8]? {
        var oid: UnsafeMutablePointer<CChar>?
        var data: UnsafeMutablePointer<berval>?
        guard ldap_parse_intermediate(raw, message, &oid, &data, nil, 0) == LDAP_SUCCESS else { return nil }
        defer {
            if let oid { ldap_memfree(oid) }
            if let data { ber_bvfree(data) }
        }
        guard let oid, String(cString: oid) == ContentSyncCodec.infoOID, let data else { return nil }
        return Self.bytes(data.pointee)
    }

    static func bytes(_ value: berval) -> [UInt8] {
        guard let start = value.bv_val, value.bv_len > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: start, count: Int(value.bv_len)))
    }
}

extension LDAPHandle {
    /// Abandons an outstanding operation (a search no longer read).
    func abandon(_ messageID: Int32) { ldap_abandon_ext(raw, messageID, nil, nil) }
}
