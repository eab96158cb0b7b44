import Foundation

/// Rolling an evidence file into segments (`--evidence-keep`), so that no file gathers records
/// for longer than the retention period and each segment can be archived or deleted on its own,
/// while the chain runs on unbroken: a new file's first line names the segment before it and
/// chains to that segment's last hash.
extension EvidenceLog {
    /// What a file's first line says of the segment it continues.
    public struct Segment: Sendable, Hashable {
        /// The segment's file name (in the same folder as the file).
        public var file: String
        /// How many records the segment holds.
        public var records: Int
        /// The hash of the segment's last line: the chain goes on from it.
        public var lastHash: String
        /// Whether the segment was there to check against (it may have been archived or deleted).
        public var checked: Bool
    }

    /// A log of a segment, checked with the same key.
    init(path: String, key: [UInt8]?) {
        self.path = path
        self.key = key
        keep = nil
    }

    /// Whether `descriptor` is still the file at ``path`` (not a file another process rolled away).
    func isCurrent(_ descriptor: Int32) -> Bool {
        var open = stat()
        var named = stat()
        guard fstat(descriptor, &open) == 0, stat(path, &named) == 0 else { return false }
        return open.st_ino == named.st_ino && open.st_dev == named.st_dev
    }

    /// Rolls the locked file into a segment when its first line is older than ``keep``.
    /// - Returns: Whether it was rolled (the caller then opens the new file).
    func roll(_ descriptor: Int32, now: Date) throws(RoleCallError) -> Bool {
        guard let keep, let first = try firstLine(descriptor), let started = Self.instant(of: first),
            now.timeIntervalSince(started) > keep
        else { return false }
        // A second name already: a roll that stopped between its two steps. Left as it is.
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_nlink == 1 else { return false }
        let (last, _) = try lastLine(descriptor)
        guard let last else { return false }
        let records = try recordCount(descriptor) - (Self.segment(of: first) == nil ? 0 : 1)
        let stamp = Self.stamp(now)
        var segmentPath = "\(path).\(stamp)"
        var suffix = 1
        while FileManager.default.fileExists(atPath: segmentPath) {
            suffix += 1
            segmentPath = "\(path).\(stamp)-\(suffix)"
        }
        let lastHash = SHA256.hex(SHA256.hash(last))
        let marker = Self.line(
            [
                ("at", .string(Self.instantText(now))),
                (
                    "segment",
                    .object([
                        ("file", .string(URL(fileURLWithPath: segmentPath).lastPathComponent)),
                        ("records", .int(records)), ("lastHash", .string(lastHash)),
                    ])
                ),
            ],
            previous: lastHash,
            key: key
        )
        try replace(descriptor, with: Array((marker + "\n").utf8), keeping: segmentPath)
        return true
    }

    /// Gives the locked file the name `segmentPath` beside its own, then puts a new file holding
    /// `bytes` — synced, with the old file's permissions and owner — in its place in one step: the
    /// file is never missing, and a process that opens it meanwhile finds the old one, whose lock
    /// it waits for, and then sees it rolled.
    private func replace(_ descriptor: Int32, with bytes: [UInt8], keeping segmentPath: String) throws(RoleCallError) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        // Hidden and unguessable, never a link someone planted: nothing else is written through it.
        let temporary =
            "\(folder)/.\(URL(fileURLWithPath: path).lastPathComponent).rolling-\(UInt64.random(in: 0...UInt64.max))"
        let created = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard created >= 0 else { throw RoleCallError(.cannotWrite(.evidence, path: temporary, errno: errno)) }
        var old = stat()
        if fstat(descriptor, &old) == 0 {
            _ = fchmod(created, old.st_mode & 0o7777)
            _ = fchown(created, old.st_uid, old.st_gid)  // only root may give it away; others keep their own
        }
        let written = bytes.withUnsafeBytes { write(created, $0.baseAddress, $0.count) }
        var failure = errno
        let synced = written == bytes.count && fsync(created) == 0
        if !synced { failure = errno }
        close(created)
        guard synced else {
            _ = unlink(temporary)
            throw RoleCallError(.cannotWrite(.evidence, path: temporary, errno: failure))
        }
        guard link(path, segmentPath) == 0 else {
            failure = errno
            _ = unlink(temporary)
            throw RoleCallError(.cannotWrite(.evidence, path: segmentPath, errno: failure))
        }
        guard rename(temporary, path) == 0 else {
            failure = errno
            _ = unlink(segmentPath)
            _ = unlink(temporary)
            throw RoleCallError(.cannotWrite(.evidence, path: path, errno: failure))
        }
        // The new names survive a crash only once the folder is synced.
        let directory = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            _ = fsync(directory)
            close(directory)
        }
    }

    /// The first line of the locked file, or nil when it is empty or its first line is too long.
    private func firstLine(_ descriptor: Int32) throws(RoleCallError) -> [UInt8]? {
        var line: [UInt8] = []
        var offset = 0
        while line.count < Self.longestLine {
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let got = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
            guard got >= 0 else { throw RoleCallError(.unreadable(.evidence, path: path)) }
            guard got > 0 else { return nil }
            if let newline = chunk[0..<got].firstIndex(of: 0x0A) { return line + chunk[0..<newline] }
            line += chunk[0..<got]
            offset += got
        }
        return nil
    }

    /// The number of lines of the locked file.
    private func recordCount(_ descriptor: Int32) throws(RoleCallError) -> Int {
        var count = 0
        var offset = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let got = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
            guard got >= 0 else { throw RoleCallError(.unreadable(.evidence, path: path)) }
            guard got > 0 else { return count }
            count += chunk[0..<got].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
            offset += got
        }
    }

    /// The `at` of a record or segment line.
    private static func instant(of line: [UInt8]) -> Date? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
            let at = object["at"] as? String
        else { return nil }
        return ISO8601DateFormatter().date(from: at)
    }

    /// The segment a first line names, with `checked` false (nil for an ordinary record).
    static func segment(of line: [UInt8]) -> Segment? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
            let segment = object["segment"] as? [String: Any], let file = segment["file"] as? String,
            let records = segment["records"] as? Int, let lastHash = segment["lastHash"] as? String,
            object["previous"] as? String == lastHash
        else { return nil }
        return Segment(file: file, records: records, lastHash: lastHash, checked: false)
    }

    private static func instantText(_ date: Date) -> String { Instant.text(date) }

    private static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }
}
