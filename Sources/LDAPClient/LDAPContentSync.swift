public import Directory

/// One message of a content synchronisation search (RFC 4533, refreshOnly).
public enum ContentSyncMessage: Sendable {
    /// An entry with its change and its UUID. Present and deleted entries come without attributes.
    case entry(LDAPEntry, change: ContentSyncChange, id: [UInt8])
    /// A Sync Info message: a cookie, the end of a phase, or many entries at once by UUID.
    case info(ContentSyncInfo)
    /// The refresh is complete: the cookie to start the next one from, and whether it was done by
    /// deletes (`true`: entries not mentioned are unchanged) or by presence (`false`: entries
    /// neither present nor sent are gone).
    case done(cookie: [UInt8]?, refreshDeletes: Bool)
    /// The server cannot refresh from this cookie (e-syncRefreshRequired): read everything again.
    case refreshRequired
}

/// The messages of one refreshOnly content synchronisation search, read a batch at a time as
/// they are consumed.
///
/// Ends after ``ContentSyncMessage/done(cookie:refreshDeletes:)`` or
/// ``ContentSyncMessage/refreshRequired``; any other ending — a limit, a refused control, a lost
/// connection, a timeout between messages — throws. A search not read to its end stays outstanding
/// on the connection until the connection is closed (or the task is cancelled, which abandons it).
public struct LDAPContentSync: AsyncSequence, Sendable {
    public typealias Element = ContentSyncMessage

    let connection: LDAPConnection
    let base: String
    let scope: LDAPScope
    let filter: String
    let attributes: [String]
    let cookie: [UInt8]?

    /// Messages read per trip to the connection's queue.
    static let batchSize = 1_000

    public func makeAsyncIterator() -> Iterator { Iterator(search: self) }

    /// Reads the messages of one search.
    public struct Iterator: AsyncIteratorProtocol {
        let search: LDAPContentSync
        var messageID: Int32?
        var messages: [ContentSyncMessage] = []
        var position = 0
        var finished = false

        init(search: LDAPContentSync) { self.search = search }

        public mutating func next() async throws(LDAPError) -> ContentSyncMessage? {
            while position == messages.count {
                guard !finished else { return nil }
                guard !Task.isCancelled else {
                    finished = true
                    if let messageID { await search.connection.abandon(messageID) }
                    throw LDAPError(.cancelled, .cancelled, uri: search.connection.uri)
                }
                let id: Int32
                if let messageID {
                    id = messageID
                } else {
                    id = try await search.connection.startContentSync(search)
                    messageID = id
                }
                let batch = await search.connection.contentSyncMessages(id, limit: LDAPContentSync.batchSize)
                var page = LDAPSearchPage()
                page.resultCode = batch.resultCode
                page.diagnostic = batch.diagnostic
                finished = batch.finished
                try LDAPSearchResults.Iterator.check(page, uri: search.connection.uri, base: search.base)
                messages = batch.messages
                position = 0
            }
            defer { position += 1 }
            return messages[position]
        }
    }
}

extension LDAPConnection {
    /// Streams a refreshOnly content synchronisation search (RFC 4533): from scratch without a
    /// cookie (every entry arrives as an add), or the changes since the search that gave `cookie`.
    /// The server must offer the control (OpenLDAP's `syncprov`, 389 DS's Content Synchronization
    /// plug-in); see ``rootDSE()``.
    /// - Parameters:
    ///   - base: The DN to search under.
    ///   - scope: How deep to search.
    ///   - filter: The filter; its values are escaped (RFC 4515).
    ///   - attributes: Attribute types to return for added and changed entries.
    ///   - cookie: The cookie of the last complete refresh, or nil for everything.
    /// - Returns: The messages, streamed.
    public nonisolated func contentSync(
        base: String,
        scope: LDAPScope = .subtree,
        filter: SearchFilter,
        attributes: [String],
        cookie: [UInt8]?
    ) -> LDAPContentSync {
        LDAPContentSync(
            connection: self,
            base: base,
            scope: scope,
            filter: filter.description,
            attributes: attributes,
            cookie: cookie
        )
    }

    /// What the server says of itself in its root DSE.
    /// - Throws: ``LDAPError`` when the root DSE cannot be read.
    public func rootDSE() async throws(LDAPError) -> RootDSE {
        let entry = try await entry(
            at: "",
            attributes: ["supportedControl", "vendorName", "dsServiceName", "highestCommittedUSN"]
        )
        let values = { (name: String) in (entry?.values(name) ?? []).map { String(decoding: $0, as: UTF8.self) } }
        return RootDSE(
            supportedControls: Set(values("supportedcontrol")),
            vendorName: values("vendorname").first,
            dsServiceName: values("dsservicename").first,
            highestCommittedUSN: values("highestcommittedusn").first.flatMap { Int64($0) }
        )
    }

    func startContentSync(_ search: LDAPContentSync) throws(LDAPError) -> Int32 {
        let started = handle.startContentSync(
            base: search.base,
            scope: search.scope,
            filter: search.filter,
            attributes: search.attributes,
            cookie: search.cookie
        )
        if let id = started.messageID { return id }
        var page = LDAPSearchPage()
        page.resultCode = started.code == .success ? .serverDown : started.code
        page.diagnostic = handle.diagnosticMessage
        try LDAPSearchResults.Iterator.check(page, uri: uri, base: search.base)
        return -1  // not reached: check throws for any code but success
    }

    func contentSyncMessages(_ messageID: Int32, limit: Int) -> LDAPContentSyncBatch {
        handle.contentSyncMessages(messageID, limit: limit, timeout: timeout)
    }

    func abandon(_ messageID: Int32) { handle.abandon(messageID) }
}
