public import Directory
public import Foundation
public import TitleMatching

extension DirectorySnapshot {
    /// Writes the snapshot to a file that ``open(file:mapping:policy:matcher:maxAge:now:)`` maps
    /// back without reading it entry by entry: written to a temporary file, synced and renamed over
    /// `path` (readers see the old file or the new, never half), readable by its owner only (a
    /// snapshot holds personal data; a replaced file keeps its permissions).
    /// - Parameter path: The file to write.
    /// - Throws: ``RoleCallError`` `cannotWrite` (the old file is then unchanged), `snapshotUnusable`
    ///   when `path` is not a snapshot, `snapshotDamaged` when a snapshot read from a file fails its checksums.
    public func write(to path: String) throws(RoleCallError) {
        // A snapshot read from a file is checked whole first: its damage must not be resealed.
        if file != nil { try verify() }
        let metadata = SnapshotMetadata(
            source: SnapshotMetadata.Source(origin),
            reflects: reflects,
            written: Date(),
            entryCount: entryCount,
            recipe: recipe,
            sync: syncState
        )
        // A snapshot read from a file already holds its index's tables; one built in memory adds them.
        let index = titleIndex.exported.map(SnapshotIndexTables.encode) ?? [:]
        try SnapshotFile.write(tables.storage, replacing: index, metadata: metadata, to: path)
    }

    /// Opens a snapshot file written by ``write(to:)``. Only the header is read and checked now;
    /// each table is checked against its checksums as it is first read, and a damaged one makes
    /// ``checkIntact()`` throw. Call ``verify()`` to check everything at once.
    /// - Parameters:
    ///   - path: The snapshot file.
    ///   - mapping: The attribute mapping in force: it must be the one the file was built with.
    ///   - policy: The account-state rules in force: they must be the ones the file was built with.
    ///   - matcher: The title matcher in force: it must be the one the file was built with.
    ///   - maxAge: The oldest the instant the file reflects may be, in seconds, or nil for any age.
    ///   - now: The current time, for `maxAge`.
    /// - Throws: ``RoleCallError``: `unreadable`, `snapshotUnusable` (not a snapshot, truncated,
    ///   newer format, damaged header), `snapshotBuiltDifferently` naming the setting, and
    ///   `snapshotTooOld`.
    /// - Returns: The snapshot.
    public static func open(
        file path: String,
        mapping: AttributeMapping = .init(),
        policy: AccountStatePolicy = .init(),
        matcher: TitleMatcher = .init(),
        maxAge: TimeInterval? = nil,
        now: Date = Date()
    ) async throws(RoleCallError) -> DirectorySnapshot {
        let (storage, metadata) = try SnapshotFile.open(path)
        let current = SnapshotRecipe(mapping: mapping, policy: policy, matcher: matcher)
        if let difference = metadata.recipe.firstDifference(from: current) {
            throw RoleCallError(
                .snapshotBuiltDifferently(
                    path: path,
                    setting: difference.setting,
                    snapshot: difference.this,
                    current: difference.other
                )
            )
        }
        if let maxAge, now.timeIntervalSince(metadata.reflects) > maxAge {
            throw RoleCallError(.snapshotTooOld(path: path, reflects: metadata.reflects, maxAge: maxAge))
        }
        let tables = SnapshotTables(storage: storage)
        var snapshot = DirectorySnapshot(
            tables: tables,
            entryCount: metadata.entryCount,
            mapping: mapping,
            policy: policy,
            titleIndex: SimilarTitleIndex(store: MappedTitleIndexStore(tables: tables), matcher: matcher)
        )
        snapshot.origin = metadata.source.origin
        snapshot.reflects = metadata.reflects
        snapshot.syncState = metadata.sync
        snapshot.file = path
        try snapshot.checkIntact()
        return snapshot
    }

    /// Checks every byte of a snapshot read from a file against its checksums (a snapshot built
    /// in memory always passes).
    /// - Throws: ``RoleCallError`` `snapshotDamaged` naming the first damaged table.
    public func verify() throws(RoleCallError) {
        _ = tables.storage.verifyAll()
        try checkIntact()
    }

    /// What the snapshot was built with.
    public var recipe: SnapshotRecipe { SnapshotRecipe(mapping: mapping, policy: policy, matcher: titleIndex.matcher) }
}

extension SnapshotMetadata.Source {
    init(_ origin: DirectorySnapshot.Origin?) {
        switch origin {
        case .ldif(let path): self.init(ldif: path)
        case .ldap(let uri, let base): self.init(uri: uri, base: base)
        case .merged(let parts): self.init(merged: parts.map { Self($0) })
        case nil: self.init()
        }
    }

    var origin: DirectorySnapshot.Origin? {
        if let merged { return .merged(merged.compactMap(\.origin)) }
        if let ldif { return .ldif(path: ldif) }
        if let uri { return .ldap(uri: uri, base: base ?? "") }
        return nil
    }
}
