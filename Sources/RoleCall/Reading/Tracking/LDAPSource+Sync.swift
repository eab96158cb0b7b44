import Foundation
public import Directory
internal import LDAPClient

extension LDAPSource {
    /// Reads the directory into a snapshot that a later run can refresh incrementally, or refreshes
    /// `previous` with only what changed since it was read.
    ///
    /// Two ways of following changes are used, whichever the server offers:
    /// - content synchronisation (RFC 4533: OpenLDAP's `syncprov`, 389 DS's Content
    ///   Synchronization plug-in): a refreshOnly sync search, with the server's cookie kept;
    /// - Active Directory's update sequence numbers: entries whose `uSNChanged` is past the number
    ///   the domain controller had reached at the last read, on the same domain controller (its
    ///   `invocationId`, which a restore changes); entries that are gone are found by listing the
    ///   `objectGUID`s still there.
    ///
    /// Each entry keeps its UUID (``DirectorySnapshot/Person/syncID``), and the snapshot where to
    /// start from (``DirectorySnapshot/syncState``). Given that snapshot again, only what changed
    /// comes over the wire and the rest is carried over. Anything else — another server, base or
    /// filter, a server that tracks nothing, a cookie the server no longer honours — is a full
    /// read, and the result says why.
    /// - Parameters:
    ///   - previous: The snapshot to refresh, or nil for a first read.
    ///   - mapping: Which attributes to read; `previous` must have been built with it.
    ///   - policy: The account-state rules; `previous` must have been built with them.
    ///   - full: Read everything even when an incremental refresh is possible.
    ///   - maximumDeletedShare: The largest share of `previous`'s entries a refresh may remove.
    ///   - groups: Groups to keep too, by DN, with their members and nested groups (for
    ///     `serve --allow-group`: the search for titles and roles finds no groups). They are read
    ///     again whole at every refresh; one the server does not have is left out.
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
        groups: [String] = [],
        progress: (@Sendable (Int) -> Void)? = nil
    ) async throws(RoleCallError) -> SnapshotRefresh {
        do {
            let connection = try await LDAPConnection.connect(configuration)
            let search = TrackedSearch(
                connection: connection,
                base: try await resolveBase(connection),
                filter: Self.filter(mapping),
                attributes: mapping.readAttributeTypes(policy: policy),
                pageSize: configuration.pageSize,
                account: account,
                mapping: mapping,
                policy: policy,
                groups: groups,
                started: Date()
            )
            let server = try? await connection.rootDSE()
            var tracker: (any ChangeTracker)?
            if let server, server.offersContentSync {
                tracker = ContentSyncTracker(search: search)
            } else if let server, server.isActiveDirectory {
                tracker = try await UpdateSequenceTracker(search: search, server: server)
            }
            var reason = SnapshotRefresh.FullReadReason.serverWithoutSync
            if let tracker {
                if full {
                    reason = .requested
                } else if let previous {
                    reason = .otherSearch
                    if let state = tracker.state(toRefresh: previous) {
                        switch try await tracker.changes(since: state, previous: previous) {
                        case .delta(let delta, let next):
                            return try await delta.apply(
                                to: previous,
                                search: search,
                                state: next,
                                maximumDeletedShare: maximumDeletedShare
                            )
                        case .fullReadNeeded(let why): reason = why
                        }
                    }
                } else {
                    reason = .noEarlierSnapshot
                }
                do {
                    return SnapshotRefresh(snapshot: try await tracker.readAll(progress: progress), kind: .full(reason))
                } catch let error as LDAPError where TrackedSearch.limits.contains(error.resultCode ?? 0) {
                    // A size or administrative limit stops the one unpaged sync search; paging gets
                    // past it, without a cookie to refresh from.
                    reason = .syncOverSizeLimit
                } catch let error as LDAPError where TrackedSearch.refusals.contains(error.resultCode ?? 0) {
                    reason = .syncRefused
                }
            }
            var builder = DirectorySnapshot.Builder(mapping: mapping, policy: policy)
            try await read(into: &builder, mapping: mapping, policy: policy, progress: progress, recipients: groups)
            return SnapshotRefresh(snapshot: await builder.build(), kind: .full(reason))
        } catch {
            throw Self.failure(error)
        }
    }
}

extension LDAPSource {
    /// Who the reads are made as: another account may see other entries.
    var account: String {
        if let sasl = configuration.sasl {
            return "SASL \(sasl.mechanism) \(sasl.principal ?? sasl.authorizationID ?? "")"
        }
        return configuration.bindDN ?? "anonymous"
    }
}

/// What a refresh found: the changes, and where the next refresh starts; or why it cannot be done.
enum TrackedChanges {
    case delta(SnapshotDelta, SnapshotSyncState)
    case fullReadNeeded(SnapshotRefresh.FullReadReason)
}

/// A way of reading a directory so that a later read brings only what changed.
protocol ChangeTracker {
    /// Where to refresh `previous` from, or nil when it was not read this way from this server,
    /// base and filter.
    func state(toRefresh previous: DirectorySnapshot) -> SnapshotSyncState?
    /// Reads every entry with its UUID, and where to refresh from next time.
    func readAll(progress: (@Sendable (Int) -> Void)?) async throws -> DirectorySnapshot
    /// What changed since `state` (the state of `previous`), and where to refresh from next time,
    /// or why a full read is needed.
    func changes(since state: SnapshotSyncState, previous: DirectorySnapshot) async throws -> TrackedChanges
}

/// One server, base, filter and set of attributes read for a snapshot, and the settings it is built with.
struct TrackedSearch {
    let connection: LDAPConnection
    let base: String
    let filter: SearchFilter
    let attributes: [String]
    /// Entries per page, for the paged searches.
    let pageSize: Int
    /// Who reads: part of the state, since another account may see other entries.
    let account: String
    let mapping: AttributeMapping
    let policy: AccountStatePolicy
    /// Groups read on their own by DN, with their members, at every read and refresh.
    let groups: [String]
    /// When the read began: the instant the snapshot reflects.
    let started: Date

    /// A builder for the snapshot, its origin and instant set.
    func builder() -> DirectorySnapshot.Builder {
        var builder = DirectorySnapshot.Builder(mapping: mapping, policy: policy)
        builder.setOrigin(.ldap(uri: connection.uri, base: base))
        builder.setReflects(started)
        return builder
    }

    /// Adds what the search does not find but the snapshot keeps: holders named by role entries,
    /// and ``groups``. None carries a sync ID, so a refresh drops them and reads them again here.
    func addEntriesOutsideSearch(to builder: inout DirectorySnapshot.Builder) async throws {
        try await LDAPSource.addUnresolvedOccupants(to: &builder, connection: connection, attributes: attributes)
        try await LDAPSource.addGroups(groups, to: &builder, connection: connection, attributes: attributes)
    }

    /// A sync state for this search.
    func state(_ method: SnapshotSyncState.Method, server: String? = nil, cookie: [UInt8]) -> SnapshotSyncState {
        SnapshotSyncState(
            method: method,
            uri: connection.uri,
            base: base,
            filter: filter.description,
            account: account,
            server: server,
            cookie: Data(cookie)
        )
    }

    /// Whether `previous` was read by `method` from this server, base and filter.
    func matches(_ previous: DirectorySnapshot, method: SnapshotSyncState.Method) -> SnapshotSyncState? {
        guard let state = previous.syncState, state.method == method, state.uri == connection.uri,
            state.filter == filter.description, state.account == account,
            DistinguishedName.comparisonKey(state.base) == DistinguishedName.comparisonKey(base)
        else { return nil }
        return state
    }

    /// An entry as the server returned it, with only its mapped values and its UUID in hex.
    func item(
        _ entry: LDAPEntry,
        id: String?,
        template: DirectorySnapshot.Builder.Collector
    ) async throws -> EntryBatch.Item {
        var item = try await LDAPSource.item(entry, template: template, connection: connection)
        item.syncID = id
        return item
    }

    /// The snapshot of a full read: occupants outside the search fetched, the state to refresh from set.
    func finish(
        _ builder: DirectorySnapshot.Builder,
        batcher: EntryBatcher,
        state: SnapshotSyncState?
    ) async throws -> DirectorySnapshot {
        var (builder, batcher) = (builder, batcher)
        batcher.flush(into: &builder)
        guard batcher.count > 0 else { throw LDAPSource.noEntries(uri: connection.uri, base: base, mapping: mapping) }
        try await addEntriesOutsideSearch(to: &builder)
        builder.setSyncState(state)
        return await builder.build(matcher: .init())
    }

    /// Result codes that end a sync search at a limit: sizeLimitExceeded, adminLimitExceeded.
    static let limits: Set<Int32> = [4, 11]
    /// Result codes by which a server refuses a sync search or cookie: unavailableCriticalExtension,
    /// insufficientAccessRights, unwillingToPerform.
    static let refusals: Set<Int32> = [12, 50, 53]

    /// A UUID (or GUID) as lower-case hex.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes { text += [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]] }
        return String(decoding: text, as: UTF8.self)
    }
}
