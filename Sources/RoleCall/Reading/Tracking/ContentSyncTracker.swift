internal import LDAPClient

/// Follows changes by content synchronisation (RFC 4533, refreshOnly): OpenLDAP's `syncprov`,
/// 389 DS's Content Synchronization plug-in. Entries are known by their `entryUUID`.
struct ContentSyncTracker: ChangeTracker {
    let search: TrackedSearch

    func state(toRefresh previous: DirectorySnapshot) -> SnapshotSyncState? {
        search.matches(previous, method: .contentSync)
    }

    func readAll(progress: (@Sendable (Int) -> Void)?) async throws -> DirectorySnapshot {
        var builder = search.builder()
        var cookie: [UInt8]?
        var batcher = EntryBatcher(source: search.connection.uri, progress: progress)
        for try await message in messages(cookie: nil) {
            switch message {
            case .entry(let entry, let change, let id) where change == .add || change == .modify:
                let item = try await search.item(entry, id: TrackedSearch.hex(id), template: builder.collector())
                batcher.append(item, to: &builder)
            case .info(let info): cookie = info.cookie ?? cookie
            case .done(let last, _): cookie = last ?? cookie
            case .entry, .refreshRequired: break  // a first read has nothing to refresh from
            }
        }
        return try await search.finish(
            builder,
            batcher: batcher,
            state: cookie.map { search.state(.contentSync, cookie: $0) }
        )
    }

    func changes(since state: SnapshotSyncState, previous: DirectorySnapshot) async throws -> TrackedChanges {
        var delta = SnapshotDelta()
        do {
            for try await message in messages(cookie: Array(state.cookie)) {
                if case .refreshRequired = message { return .fullReadNeeded(.serverRequiredFull) }
                delta.record(message)
            }
        } catch {
            // A cookie refused outright (a server restored from an older backup: "consumer state
            // is newer than provider") or a control this account may no longer use.
            guard TrackedSearch.refusals.contains(error.resultCode ?? 0) else { throw error }
            return .fullReadNeeded(.serverRequiredFull)
        }
        // 389 DS ends every refresh "by presence" without marking anything present, and does not
        // report entries that leave the search: only a full read is sure.
        guard !delta.isAmbiguous else { return .fullReadNeeded(.ambiguousRefresh) }
        return .delta(delta, search.state(.contentSync, cookie: delta.cookie ?? Array(state.cookie)))
    }

    private func messages(cookie: [UInt8]?) -> LDAPContentSync {
        search.connection.contentSync(
            base: search.base,
            filter: search.filter,
            attributes: search.attributes + ["entryUUID"],
            cookie: cookie
        )
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
