public import Foundation

/// An append-only JSON Lines file of recipient checks, each record carrying the SHA-256 of the line
/// before it (`previous`; 64 zeros for the first) and, with a key, an HMAC-SHA-256 of itself
/// (`hmac`), so an edited, inserted or deleted record shows when the file is checked. Cutting
/// records off the end shows only against a count and last hash kept elsewhere (the release log):
/// ``verify(path:key:)`` prints both.
///
/// Appends take an exclusive lock on the file, so processes and threads writing one file keep one
/// chain; each record is one `write` of one line, synced before the call returns.
public struct EvidenceLog: Sendable {
    /// The file.
    public let path: String
    /// The HMAC key, if records are sealed.
    public let key: [UInt8]?

    /// The hash that stands before the first record.
    public static let start = String(repeating: "0", count: 64)

    /// A log at `path`, sealed with the key in `keyFile` when given.
    /// - Parameters:
    ///   - path: The evidence file (created on the first append, readable by its owner only).
    ///   - keyFile: A file holding the HMAC key (its bytes; one trailing newline ignored; 16 or more).
    /// - Throws: ``RoleCallError`` `unreadable(.evidenceKey)` for a key file that cannot be read or is too short.
    public init(path: String, keyFile: String? = nil) throws(RoleCallError) {
        self.path = path
        key = try keyFile.map { (file) throws(RoleCallError) in try Self.readKey(file) }
    }

    /// Appends a record, chained to the last one.
    /// - Parameter record: The record.
    /// - Throws: ``RoleCallError`` `cannotWrite(.evidence)`, or `evidenceHalfWritten` when the file
    ///   ends in a record cut short.
    /// - Returns: The new record's hash.
    @discardableResult
    public func append(_ record: EvidenceRecord) throws(RoleCallError) -> String {
        let descriptor = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw RoleCallError(.cannotWrite(.evidence, path: path, errno: errno)) }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else {
            throw RoleCallError(.cannotWrite(.evidence, path: path, errno: errno))
        }
        let previous = try lastLine(descriptor).map { SHA256.hex(SHA256.hash($0)) } ?? Self.start
        let line = Array(Self.line(record.fields(), previous: previous, key: key).utf8) + [0x0A]
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count, fsync(descriptor) == 0 else {
            throw RoleCallError(.cannotWrite(.evidence, path: path, errno: errno))
        }
        return SHA256.hex(SHA256.hash(line.dropLast()))
    }

    /// A record's line: its fields, `previous`, and `hmac` over everything before it when sealed.
    static func line(_ fields: [(String, JSONValue)], previous: String, key: [UInt8]?) -> String {
        let body = JSONValue.object(fields + [("previous", .string(previous))]).compact()
        guard let key else { return body }
        let seal = SHA256.hex(SHA256.hmac(key: key, message: Array(body.utf8)))
        return String(body.dropLast()) + ",\"hmac\":\"\(seal)\"}"
    }

    /// The last line's bytes (without its newline), or nil for an empty file.
    private func lastLine(_ descriptor: Int32) throws(RoleCallError) -> [UInt8]? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw RoleCallError(.unreadable(.evidence, path: path))
        }
        let size = Int(status.st_size)
        guard size > 0 else { return nil }
        var tail: [UInt8] = []
        var end = size
        // Read backwards until the newline before the last line (or the start of the file).
        while end > 0 {
            let start = max(0, end - 65_536)
            var chunk = [UInt8](repeating: 0, count: end - start)
            let read = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(start)) }
            guard read == chunk.count else { throw RoleCallError(.unreadable(.evidence, path: path)) }
            tail = chunk + tail
            end = start
            if tail.dropLast().contains(0x0A) { break }
        }
        guard tail.last == 0x0A else { throw RoleCallError(.evidenceHalfWritten(path: path)) }
        let body = tail.dropLast()
        return Array(body[(body.lastIndex(of: 0x0A).map { $0 + 1 } ?? body.startIndex)...])
    }

    private static func readKey(_ file: String) throws(RoleCallError) -> [UInt8] {
        guard var bytes = FileManager.default.contents(atPath: file).map(Array.init) else {
            throw RoleCallError(.unreadable(.evidenceKey, path: file))
        }
        if bytes.last == 0x0A { bytes.removeLast() }
        guard bytes.count >= 16 else { throw RoleCallError(.unreadable(.evidenceKey, path: file)) }
        return bytes
    }
}
