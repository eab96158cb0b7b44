import Foundation

/// The snapshot file format: a header, then the snapshot's tables exactly as they are used in
/// memory, so that opening maps the file and parses nothing per entry.
///
/// ```
/// 0   magic "\u{89}RCSNAP\n"          8 bytes
/// 8   format version                  UInt32 (3: people and roles have a sync id; the metadata a sync state)
/// 12  table count                     UInt32 (``SnapshotTable``'s cases)
/// 16  header length                   UInt64 (where the tables start; a multiple of 8)
/// 24  tables length                   UInt64 (the header and the tables are the whole file)
/// 32  metadata length                 UInt64
/// 40  block size                      UInt64 (bytes per checksummed block)
/// 48  header checksum                 UInt64 (of the whole header with this field zero)
/// 56  reserved                        UInt64 (0)
/// 64  per table: offset, length       UInt64 each, relative to the tables' start
///     per table: one checksum per block of it
///     metadata: JSON (``SnapshotMetadata``), then zeros to a multiple of 8
/// ```
///
/// Integers are little-endian. Each table's checksums are checked when its bytes are first read
/// (``SnapshotStorage``), the header's on open.
enum SnapshotFile {
    static let magic: [UInt8] = [0x89, 0x52, 0x43, 0x53, 0x4E, 0x41, 0x50, 0x0A]
    static let formatVersion: UInt32 = 3
    private static let fixedLength = 64

    /// Why a file could not be opened as a snapshot.
    typealias Problem = RoleCallError.SnapshotFileProblem

    /// Writes storage and its metadata to `path` atomically (temporary file, fsync, rename), private
    /// to the owner. An existing regular file is replaced only when it starts like a snapshot, so
    /// a mistyped path cannot destroy an export or a document.
    static func write(
        _ storage: SnapshotStorage,
        replacing replaced: [SnapshotTable: [UInt8]],
        metadata: SnapshotMetadata,
        to path: String
    ) throws(RoleCallError) {
        try refuseReplacingOther(path)
        guard let json = try? JSONEncoder.snapshot.encode(metadata) else {
            throw RoleCallError(.cannotWrite(.snapshot, path: path, errno: EINVAL))
        }
        // Tables given in `replaced` follow the storage's bytes, each at a multiple of 8.
        var tail: [UInt8] = []
        var ranges = storage.tables
        for table in SnapshotTable.allCases {
            guard let replacement = replaced[table] else { continue }
            tail += [UInt8](repeating: 0, count: (8 - (storage.body.count + tail.count) % 8) % 8)
            let start = storage.body.count + tail.count
            ranges[table.rawValue] = start..<(start + replacement.count)
            tail += replacement
        }
        let length = storage.body.count + tail.count
        var directory: [UInt64] = []
        var checksums: [UInt64] = []
        tail.withUnsafeBytes { tail in
            for range in ranges {
                directory += [UInt64(range.lowerBound), UInt64(range.count)]
                // A table lies wholly in the storage's bytes or wholly in the tail.
                let body = storage.body.count
                let bytes =
                    range.isEmpty
                    ? UnsafeRawBufferPointer(start: nil, count: 0)
                    : range.lowerBound >= body
                        ? UnsafeRawBufferPointer(rebasing: tail[(range.lowerBound - body)..<(range.upperBound - body)])
                        : UnsafeRawBufferPointer(rebasing: storage.body[range])
                checksums += BlockChecksum.pages(of: bytes)
            }
        }
        var header = [UInt8](repeating: 0, count: fixedLength)
        header.replaceSubrange(0..<8, with: magic)
        let headerLength = (fixedLength + (directory.count + checksums.count) * 8 + json.count + 7) & ~7
        put(formatVersion, at: 8, in: &header)
        put(UInt32(SnapshotTable.allCases.count), at: 12, in: &header)
        put(UInt64(headerLength), at: 16, in: &header)
        put(UInt64(length), at: 24, in: &header)
        put(UInt64(json.count), at: 32, in: &header)
        put(UInt64(SnapshotStorage.blockSize), at: 40, in: &header)
        for value in directory + checksums { withUnsafeBytes(of: value.littleEndian) { header += $0 } }
        header += json
        header += [UInt8](repeating: 0, count: headerLength - header.count)
        put(BlockChecksum.of(header), at: 48, in: &header)
        let failure = header.withUnsafeBytes { header in
            tail.withUnsafeBytes { tail -> RoleCallError? in
                do throws(RoleCallError) {
                    try AtomicFile.write([header, storage.body, tail], to: path, kind: .snapshot)
                    return nil
                } catch {
                    return error
                }
            }
        }
        if let failure { throw failure }
    }

    /// Maps a snapshot file and checks its header.
    /// - Returns: The storage (tables checked against their checksums as they are read) and the metadata.
    static func open(_ path: String) throws(RoleCallError) -> (SnapshotStorage, SnapshotMetadata) {
        // Not blocking: a named pipe given as a snapshot is refused, not waited on.
        let descriptor = Foundation.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw RoleCallError(.unreadable(.snapshot, path: path)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw RoleCallError(.unreadable(.snapshot, path: path))
        }
        let size = Int(status.st_size)
        guard size > 0 else { throw RoleCallError(.snapshotUnusable(path: path, .truncated)) }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else {
            throw RoleCallError(.unreadable(.snapshot, path: path))
        }
        let file = UnsafeRawBufferPointer(start: base, count: size)
        do throws(RoleCallError) {
            let (tables, checksums, metadata) = try readHeader(file, path: path)
            let storage = SnapshotStorage(
                body: UnsafeRawBufferPointer(rebasing: file[(size - tables.body)...]),
                tables: tables.ranges,
                checksums: checksums,
                release: { [address = Int(bitPattern: base)] _ in
                    munmap(UnsafeMutableRawPointer(bitPattern: address), size)
                }
            )
            return (storage, metadata)
        } catch {
            munmap(base, size)
            throw error
        }
    }

    /// The table ranges, their checksums and the metadata, after checking every length and the checksum.
    private static func readHeader(
        _ file: UnsafeRawBufferPointer,
        path: String
    ) throws(RoleCallError) -> ((body: Int, ranges: [Range<Int>]), [[UInt64]], SnapshotMetadata) {
        let fail = { (problem: Problem) in RoleCallError(.snapshotUnusable(path: path, problem)) }
        let prefix = min(file.count, magic.count)
        guard file.prefix(prefix).elementsEqual(magic.prefix(prefix)) else { throw fail(.notASnapshot) }
        guard file.count >= fixedLength else { throw fail(.truncated) }
        let version = UInt32(littleEndian: file.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
        guard version <= formatVersion else { throw fail(.newerFormat(Int(version))) }
        guard version == formatVersion else { throw fail(.olderFormat(Int(version))) }
        let field = { (offset: Int) in UInt64(littleEndian: file.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        let tableCount = Int(UInt32(littleEndian: file.loadUnaligned(fromByteOffset: 12, as: UInt32.self)))
        let (headerLength, bodyLength, jsonLength) = (field(16), field(24), field(32))
        guard headerLength <= UInt64(file.count), bodyLength <= UInt64(file.count) else { throw fail(.truncated) }
        guard headerLength + bodyLength == UInt64(file.count) else {
            throw fail(headerLength + bodyLength > UInt64(file.count) ? .truncated : .damaged(table: nil))
        }
        guard headerLength >= UInt64(fixedLength), headerLength % 8 == 0 else { throw fail(.damaged(table: nil)) }
        let header = Array(file[0..<Int(headerLength)])
        var zeroed = header
        zeroed.replaceSubrange(48..<56, with: [UInt8](repeating: 0, count: 8))
        guard field(40) == UInt64(SnapshotStorage.blockSize), tableCount == SnapshotTable.allCases.count,
            BlockChecksum.of(zeroed) == field(48)
        else { throw fail(.damaged(table: nil)) }
        // The checksum matched: from here a wrong length means a file made to mislead, refused the same way.
        var offset = fixedLength
        var ranges: [Range<Int>] = []
        for table in SnapshotTable.allCases {
            guard offset + 16 <= header.count else { throw fail(.damaged(table: nil)) }
            let (start, length) = (field(offset), field(offset + 8))
            offset += 16
            guard start <= bodyLength, length <= bodyLength - start, length % UInt64(table.elementSize) == 0 else {
                throw fail(.damaged(table: table.name))
            }
            ranges.append(Int(start)..<Int(start + length))
        }
        var checksums: [[UInt64]] = []
        for range in ranges {
            let count = SnapshotStorage.blocks(range.count)
            guard offset + count * 8 <= header.count else { throw fail(.damaged(table: nil)) }
            checksums.append((0..<count).map { field(offset + $0 * 8) })
            offset += count * 8
        }
        guard jsonLength <= UInt64(header.count - offset),
            let metadata = try? JSONDecoder.snapshot.decode(
                SnapshotMetadata.self,
                from: Data(header[offset..<(offset + Int(jsonLength))])
            )
        else { throw fail(.damaged(table: nil)) }
        guard ranges[SnapshotTable.stringStarts.rawValue].count >= 8 else {
            throw fail(.damaged(table: "stringStarts"))
        }
        return ((Int(bodyLength), ranges), checksums, metadata)
    }

    /// Throws when `path` is a non-empty regular file that does not start with the snapshot magic.
    private static func refuseReplacingOther(_ path: String) throws(RoleCallError) {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size > 0 else { return }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw RoleCallError(.unreadable(.snapshot, path: path))
        }
        defer { try? handle.close() }
        let start = (try? handle.read(upToCount: magic.count)) ?? Data()
        guard start.elementsEqual(magic.prefix(start.count)) else {
            throw RoleCallError(.snapshotUnusable(path: path, .notASnapshot))
        }
    }

    private static func put<T: FixedWidthInteger>(_ value: T, at offset: Int, in bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(offset..<(offset + $0.count), with: $0) }
    }
}

/// What a snapshot file says about itself, as JSON in its header.
struct SnapshotMetadata: Codable, Sendable {
    /// Where the entries came from.
    var source: Source
    /// The instant the snapshot reflects: when the directory read began, or an export's modification time.
    var reflects: Date
    /// When the file was written.
    var written: Date
    /// How many entries the source delivered.
    var entryCount: Int
    /// What it was built with.
    var recipe: SnapshotRecipe
    /// Where an incremental refresh starts from, when the source offered content synchronisation.
    var sync: SnapshotSyncState?

    /// A ``DirectorySnapshot/Origin`` as JSON.
    struct Source: Codable, Sendable {
        var ldif: String?
        var uri: String?
        var base: String?
        /// The parts of merged sources, in the order read.
        var merged: [Source]?
    }
}

extension JSONEncoder {
    fileprivate static var snapshot: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}

extension JSONDecoder {
    fileprivate static var snapshot: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

/// Rewrites a snapshot file's checksums to match its bytes, so tests and the fuzzer can hand the
/// reader files whose damage the checksums do not catch: what a forger could write. Only the
/// bounds checks then stand between such a file and a crash or a wrong answer.
@_spi(Testing) public enum SnapshotForgery {
    /// The file with every block checksum and the header checksum recomputed, or unchanged when
    /// its header is too short to say where its tables are.
    /// - Parameter file: A snapshot file's bytes, damaged or not.
    /// - Returns: The bytes with matching checksums.
    public static func resealed(_ file: [UInt8]) -> [UInt8] {
        guard file.count >= 64 + SnapshotTable.allCases.count * 16 else { return file }
        var file = file
        let field = { (bytes: [UInt8], offset: Int) in
            bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        }
        let headerLength = Int(clamping: field(file, 16))
        guard headerLength <= file.count else { return file }
        var checksumOffset = 64 + SnapshotTable.allCases.count * 16
        for table in 0..<SnapshotTable.allCases.count {
            let start = min(file.count, headerLength + min(file.count, Int(clamping: field(file, 64 + table * 16))))
            let end = min(file.count, start + min(file.count, Int(clamping: field(file, 72 + table * 16))))
            let sums = file[start..<end].withUnsafeBytes { BlockChecksum.pages(of: $0) }
            for sum in sums where checksumOffset + 8 <= headerLength {
                withUnsafeBytes(of: sum.littleEndian) {
                    file.replaceSubrange(checksumOffset..<(checksumOffset + 8), with: $0)
                }
                checksumOffset += 8
            }
        }
        guard headerLength >= 56 else { return file }
        var header = Array(file[0..<headerLength])
        header.replaceSubrange(48..<56, with: [UInt8](repeating: 0, count: 8))
        withUnsafeBytes(of: BlockChecksum.of(header).littleEndian) { file.replaceSubrange(48..<56, with: $0) }
        return file
    }
}
