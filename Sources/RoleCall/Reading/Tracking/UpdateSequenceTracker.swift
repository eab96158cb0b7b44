import Directory
internal import LDAPClient

/// Follows changes on an Active Directory domain controller (or Samba acting as one) by update
/// sequence numbers. Entries are known by their `objectGUID`. A refresh:
///
/// 1. lists the `objectGUID` and DN of every entry the search finds now — whatever the earlier
///    snapshot has and this list lacks is gone (tombstones are not used: an ordinary account
///    cannot list `CN=Deleted Objects`, and DirSync's object-security mode does not return them);
/// 2. reads whole every entry of the search whose `uSNChanged` is past the domain controller's
///    `highestCommittedUSN` at the last read, and takes out those changed that no longer match;
/// 3. reads again the entries whose DN changed without a change of their own (a parent OU renamed
///    or moved: the directory does not touch the children's `uSNChanged`), and the role entries
///    whose occupants' DNs the directory rewrote the same way.
///
/// USNs belong to one domain controller: a refresh from another one, or from a restored one (a
/// restore gives it a new `invocationId`), reads everything.
struct UpdateSequenceTracker: ChangeTracker {
    let search: TrackedSearch
    /// This domain controller: its NTDS Settings DN and `invocationId`.
    let server: String
    /// The highest USN it had committed when this run began.
    let sequence: Int64

    /// A tracker, or nil when the domain controller cannot be told apart from a restored copy
    /// (no readable 16-byte `invocationId`).
    /// - Throws: `LDAPError` when the domain controller's NTDS Settings object cannot be read.
    init?(search: TrackedSearch, server rootDSE: RootDSE) async throws {
        guard let settings = rootDSE.dsServiceName, let sequence = rootDSE.highestCommittedUSN else { return nil }
        let entry = try await search.connection.entry(at: settings, attributes: ["invocationId"])
        guard let invocation = entry?.values("invocationId").first, invocation.count == 16 else { return nil }
        self.search = search
        server = "\(settings) \(TrackedSearch.hex(invocation))"
        self.sequence = sequence
    }

    func state(toRefresh previous: DirectorySnapshot) -> SnapshotSyncState? {
        search.matches(previous, method: .updateSequence)
    }

    func readAll(progress: (@Sendable (Int) -> Void)?) async throws -> DirectorySnapshot {
        var builder = search.builder()
        var batcher = EntryBatcher(source: search.connection.uri, progress: progress)
        var trackable = true
        for try await entry in entries(search.filter, attributes: search.attributes + ["objectGUID"]) {
            let id = Self.guid(entry)
            // An entry without a GUID could not be followed: the next run reads everything.
            if id == nil { trackable = false }
            batcher.append(try await search.item(entry, id: id, template: builder.collector()), to: &builder)
        }
        return try await search.finish(builder, batcher: batcher, state: trackable ? state() : nil)
    }

    func changes(since state: SnapshotSyncState, previous: DirectorySnapshot) async throws -> TrackedChanges {
        guard state.server == server, let last = Int64(String(decoding: state.cookie, as: UTF8.self)), last <= sequence
        else { return .fullReadNeeded(.serverRequiredFull) }
        var delta = SnapshotDelta()
        // What is there now, first: an entry changed while this is listed is caught below.
        var present: [String: String] = [:]
        for try await entry in entries(search.filter, attributes: ["objectGUID"]) {
            guard let id = Self.guid(entry) else { return .fullReadNeeded(.otherSearch) }
            present[id] = entry.dn
            delta.stillPresent(id)
        }
        let since = SearchFilter.greaterOrEqual("uSNChanged", String(last + 1))
        for try await entry in entries(.and([since, search.filter]), attributes: search.attributes + ["objectGUID"]) {
            if let id = Self.guid(entry) { delta.changed(id, entry) }
        }
        // Changed and no longer matching (the server's own verdict on the filter): left the search.
        for try await entry in entries(.and([since, .not(search.filter)]), attributes: ["objectGUID"]) {
            if let id = Self.guid(entry) { delta.removed(id) }
        }
        try await rereadMoved(present, previous: previous, into: &delta)
        try await rereadRoles(previous: previous, into: &delta)
        delta.endByPresence()
        guard !delta.isAmbiguous else { return .fullReadNeeded(.serverRequiredFull) }
        return .delta(delta, self.state())
    }

    /// Entries whose DN is not the one the earlier snapshot has, though they did not change
    /// themselves (a parent renamed or moved), or that it lacks: read again whole.
    private func rereadMoved(
        _ present: [String: String],
        previous: DirectorySnapshot,
        into delta: inout SnapshotDelta
    ) async throws {
        var known: [String: String] = [:]
        for person in previous.people { if let id = person.syncID { known[id] = person.normalizedDN } }
        for role in previous.roles { if let id = role.syncID { known[id] = DistinguishedName.comparisonKey(role.dn) } }
        for (id, dn) in present where delta.fate(of: id) == .kept {
            guard known[id] != DistinguishedName.comparisonKey(dn) else { continue }
            if let entry = try await search.connection.entry(at: dn, attributes: search.attributes + ["objectGUID"]) {
                delta.changed(id, entry)
            }
        }
    }

    /// Role entries whose occupants' DNs the directory rewrote (an occupant renamed or moved)
    /// without changing the role's own `uSNChanged`: every role is read (there are few), and
    /// those whose occupants differ from the earlier snapshot's count as changed.
    private func rereadRoles(previous: DirectorySnapshot, into delta: inout SnapshotDelta) async throws {
        var occupants: [String: [String]] = [:]
        for role in previous.roles { if let id = role.syncID { occupants[id] = role.occupantTexts } }
        let roles = SearchFilter.equal("objectClass", search.mapping.roleObjectClass)
        for try await entry in entries(roles, attributes: search.attributes + ["objectGUID"]) {
            guard let id = Self.guid(entry), delta.fate(of: id) == .kept else { continue }
            let now = entry.values(search.mapping.roleOccupant).map { String(decoding: $0, as: UTF8.self) }
            if occupants[id].map(Set.init) != Set(now) { delta.changed(id, entry) }
        }
    }

    private func state() -> SnapshotSyncState {
        search.state(.updateSequence, server: server, cookie: Array(String(sequence).utf8))
    }

    private func entries(_ filter: SearchFilter, attributes: [String]) -> LDAPSearchResults {
        search.connection.search(base: search.base, filter: filter, attributes: attributes, pageSize: search.pageSize)
    }

    /// An entry's `objectGUID` in hex, when it has one of 16 bytes.
    private static func guid(_ entry: LDAPEntry) -> String? {
        guard let value = entry.values("objectGUID").first, value.count == 16 else { return nil }
        return TrackedSearch.hex(value)
    }
}
