/// A Compound File Binary ([MS-CFB]) read from bytes, as Outlook saves messages: a tree of
/// storages and streams laid out in sectors chained by a file allocation table.
///
/// Every sector number, length, chain and tree link read from the file is checked: a damaged or
/// hostile file is ``Damaged``, never a crash, a loop or an allocation beyond the file's own size.
struct CompoundFile {
    /// The file's structure is not what its header and tables say.
    struct Damaged: Error {}

    /// One directory entry.
    struct Entry {
        /// The entry's name ("__recip_version1.0_#00000000").
        var name: String
        /// 1 storage, 2 stream, 5 root.
        var type: UInt8
        var left: UInt32
        var right: UInt32
        var child: UInt32
        var start: UInt32
        var size: Int

        var isStorage: Bool { type == 1 }
        var isStream: Bool { type == 2 }
    }

    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    private static let endOfChain: UInt32 = 0xFFFF_FFFE
    private static let noStream: UInt32 = 0xFFFF_FFFF

    private let bytes: [UInt8]
    private let sectorSize: Int
    private let miniSectorSize: Int
    private let miniStreamCutoff: Int
    private let fat: [UInt32]
    private let miniFat: [UInt32]
    private let miniStream: [UInt8]
    /// The directory, root first.
    let entries: [Entry]
    /// Each storage's entries, from one walk of the directory's trees.
    private let childrenByStorage: [Int: [Int]]

    init(_ bytes: [UInt8]) throws(Damaged) {
        guard bytes.count >= 512, bytes.starts(with: Self.signature) else { throw Damaged() }
        self.bytes = bytes
        let majorVersion = Self.uint16(bytes, 0x1A)
        let sectorShift = Int(Self.uint16(bytes, 0x1E))
        let miniSectorShift = Int(Self.uint16(bytes, 0x20))
        guard sectorShift == 9 || sectorShift == 12, miniSectorShift == 6 else { throw Damaged() }
        sectorSize = 1 << sectorShift
        miniSectorSize = 1 << miniSectorShift
        miniStreamCutoff = Int(Self.uint32(bytes, 0x38))
        let sectorCount = (bytes.count - sectorSize) / sectorSize
        guard sectorCount > 0, miniStreamCutoff <= 1 << 20 else { throw Damaged() }

        // The FAT's own sectors: 109 in the header, the rest in the DIFAT chain.
        let fatSectorCount = Int(Self.uint32(bytes, 0x2C))
        guard fatSectorCount <= sectorCount else { throw Damaged() }
        var fatSectors = (0..<109).map { Self.uint32(bytes, 0x4C + 4 * $0) }
        var difat = Self.uint32(bytes, 0x44)
        var difatSteps = 0
        while difat < Self.endOfChain - 3, fatSectors.count < fatSectorCount + 109 {
            difatSteps += 1
            guard Int(difat) < sectorCount, difatSteps <= sectorCount else { throw Damaged() }
            let base = (Int(difat) + 1) * sectorSize
            let perSector = sectorSize / 4 - 1
            fatSectors += (0..<perSector).map { Self.uint32(bytes, base + 4 * $0) }
            difat = Self.uint32(bytes, base + 4 * perSector)
        }
        var fat: [UInt32] = []
        for sector in fatSectors.prefix(fatSectorCount) {
            guard Int(sector) < sectorCount else { throw Damaged() }
            let base = (Int(sector) + 1) * sectorSize
            fat += (0..<(sectorSize / 4)).map { Self.uint32(bytes, base + 4 * $0) }
        }
        self.fat = fat

        // Regular sectors: sector n starts after the header, at (n + 1) × sectorSize.
        let size = sectorSize
        let sectors = { (start: UInt32) throws(Damaged) -> [UInt8] in
            try Self.chain(from: start, table: fat, unit: size, in: bytes, offset: size, limit: bytes.count)
        }
        let directory = try sectors(Self.uint32(bytes, 0x30))
        var entries: [Entry] = []
        for base in stride(from: 0, to: directory.count - 127, by: 128) {
            let nameLength = min(64, Int(Self.uint16(directory, base + 64)))
            let units = (0..<max(0, nameLength / 2 - 1)).map { Self.uint16(directory, base + 2 * $0) }
            // Version 3 files may leave garbage in the size's high half ([MS-CFB] 2.6.3).
            let high = majorVersion == 3 ? 0 : UInt64(Self.uint32(directory, base + 124))
            let size64 = UInt64(Self.uint32(directory, base + 120)) | high << 32
            entries.append(
                Entry(
                    name: String(decoding: units, as: UTF16.self),
                    type: directory[base + 66],
                    left: Self.uint32(directory, base + 68),
                    right: Self.uint32(directory, base + 72),
                    child: Self.uint32(directory, base + 76),
                    start: Self.uint32(directory, base + 116),
                    size: Int(min(size64, UInt64(bytes.count)))
                )
            )
        }
        guard let root = entries.first, root.type == 5 else { throw Damaged() }
        self.entries = entries
        childrenByStorage = Self.children(entries)

        let miniFatBytes = try sectors(Self.uint32(bytes, 0x3C))
        miniFat = stride(from: 0, to: miniFatBytes.count - 3, by: 4).map { Self.uint32(miniFatBytes, $0) }
        miniStream = Array(try sectors(root.start).prefix(root.size))
    }

    /// The entries directly inside storage `index`, in directory order. Each entry belongs to the
    /// first storage that reaches it (a damaged file may link one from two places), so listing
    /// every storage's children costs one walk of the directory.
    func children(of index: Int) -> [Int] { childrenByStorage[index] ?? [] }

    /// The contents of stream `index`.
    func stream(_ index: Int) throws(Damaged) -> [UInt8] {
        guard entries.indices.contains(index), entries[index].isStream else { throw Damaged() }
        let entry = entries[index]
        let data =
            entry.size < miniStreamCutoff
            ? try Self.chain(
                from: entry.start,
                table: miniFat,
                unit: miniSectorSize,
                in: miniStream,
                offset: 0,
                limit: entry.size
            )
            : try Self.chain(
                from: entry.start,
                table: fat,
                unit: sectorSize,
                in: bytes,
                offset: sectorSize,
                limit: entry.size
            )
        guard data.count >= entry.size else { throw Damaged() }
        return Array(data.prefix(entry.size))
    }

    /// The bytes of a chain of sectors (`unit` bytes each, sector n at `offset + n × unit`), read
    /// until its end or until `limit` bytes are read. A sector visited twice is a loop: damaged.
    private static func chain(
        from start: UInt32,
        table: [UInt32],
        unit: Int,
        in data: [UInt8],
        offset: Int,
        limit: Int
    ) throws(Damaged) -> [UInt8] {
        var result: [UInt8] = []
        // A set as long as the chain read, not as the table: a file of many streams reads many chains.
        var visited: Set<Int> = []
        var sector = start
        while sector != endOfChain && sector != noStream && result.count < limit {
            let index = Int(sector)
            guard index < table.count, offset + index * unit + unit <= data.count, visited.insert(index).inserted else {
                throw Damaged()
            }
            let base = offset + index * unit
            result += data[base..<(base + unit)]
            sector = table[index]
        }
        return result
    }

    /// Every storage's entries: one walk from the root, each entry taken once.
    private static func children(_ entries: [Entry]) -> [Int: [Int]] {
        var result: [Int: [Int]] = [:]
        var taken = [Bool](repeating: false, count: entries.count)
        taken[0] = true
        var storages = [0]
        while let storage = storages.popLast() {
            var pending = [entries[storage].child]
            var found: [Int] = []
            while let next = pending.popLast() {
                guard next != noStream, Int(next) < entries.count, !taken[Int(next)] else { continue }
                taken[Int(next)] = true
                found.append(Int(next))
                pending += [entries[Int(next)].left, entries[Int(next)].right]
                if entries[Int(next)].isStorage { storages.append(Int(next)) }
            }
            result[storage] = found.sorted()
        }
        return result
    }

    private static func uint16(_ data: [UInt8], _ offset: Int) -> UInt16 {
        guard offset >= 0, offset + 2 <= data.count else { return 0 }
        return UInt16(data[offset]) | UInt16(data[offset + 1]) << 8
    }

    private static func uint32(_ data: [UInt8], _ offset: Int) -> UInt32 {
        guard offset >= 0, offset + 4 <= data.count else { return 0xFFFF_FFFF }
        return (0..<4).reduce(0) { $0 | UInt32(data[offset + $1]) << (8 * $1) }
    }
}
