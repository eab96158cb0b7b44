import TitleMatching

/// The similar-title index in a snapshot file: its exported tables laid out as the index tables
/// of ``SnapshotTable``, and read back in place through ``SimilarTitleIndexStore``.
enum SnapshotIndexTables {
    /// The bytes of each index table for an index's exported tables.
    static func encode(_ exported: SimilarTitleIndex.ExportedTables) -> [SnapshotTable: [UInt8]] {
        var arena: [UInt8] = []
        var starts: [UInt64] = [0]
        var lists: [UInt32] = []
        var interned: [String: UInt32] = [:]
        func string(_ text: String) -> UInt32 {
            if let id = interned[text] { return id }
            arena += text.utf8
            starts.append(UInt64(arena.count))
            interned[text] = UInt32(starts.count - 2)
            return UInt32(starts.count - 2)
        }
        func keyed(_ rows: [(key: String, values: [UInt32])]) -> [UInt32] {
            rows.flatMap { row -> [UInt32] in
                let start = UInt32(lists.count)
                lists += row.values
                return [string(row.key), start, UInt32(row.values.count)]
            }
        }
        let titles = exported.titles.map(string)
        let counts = exported.counts.flatMap {
            [UInt32(clamping: $0.all), UInt32(clamping: $0.main), UInt32(clamping: $0.subjectPrefix)]
        }
        let postings = keyed(exported.postings.map { ($0.key, $0.ids.map { UInt32(bitPattern: $0) }) })
        let shortForms = keyed(exported.shortForms.map { ($0.key, $0.ids.map { UInt32(bitPattern: $0) }) })
        let deletions = keyed(exported.deletions.map { ($0.key, $0.words.map(string)) })
        let bytes = { (values: [UInt32]) in values.withUnsafeBytes { Array($0) } }
        return [
            .indexArena: arena, .indexStringStarts: starts.withUnsafeBytes { Array($0) }, .indexLists: bytes(lists),
            .indexTitles: bytes(titles), .indexCounts: bytes(counts), .indexPostings: bytes(postings),
            .indexShortForms: bytes(shortForms), .indexDeletions: bytes(deletions),
        ]
    }
}

/// A similar-title index's tables read in place from a snapshot file.
struct MappedTitleIndexStore: SimilarTitleIndexStore {
    let tables: SnapshotTables

    private var storage: SnapshotStorage { tables.storage }

    var titleCount: Int { storage.count(.indexTitles) }

    func title(_ id: Int) -> String {
        storage.uint32(.indexTitles, id).flatMap { tables.string($0, in: .index) } ?? ""
    }

    func counts(_ id: Int) -> SimilarTitleIndex.WordCounts {
        let record = storage.record(.indexCounts, id) ?? [0, 0, 0]
        let field = { (field: IndexCountsField) in Int(record[field.rawValue]) }
        return SimilarTitleIndex.WordCounts(all: field(.all), main: field(.main), subjectPrefix: field(.subjectPrefix))
    }

    func postings(_ word: String) -> [Int32] { run(.indexPostings, word).map { Int32(bitPattern: $0) } }

    func shortForms(_ form: String) -> [Int32] { run(.indexShortForms, form).map { Int32(bitPattern: $0) } }

    func deletions(_ variant: String) -> [String] {
        run(.indexDeletions, variant).map { tables.string($0, in: .index) ?? "" }
    }

    /// The list of the record keyed `key`, found by binary search; empty when there is none.
    private func run(_ table: SnapshotTable, _ key: String) -> [UInt32] {
        let found = tables.search(table, field: IndexKeyField.key.rawValue, for: key, in: .index)
        guard let found else { return [] }
        let field = { (field: IndexKeyField) in storage.uint32(table, found, field: field.rawValue) }
        return tables.list(field(.start), field(.count), in: .indexLists)
    }
}
