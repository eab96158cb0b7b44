import Foundation
import Synchronization

/// The bytes a snapshot's tables live in: built in this process, or mapped from a snapshot file.
///
/// Every read is bounds-checked against its table, and bytes from a file are checked against
/// their block's checksum the first time they are read, so that opening a file costs nothing
/// per entry. A read that fails either check returns nil and marks the storage damaged
/// (``damage``); answers computed from damaged storage must be discarded.
final class SnapshotStorage: @unchecked Sendable {
    /// Bytes per checksummed block: a page, so that a question checks little more than it reads
    /// (a report's holders are scattered over the whole arena).
    static let blockSize = 4_096

    /// The tables' bytes.
    let body: UnsafeRawBufferPointer
    /// Each table's byte range within ``body``, by ``SnapshotTable`` raw value.
    let tables: [Range<Int>]
    /// Per table, one checksum per block of it; nil when the bytes were built in this process.
    private let checksums: [[UInt64]]?
    /// Whether there are ``checksums`` (bytes from a file).
    private let hasChecksums: Bool
    /// One bit per block of every table, set once the block matched its checksum: read on every
    /// access, so atomic words rather than a lock (queries on other threads never wait for one).
    private let verified: UnsafeMutablePointer<Atomic<UInt64>>
    /// Where each table's bits start in ``verified``, in words.
    private let firstWord: [Int]
    private let wordCount: Int
    /// Guards ``firstDamage``. An `NSLock`, which ThreadSanitizer sees order threads.
    private let damageLock = NSLock()
    /// The first damage found; under `damageLock` only.
    private var firstDamage: Damage?
    private let release: @Sendable (UnsafeRawBufferPointer) -> Void

    /// Where a snapshot's bytes were found wrong.
    struct Damage: Sendable, Hashable {
        /// The table read.
        var table: SnapshotTable
        /// Whether the bytes failed their checksum (otherwise a position pointed outside its table).
        var checksumFailed: Bool
    }

    /// Storage over bytes.
    /// - Parameters:
    ///   - body: The tables' bytes; released with `release` when the storage goes.
    ///   - tables: Each table's byte range within `body`.
    ///   - checksums: Per table, one checksum per block, or nil for bytes built in this process.
    ///   - release: Frees or unmaps the bytes.
    init(
        body: UnsafeRawBufferPointer,
        tables: [Range<Int>],
        checksums: [[UInt64]]?,
        release: @escaping @Sendable (UnsafeRawBufferPointer) -> Void
    ) {
        precondition(tables.count == SnapshotTable.allCases.count)
        self.body = body
        self.tables = tables
        self.checksums = checksums
        hasChecksums = checksums != nil
        self.release = release
        var firstWord: [Int] = []
        var words = 0
        for range in tables {
            firstWord.append(words)
            words += (Self.blocks(range.count) + 63) / 64
        }
        self.firstWord = firstWord
        wordCount = words
        verified = .allocate(capacity: max(1, words))
        for word in 0..<words { (verified + word).initialize(to: Atomic(0)) }
    }

    deinit {
        verified.deinitialize(count: wordCount)
        verified.deallocate()
        release(body)
    }

    /// The number of elements in a table.
    func count(_ table: SnapshotTable) -> Int { tables[table.rawValue].count / table.elementSize }

    /// The first problem found, if any.
    var damage: Damage? { damageLock.withLock { firstDamage } }

    /// Bytes `range` of a table, or nil (marking damage) when they are outside it or fail their checksum.
    func bytes(_ table: SnapshotTable, _ range: Range<Int>) -> UnsafeRawBufferPointer? {
        let bounds = tables[table.rawValue]
        guard range.lowerBound >= 0, range.upperBound <= bounds.count else {
            return damaged(Damage(table: table, checksumFailed: false))
        }
        guard verify(table, range) else { return damaged(Damage(table: table, checksumFailed: true)) }
        return UnsafeRawBufferPointer(
            rebasing: body[(bounds.lowerBound + range.lowerBound)..<(bounds.lowerBound + range.upperBound)]
        )
    }

    /// Element `index` of a table of `UInt32`s or records (`field` of record `index`).
    func uint32(_ table: SnapshotTable, _ index: Int, field: Int = 0) -> UInt32? {
        guard index >= 0, index < count(table) else { return damaged(Damage(table: table, checksumFailed: false)) }
        let offset = index * table.elementSize + field * 4
        return bytes(table, offset..<(offset + 4)).map { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
    }

    /// Elements `range` of a table of `UInt32`s, or the `UInt32` fields of records `range.lowerBound / n`…,
    /// read with one bounds and checksum check.
    func uint32s(_ table: SnapshotTable, _ range: Range<Int>) -> [UInt32]? {
        guard range.lowerBound >= 0, range.upperBound <= tables[table.rawValue].count / 4 else {
            return damaged(Damage(table: table, checksumFailed: false))
        }
        return bytes(table, (range.lowerBound * 4)..<(range.upperBound * 4)).map { bytes in
            (0..<range.count).map { UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)) }
        }
    }

    /// Every field of record `index` of a table of records, read with one check.
    func record(_ table: SnapshotTable, _ index: Int) -> [UInt32]? {
        let fields = table.elementSize / 4
        guard index >= 0, index < count(table) else { return damaged(Damage(table: table, checksumFailed: false)) }
        return uint32s(table, (index * fields)..<((index + 1) * fields))
    }

    /// Element `index` of a table of `UInt64`s.
    func uint64(_ table: SnapshotTable, _ index: Int) -> UInt64? {
        guard index >= 0, index < count(table) else { return damaged(Damage(table: table, checksumFailed: false)) }
        return bytes(table, (index * 8)..<(index * 8 + 8)).map {
            UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))
        }
    }

    /// Checks every block against its checksum.
    /// - Returns: The first damage found, or nil.
    func verifyAll() -> Damage? {
        if let damage { return damage }
        for table in SnapshotTable.allCases where !verify(table, 0..<tables[table.rawValue].count) {
            let _: Bool? = damaged(Damage(table: table, checksumFailed: true))
            return damage
        }
        return nil
    }

    /// Records damage (the first is kept) and returns nil.
    private func damaged<T>(_ damage: Damage) -> T? {
        damageLock.withLock { if firstDamage == nil { firstDamage = damage } }
        return nil
    }

    /// The number of checksummed blocks in a table of `count` bytes.
    static func blocks(_ count: Int) -> Int { (count + blockSize - 1) / blockSize }

    /// Whether the blocks holding `range` of a table match their checksums, checking each once.
    /// Two threads reading one unchecked block may both check it; the bit they set is the same.
    private func verify(_ table: SnapshotTable, _ range: Range<Int>) -> Bool {
        guard hasChecksums, !range.isEmpty else { return true }
        let bits = verified + firstWord[table.rawValue]
        for block in (range.lowerBound / Self.blockSize)...((range.upperBound - 1) / Self.blockSize) {
            let (word, bit) = (block / 64, UInt64(1) << UInt64(block % 64))
            // Acquiring: a set bit is seen with the checked bytes' reads ordered after it. Checked
            // blocks (nearly every read once a server is warm) touch nothing else.
            if bits[word].load(ordering: .acquiring) & bit != 0 { continue }
            guard blockMatchesChecksum(table, block) else { return false }
            bits[word].bitwiseOr(bit, ordering: .releasing)
        }
        return true
    }

    /// Whether block `block` of a table matches its checksum.
    private func blockMatchesChecksum(_ table: SnapshotTable, _ block: Int) -> Bool {
        guard let sums = checksums?[table.rawValue], block < sums.count else { return false }
        let bounds = tables[table.rawValue]
        let start = bounds.lowerBound + block * Self.blockSize
        let end = min(bounds.upperBound, start + Self.blockSize)
        return BlockChecksum.of(UnsafeRawBufferPointer(rebasing: body[start..<end])) == sums[block]
    }
}
