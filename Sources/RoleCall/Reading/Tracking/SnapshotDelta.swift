import Directory
internal import LDAPClient

/// The changes a refresh reported, by entry UUID (in hex), and how to apply them to the snapshot
/// they follow.
struct SnapshotDelta {
    /// Entries added or changed, in the order they last arrived.
    private(set) var entries: [(id: String, entry: LDAPEntry)] = []
    private var entryPositions: [String: Int] = [:]
    private var deleted: Set<String> = []
    private var present: Set<String> = []
    /// The server marked entries present (entries, an identifier set, the end of a presence phase).
    private var marksPresence = false
    /// The refresh ended saying it was done by presence: entries neither present nor sent are gone.
    private var endedByPresence = false
    /// The last cookie the server sent.
    private(set) var cookie: [UInt8]?

    enum Fate { case kept, changed, removed }

    /// Whether the refresh was done by presence: entries neither present nor sent are gone.
    private var byPresence: Bool { marksPresence || endedByPresence }

    /// Whether the answer leaves open which entries are still there: it ended "by presence" but
    /// marked nothing present. Read literally every entry would be gone; 389 DS answers so to any
    /// refresh, and a server whose last entry went would too — only a full read can tell.
    var isAmbiguous: Bool { endedByPresence && !marksPresence }

    func fate(of id: String) -> Fate {
        if entryPositions[id] != nil { return .changed }
        if deleted.contains(id) { return .removed }
        if byPresence, !present.contains(id) { return .removed }
        return .kept
    }

    /// An entry added or changed, with all its read attributes.
    mutating func changed(_ id: String, _ entry: LDAPEntry) {
        if let position = entryPositions[id] {
            entries[position].entry = entry
        } else {
            entryPositions[id] = entries.count
            entries.append((id, entry))
        }
        deleted.remove(id)
    }

    /// An entry still there, unchanged.
    mutating func stillPresent(_ id: String) {
        present.insert(id)
        marksPresence = true
    }

    /// Says the refresh was done by presence: entries neither present nor changed are gone.
    mutating func endByPresence() { endedByPresence = true }

    /// An entry gone, or no longer matching the search.
    mutating func removed(_ id: String) {
        deleted.insert(id)
        present.remove(id)
        if let position = entryPositions.removeValue(forKey: id) {
            entries.remove(at: position)
            for (index, entry) in entries.enumerated().dropFirst(position) { entryPositions[entry.id] = index }
        }
    }

    /// Takes one message of a content synchronisation refresh.
    mutating func record(_ message: ContentSyncMessage) {
        switch message {
        case .entry(let entry, let change, let raw):
            let id = TrackedSearch.hex(raw)
            switch change {
            case .add, .modify: changed(id, entry)
            case .present: stillPresent(id)
            case .delete: removed(id)
            }
        case .info(.identifiers(let ids, let isDeleted, let newCookie)):
            for id in ids.map(TrackedSearch.hex) {
                if isDeleted { removed(id) } else { stillPresent(id) }
            }
            if !isDeleted { marksPresence = true }
            cookie = newCookie ?? cookie
        case .info(.phaseEnded(let presence, let newCookie, _)):
            if presence { marksPresence = true }
            cookie = newCookie ?? cookie
        case .info(.newCookie(let newCookie)): cookie = newCookie
        case .done(let last, let refreshDeletes):
            if !refreshDeletes { endedByPresence = true }
            cookie = last ?? cookie
        case .refreshRequired: break
        }
    }

    /// The refreshed snapshot: `previous`'s entries that are kept, then the changed ones, then the
    /// occupants outside the search read again.
    /// - Throws: ``RoleCallError`` `refreshRemovesTooMany` past `maximumDeletedShare`; what
    ///   reading the changed entries throws.
    func apply(
        to previous: DirectorySnapshot,
        search: TrackedSearch,
        state: SnapshotSyncState,
        maximumDeletedShare: Double
    ) async throws -> SnapshotRefresh {
        var builder = search.builder()
        var synced = 0
        var removed = 0
        var changed = 0
        // Entries read on their own (occupants outside the search, groups) carry no UUID: read again below.
        var dropped: Set<String> = []
        let count = { (fate: Fate) in
            synced += 1
            if fate == .changed { changed += 1 }
            if fate == .removed { removed += 1 }
        }
        for person in previous.people {
            let fate = person.syncID.map(fate(of:))
            if let fate { count(fate) }
            if fate == .kept { builder.carry(person) } else { dropped.insert(person.normalizedDN) }
        }
        for role in previous.roles {
            let fate = role.syncID.map(fate(of:))
            if let fate { count(fate) }
            if fate == .kept { builder.carry(role) } else { dropped.insert(DistinguishedName.comparisonKey(role.dn)) }
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
        var batch = EntryBatch(source: search.connection.uri)
        for (id, entry) in entries {
            try await batch.items.append(search.item(entry, id: id, template: builder.collector()))
        }
        builder.add(batch)
        try await search.addEntriesOutsideSearch(to: &builder)
        builder.setSyncState(state)
        return SnapshotRefresh(
            snapshot: await builder.build(matcher: previous.titleIndex.matcher),
            kind: .incremental(added: entries.count - changed, changed: changed, removed: removed)
        )
    }
}
