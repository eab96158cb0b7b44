import Directory
internal import LDAPClient

/// Follows changes on an Active Directory domain controller (or Samba acting as one) by update
/// sequence numbers: every object whose `uSNChanged` is past the domain controller's
/// `highestCommittedUSN` at the last read is read again whole — those that still match the search
/// replace their old copy, the others have left it — and the `objectGUID`s the search still finds
/// tell which entries are gone. Entries are known by their `objectGUID`.
///
/// USNs belong to one domain controller: a refresh from another one, or from a restored one (a
/// restore gives it a new `invocationId`), reads everything. Tombstones (`CN=Deleted Objects`)
/// are not used: an ordinary account cannot list them, and DirSync's object-security mode does
/// not return them either.
struct UpdateSequenceTracker: ChangeTracker {
    let search: TrackedSearch
    /// This domain controller: its NTDS Settings DN and `invocationId`.
    let server: String
    /// The highest USN it had committed when this run began.
    let sequence: Int64

    /// - Throws: `LDAPError` when the domain controller's NTDS Settings object cannot be read.
    init(search: TrackedSearch, server rootDSE: RootDSE) async throws {
        self.search = search
        let settings = rootDSE.dsServiceName ?? ""
        let entry = try await search.connection.entry(at: settings, attributes: ["invocationId"])
        let invocation = entry?.attributes.first { $0.key.lowercased() == "invocationid" }?.value.first ?? []
        server = "\(settings) \(TrackedSearch.hex(invocation))"
        sequence = rootDSE.highestCommittedUSN ?? 0
    }

    func state(toRefresh previous: DirectorySnapshot) -> SnapshotSyncState? {
        search.matches(previous, method: .updateSequence)
    }

    func readAll(progress: (@Sendable (Int) -> Void)?) async throws -> DirectorySnapshot {
        var builder = search.builder()
        var batcher = EntryBatcher(source: search.connection.uri, progress: progress)
        for try await entry in entries(search.filter, attributes: search.attributes + ["objectGUID"]) {
            var item = try await search.item(entry, id: "", template: builder.collector())
            item.syncID = Self.guid(entry)
            batcher.append(item, to: &builder)
        }
        return try await search.finish(builder, batcher: batcher, state: state())
    }

    func changes(since state: SnapshotSyncState) async throws -> TrackedChanges {
        guard state.server == server, let last = Int64(String(decoding: state.cookie, as: UTF8.self)), last <= sequence
        else { return .fullReadNeeded(.serverRequiredFull) }
        var delta = SnapshotDelta()
        // Everything changed since, whether or not it still matches: one that no longer does has left.
        let changed = SearchFilter.greaterOrEqual("uSNChanged", String(last + 1))
        for try await entry in entries(changed, attributes: search.attributes + ["objectGUID"]) {
            guard let id = Self.guid(entry) else { continue }
            if matchesSearch(entry) { delta.changed(id, entry) } else { delta.removed(id) }
        }
        // What is still there, by GUID alone: whatever is missing was deleted.
        for try await entry in entries(search.filter, attributes: ["objectGUID"]) {
            if let id = Self.guid(entry) { delta.stillPresent(id) }
        }
        delta.endByPresence()
        guard !delta.isAmbiguous else { return .fullReadNeeded(.serverRequiredFull) }
        return .delta(delta, self.state())
    }

    private func state() -> SnapshotSyncState {
        search.state(.updateSequence, server: server, cookie: Array(String(sequence).utf8))
    }

    private func entries(_ filter: SearchFilter, attributes: [String]) -> LDAPSearchResults {
        search.connection.search(base: search.base, filter: filter, attributes: attributes, pageSize: search.pageSize)
    }

    /// Whether an entry matches the search's filter: it has a title, or it is a role entry.
    private func matchesSearch(_ entry: LDAPEntry) -> Bool {
        let title = search.mapping.title.lowercased()
        let role = search.mapping.roleObjectClass.lowercased()
        return entry.attributes.contains { name, values in
            let type = name.lowercased().split(separator: ";").first.map(String.init) ?? ""
            if type == title { return !values.isEmpty }
            return type == "objectclass" && values.contains { String(decoding: $0, as: UTF8.self).lowercased() == role }
        }
    }

    /// An entry's `objectGUID` in hex, when it has one of 16 bytes.
    private static func guid(_ entry: LDAPEntry) -> String? {
        guard let value = entry.attributes.first(where: { $0.key.lowercased() == "objectguid" })?.value.first,
            value.count == 16
        else { return nil }
        return TrackedSearch.hex(value)
    }
}
