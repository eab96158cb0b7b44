/// Entries read from a source, each with only its mapped values, handed to the snapshot builder
/// a batch at a time.
struct EntryBatch: Sendable {
    /// One entry: where it was (its line in a file), its DN as written, and its mapped values.
    struct Item: Sendable {
        var line: Int?
        var dn: String
        var collected: DirectorySnapshot.Builder.Collector
        /// The entry's UUID from content synchronisation, in hex.
        var syncID: String? = nil
    }

    /// The source's name (a path, `<stdin>`, a server's URI), for the `file:line` of warnings.
    var source: String
    var items: [Item] = []
}
