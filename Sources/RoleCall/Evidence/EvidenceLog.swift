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
    /// How long, in seconds, a file gathers records before it is rolled into a segment (nil: never).
    public let keep: TimeInterval?

    /// The hash that stands before the first record.
    public static let start = String(repeating: "0", count: 64)

    /// A log at `path`, sealed with the key in `keyFile` when given.
    /// - Parameters:
    ///   - path: The evidence file (created on the first append, readable by its owner only).
    ///   - keyFile: A file holding the HMAC key (its bytes; one trailing newline ignored; 16 or more).
    ///   - keep: Roll the file into a segment when its first line is older than this many seconds
    ///     (see ``append(_:now:)``); nil never rolls it.
    /// - Throws: ``RoleCallError`` `unreadable(.evidenceKey)` for a key file that cannot be read or is too short.
    public init(path: String, keyFile: String? = nil, keep: TimeInterval? = nil) throws(RoleCallError) {
        self.path = path
        self.keep = keep
        key = try keyFile.map { (file) throws(RoleCallError) in try Self.readKey(file) }
    }

    /// Appends a record, chained to the last one.
    ///
    /// With ``keep``, a file whose first line is older than that is first rolled: renamed to a
    /// segment (`FILE.YYYYMMDDTHHMMSSZ`, the instant it was rolled) and replaced by a file whose
    /// first line names the segment, its record count and its last hash, and chains to that hash.
    /// - Parameters:
    ///   - record: The record.
    ///   - now: The current time, for rolling.
    /// - Throws: ``RoleCallError`` `cannotWrite(.evidence)`, or `evidenceHalfWritten` when the file
    ///   ends in a record cut short.
    /// - Returns: The new record's hash.
    @discardableResult
    public func append(_ record: EvidenceRecord, now: Date = Date()) throws(RoleCallError) -> String {
        while true {
            let descriptor = try openLocked()
            defer { close(descriptor) }
            // Another process rolled the file while this one waited for the lock: open the new one.
            guard isCurrent(descriptor) else { continue }
            // A roll that fails (a folder this account cannot write) leaves the records where they
            // are: nothing is lost, and the next append tries again.
            if (try? roll(descriptor, now: now)) == true { continue }
            return try append(record, to: descriptor)
        }
    }

    /// The file opened for appending (created if absent) and locked exclusively.
    func openLocked() throws(RoleCallError) -> Int32 {
        let descriptor = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw RoleCallError(.cannotWrite(.evidence, path: path, errno: errno)) }
        guard flock(descriptor, LOCK_EX) == 0 else {
            let failure = errno
            close(descriptor)
            throw RoleCallError(.cannotWrite(.evidence, path: path, errno: failure))
        }
        return descriptor
    }

    private func append(_ record: EvidenceRecord, to descriptor: Int32) throws(RoleCallError) -> String {
        let (previousLine, size) = try lastLine(descriptor)
        let previous = previousLine.map { SHA256.hex(SHA256.hash($0)) } ?? Self.start
        let line = Array(Self.line(record.fields(), previous: previous, key: key).utf8) + [0x0A]
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count, fsync(descriptor) == 0 else {
            let failure = errno
            // A record half on disk would stop every later check: take it back while holding the lock.
            _ = ftruncate(descriptor, off_t(size))
            throw RoleCallError(.cannotWrite(.evidence, path: path, errno: failure))
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

    /// The longest record line read back when appending (a record names its recipients: far less).
    static let longestLine = 16 << 20

    /// The last line's bytes (without its newline), or nil for an empty file; and the file's size.
    func lastLine(_ descriptor: Int32) throws(RoleCallError) -> (line: [UInt8]?, size: Int) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw RoleCallError(.unreadable(.evidence, path: path)) }
        let size = Int(status.st_size)
        guard size > 0 else { return (nil, 0) }
        let read = { (start: Int, count: Int) throws(RoleCallError) -> [UInt8] in
            var bytes = [UInt8](repeating: 0, count: count)
            let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(start)) }
            guard got == count else { throw RoleCallError(.unreadable(.evidence, path: self.path)) }
            return bytes
        }
        // A file must end in a whole record: checked first, before reading any of it back.
        guard try read(size - 1, 1) == [0x0A] else { throw RoleCallError(.evidenceHalfWritten(path: path)) }
        var chunks: [[UInt8]] = []
        var (start, end) = (size - 1, size - 1)
        // Back from the final newline to the one before the last line (or the start of the file).
        while end > 0, size - 1 - end < Self.longestLine {
            start = max(0, end - 65_536)
            let chunk = try read(start, end - start)
            chunks.insert(chunk, at: 0)
            if let newline = chunk.lastIndex(of: 0x0A) {
                chunks[0] = Array(chunk[(newline + 1)...])
                break
            }
            end = start
        }
        let line = chunks.flatMap { $0 }
        // An empty line or one beyond any record's length is no record of RoleCall's.
        guard !line.isEmpty, line.count < Self.longestLine else {
            throw RoleCallError(.evidenceHalfWritten(path: path))
        }
        return (line, size)
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
