/// Hands entries read one at a time to a snapshot builder a batch at a time, counting them and
/// reporting progress every 10,000.
struct EntryBatcher {
    private var batch: EntryBatch
    private let progress: (@Sendable (Int) -> Void)?
    /// Entries taken so far.
    private(set) var count = 0

    /// - Parameters:
    ///   - source: The source's name, for warnings.
    ///   - progress: Called every 10,000 entries with the count so far.
    init(source: String, progress: (@Sendable (Int) -> Void)?) {
        batch = EntryBatch(source: source)
        self.progress = progress
    }

    /// Takes one entry; a full batch goes to the builder.
    mutating func append(_ item: EntryBatch.Item, to builder: inout DirectorySnapshot.Builder) {
        batch.items.append(item)
        count += 1
        if batch.items.count == LDIFEntryBatches.batchSize { flush(into: &builder) }
        if count % 10_000 == 0 { progress?(count) }
    }

    /// Gives the builder the entries not yet given.
    mutating func flush(into builder: inout DirectorySnapshot.Builder) {
        builder.add(batch)
        batch.items.removeAll(keepingCapacity: true)
    }
}
