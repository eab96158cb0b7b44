import Foundation
public import Directory
internal import LDAPClient

extension LDAPSource {
    /// Reads the directory into a snapshot that a later run can refresh incrementally, or refreshes
    /// `previous` with only what changed since it was read.
    ///
    /// Where the server offers content synchronisation (RFC 4533: OpenLDAP's `syncprov`, 389 DS's
    /// Content Synchronization plug-in), the read is a refreshOnly sync search and the snapshot
    /// keeps each entry's UUID and the server's cookie (``DirectorySnapshot/syncState``). Given
    /// that snapshot again, only the entries added, changed or deleted since come over the wire;
    /// the rest is carried over from `previous`. Anything else — another server, base or filter, a
    /// server without the control, a cookie the server no longer honours — is a full read, and the
    /// result says why.
    /// - Parameters:
    ///   - previous: The snapshot to refresh, or nil for a first read.
    ///   - mapping: Which attributes to read; `previous` must have been built with it.
    ///   - policy: The account-state rules; `previous` must have been built with them.
    ///   - full: Read everything even when an incremental refresh is possible.
    ///   - maximumDeletedShare: The largest share of `previous`'s entries a refresh may remove.
    ///   - progress: Called every 10,000 entries of a full read with the count so far.
    /// - Throws: ``RoleCallError``: `directory` when the directory cannot be read completely,
    ///   `noEntries` when a full read finds nothing, `refreshRemovesTooMany` past the share.
    /// - Returns: The new snapshot and what kind of read made it.
    public func synchronize(
        previous: DirectorySnapshot?,
        mapping: AttributeMapping = .init(),
        policy: AccountStatePolicy = .init(),
        full: Bool = false,
        maximumDeletedShare: Double = 0.1,
        progress: (@Sendable (Int) -> Void)? = nil
    ) async throws(RoleCallError) -> SnapshotRefresh {
        let started = Date()
        do {
            let connection = try await LDAPConnection.connect(configuration)
            let base = try await resolveBase(connection)
            let filter = Self.filter(mapping)
            let search = SyncSearch(
                connection: connection,
                base: base,
                filter: filter,
                attributes: mapping.readAttributeTypes(policy: policy) + ["entryUUID"]
            )
            var reason = SnapshotRefresh.FullReadReason.requested
            let support = try? await connection.contentSyncSupport()
            if support?.offered != true {
                reason = .serverWithoutSync
            } else if full {
                reason = .requested
            } else if let previous {
                if let cookie = search.cookie(toRefresh: previous) {
                    let refreshed = try await search.refresh(
                        previous,
                        cookie: cookie,
                        sendsEveryDelete: support?.vendor?.contains("389") == true,
                        mapping: mapping,
                        policy: policy,
                        started: started,
                        maximumDeletedShare: maximumDeletedShare
                    )
                    if let refreshed { return refreshed }
                    reason = .serverRequiredFull
                } else {
                    reason = .otherSearch
                }
            } else {
                reason = .noEarlierSnapshot
            }
            if reason != .serverWithoutSync {
                do {
                    let snapshot = try await search.readAll(
                        mapping: mapping,
                        policy: policy,
                        started: started,
                        progress: progress
                    )
                    return SnapshotRefresh(snapshot: snapshot, kind: .full(reason))
                } catch let error as LDAPError where [4, 11].contains(error.resultCode) {
                    // A size or administrative limit stops the one unpaged sync search; paging gets
                    // past it, without a cookie to refresh from.
                    reason = .syncOverSizeLimit
                }
            }
            var builder = DirectorySnapshot.Builder(mapping: mapping, policy: policy)
            try await read(into: &builder, mapping: mapping, policy: policy, progress: progress, recipients: [])
            return SnapshotRefresh(snapshot: await builder.build(), kind: .full(reason))
        } catch let error as RoleCallError {
            throw error
        } catch let error as LDAPError {
            throw RoleCallError(.directory(error))
        } catch {
            throw RoleCallError(.cancelled)
        }
    }
}

/// What ``LDAPSource/synchronize(previous:mapping:policy:full:maximumDeletedShare:progress:)`` did.
public struct SnapshotRefresh: Sendable {
    /// Why a run read the whole directory rather than refreshing.
    public enum FullReadReason: String, Sendable, CaseIterable {
        /// The caller asked for it (`--full`).
        case requested
        /// There was no earlier snapshot.
        case noEarlierSnapshot
        /// The earlier snapshot was read from another server, base or filter, or without
        /// content synchronisation.
        case otherSearch
        /// The server does not offer content synchronisation (RFC 4533).
        case serverWithoutSync
        /// The server could not refresh from the earlier snapshot's cookie (too old, or the
        /// server was rebuilt).
        case serverRequiredFull
        /// The server's size limit for this account stopped the content synchronisation search
        /// (which is not paged); a paged read got everything, but with no cookie to refresh from.
        case syncOverSizeLimit
    }

    /// How the snapshot was made.
    public enum Kind: Sendable, Equatable {
        /// Only changes were read: entries new to the snapshot, changed, and removed.
        case incremental(added: Int, changed: Int, removed: Int)
        /// Everything was read.
        case full(FullReadReason)
    }

    /// The new snapshot.
    public var snapshot: DirectorySnapshot
    /// How it was made.
    public var kind: Kind
}

/// One server, base and filter read by content synchronisation.
private struct SyncSearch {
    let connection: LDAPConnection
    let base: String
    let filter: SearchFilter
    let attributes: [String]

    /// The cookie to refresh `previous` from, or nil when it was read from another search.
    func cookie(toRefresh previous: DirectorySnapshot) -> [UInt8]? {
        guard let state = previous.syncState, state.uri == connection.uri, state.filter == filter.description,
            DistinguishedName.comparisonKey(state.base) == DistinguishedName.comparisonKey(base)
        else { return nil }
        return Array(state.cookie)
    }

    private func state(cookie: [UInt8]?) -> SnapshotSyncState? {
        cookie.map { SnapshotSyncState(uri: connection.uri, base: base, filter: filter.description, cookie: Data($0)) }
    }

    /// Reads every entry with its UUID, and the cookie to refresh from next time.
    func readAll(
        mapping: AttributeMapping,
        policy: AccountStatePolicy,
        started: Date,
        progress: (@Sendable (Int) -> Void)?
    ) async throws -> DirectorySnapshot {
        var builder = DirectorySnapshot.Builder(mapping: mapping, policy: policy)
        builder.setOrigin(.ldap(uri: connection.uri, base: base))
        builder.setReflects(started)
        var cookie: [UInt8]?
        var count = 0
        var batch = EntryBatch(source: connection.uri)
        for try await message in connection.contentSync(base: base, filter: filter, attributes: attributes, cookie: nil)
        {
            switch message {
            case .entry(let entry, let change, let id) where change == .add || change == .modify:
                try await batch.items.append(item(entry, id: SyncChanges.hex(id), template: builder.collector()))
                count += 1
                if batch.items.count == LDIFEntryBatches.batchSize {
                    builder.add(batch)
                    batch.items.removeAll(keepingCapacity: true)
                }
                if count % 10_000 == 0 { progress?(count) }
            case .info(let info): cookie = info.cookie ?? cookie
            case .done(let last, _): cookie = last ?? cookie
            case .entry, .refreshRequired: break  // a first read has nothing to refresh from
            }
        }
        builder.add(batch)
        guard count > 0 else {
            throw RoleCallError(
                .noEntries(
                    uri: connection.uri,
                    base: base,
                    titleAttribute: mapping.title,
                    roleObjectClass: mapping.roleObjectClass
                )
            )
        }
        try await LDAPSource.addUnresolvedOccupants(to: &builder, connection: connection, attributes: attributes)
        builder.setSyncState(state(cookie: cookie))
        return await builder.build(matcher: .init())
    }

    /// Applies the changes since `cookie` to `previous`; nil when the server requires a full read.
    /// `sendsEveryDelete`: the server replays its change log, sending each deletion, and its Sync
    /// Done says refreshDeletes false even then (389 DS): entries not mentioned are unchanged
    /// unless it explicitly marks some present.
    func refresh(
        _ previous: DirectorySnapshot,
        cookie: [UInt8],
        sendsEveryDelete: Bool,
        mapping: AttributeMapping,
        policy: AccountStatePolicy,
        started: Date,
        maximumDeletedShare: Double
    ) async throws -> SnapshotRefresh? {
        var changes = SyncChanges(sendsEveryDelete: sendsEveryDelete)
        for try await message in connection.contentSync(
            base: base,
            filter: filter,
            attributes: attributes,
            cookie: cookie
        ) {
            if case .refreshRequired = message { return nil }
            changes.record(message)
        }
        var builder = DirectorySnapshot.Builder(mapping: mapping, policy: policy)
        builder.setOrigin(.ldap(uri: connection.uri, base: base))
        builder.setReflects(started)
        // Entries read on their own (occupants outside the search) carry no UUID: read again below.
        var synced = 0
        var removed = 0
        var changed = 0
        var dropped: Set<String> = []
        for person in previous.people {
            guard let id = person.syncID else {
                dropped.insert(person.normalizedDN)
                continue
            }
            synced += 1
            switch changes.fate(of: id) {
            case .kept: builder.carry(person)
            case .changed: changed += 1
            case .removed: removed += 1
            }
            if changes.fate(of: id) != .kept { dropped.insert(person.normalizedDN) }
        }
        for role in previous.roles {
            guard let id = role.syncID else { continue }
            synced += 1
            switch changes.fate(of: id) {
            case .kept: builder.carry(role)
            case .changed: changed += 1
            case .removed: removed += 1
            }
            if changes.fate(of: id) != .kept { dropped.insert(DistinguishedName.comparisonKey(role.dn)) }
        }
        if removed > 0, Double(removed) > maximumDeletedShare * Double(max(synced, 1)) {
            throw RoleCallError(
                .refreshRemovesTooMany(
                    path: previous.file ?? "",
                    removed: removed,
                    of: synced,
                    maximumShare: maximumDeletedShare
                )
            )
        }
        for warning in previous.warnings where !dropped.contains(DistinguishedName.comparisonKey(warning.dn)) {
            builder.carry(warning)
        }
        var batch = EntryBatch(source: connection.uri)
        for (id, entry) in changes.entries {
            try await batch.items.append(item(entry, id: id, template: builder.collector()))
        }
        builder.add(batch)
        try await LDAPSource.addUnresolvedOccupants(to: &builder, connection: connection, attributes: attributes)
        builder.setSyncState(state(cookie: changes.cookie ?? cookie))
        return SnapshotRefresh(
            snapshot: await builder.build(matcher: previous.titleIndex.matcher),
            kind: .incremental(added: changes.entries.count - changed, changed: changed, removed: removed)
        )
    }

    private func item(
        _ entry: LDAPEntry,
        id: String,
        template: DirectorySnapshot.Builder.Collector
    ) async throws -> EntryBatch.Item {
        let complete = entry.hasRangedAttributes ? try await connection.completingRanges(of: entry) : entry
        var item = try LDAPSource.item(complete, template: template, uri: connection.uri)
        item.syncID = id
        return item
    }
}

/// The changes a refresh reported, by entry UUID.
private struct SyncChanges {
    /// Entries added or changed, in the order they last arrived, by UUID in hex.
    private(set) var entries: [(String, LDAPEntry)] = []
    private var entryPositions: [String: Int] = [:]
    private var deleted: Set<String> = []
    private var present: Set<String> = []
    /// Whether the refresh was done by presence: entries neither present nor sent are gone.
    private var byPresence = false
    private(set) var cookie: [UInt8]?
    /// Whether only an explicit presence mark (not Sync Done's refreshDeletes) means presence.
    let sendsEveryDelete: Bool

    init(sendsEveryDelete: Bool) { self.sendsEveryDelete = sendsEveryDelete }

    enum Fate { case kept, changed, removed }

    func fate(of id: String) -> Fate {
        if entryPositions[id] != nil { return .changed }
        if deleted.contains(id) { return .removed }
        if byPresence, !present.contains(id) { return .removed }
        return .kept
    }

    mutating func record(_ message: ContentSyncMessage) {
        switch message {
        case .entry(let entry, let change, let raw):
            let id = Self.hex(raw)
            switch change {
            case .add, .modify:
                if let position = entryPositions[id] {
                    entries[position].1 = entry
                } else {
                    entryPositions[id] = entries.count
                    entries.append((id, entry))
                }
                deleted.remove(id)
            case .present:
                present.insert(id)
                byPresence = true
            case .delete: forget(id)
            }
        case .info(.identifiers(let ids, let isDeleted, let newCookie)):
            for id in ids.map(Self.hex) {
                if isDeleted { forget(id) } else { present.insert(id) }
            }
            if !isDeleted { byPresence = true }
            cookie = newCookie ?? cookie
        case .info(.phaseEnded(let presence, let newCookie, _)):
            if presence { byPresence = true }
            cookie = newCookie ?? cookie
        case .info(.newCookie(let newCookie)): cookie = newCookie
        case .done(let last, let refreshDeletes):
            if !refreshDeletes, !sendsEveryDelete { byPresence = true }
            cookie = last ?? cookie
        case .refreshRequired: break
        }
    }

    private mutating func forget(_ id: String) {
        deleted.insert(id)
        present.remove(id)
        if let position = entryPositions.removeValue(forKey: id) {
            entries.remove(at: position)
            for (index, entry) in entries.enumerated().dropFirst(position) { entryPositions[entry.0] = index }
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes { text += [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]] }
        return String(decoding: text, as: UTF8.self)
    }
}

extension ContentSyncInfo {
    /// The cookie the message carries, if any.
    var cookie: [UInt8]? {
        switch self {
        case .newCookie(let cookie): cookie
        case .phaseEnded(_, let cookie, _), .identifiers(_, _, let cookie): cookie
        }
    }
}
