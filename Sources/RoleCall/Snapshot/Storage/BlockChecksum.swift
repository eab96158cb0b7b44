/// A fast 64-bit checksum that catches damage to a snapshot file (truncation, flipped bits,
/// overwritten blocks). It is not a defence against a forger: every offset read from a file is
/// bounds-checked as well.
enum BlockChecksum {
    /// The checksum of some bytes.
    /// - Parameter bytes: The bytes.
    /// - Returns: The checksum.
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = ((hash ^ word) &* 0x0000_0100_0000_01B3).rotatedLeft(by: 29)
            offset += 8
        }
        while offset < bytes.count {
            hash = (hash ^ UInt64(bytes[offset])) &* 0x0000_0100_0000_01B3
            offset += 1
        }
        // A final mix so that every input bit reaches every output bit.
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        return hash
    }

    /// One checksum per page (``SnapshotStorage/blockSize`` bytes, the last one shorter) of a table's bytes.
    static func pages(of bytes: UnsafeRawBufferPointer) -> [UInt64] {
        stride(from: 0, to: bytes.count, by: SnapshotStorage.blockSize).map { start in
            of(UnsafeRawBufferPointer(rebasing: bytes[start..<min(bytes.count, start + SnapshotStorage.blockSize)]))
        }
    }

    /// The checksum of a byte array.
    static func of(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { of($0) } }
}

extension UInt64 {
    fileprivate func rotatedLeft(by count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
