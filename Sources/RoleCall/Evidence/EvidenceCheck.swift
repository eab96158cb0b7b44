import Foundation

/// What checking an evidence file found: how many records, the last one's hash, and the first
/// record that breaks the chain or its seal.
public struct EvidenceCheck: Sendable, Hashable {
    /// Why a record does not belong where it is.
    public enum Problem: String, Sendable, Hashable, CaseIterable {
        /// The line is not a JSON object.
        case notJSON
        /// Its `previous` is not the hash of the line before: a record was edited, inserted or deleted.
        case brokenChain
        /// Its `hmac` does not match the record under the key: the record was edited.
        case badSeal
        /// The log is sealed (a key was given) but the record has no `hmac`.
        case missingSeal
        /// The file ends in a line without its newline: a record cut short.
        case cutShort
        /// The record is sealed but no key was given (reported as an error, not as tampering).
        case sealedWithoutKey
        /// The file continues a segment that is there but does not end as the file's first line
        /// says (its count or last hash differs, or it is not intact itself).
        case segmentDiffers
    }

    /// The records read before any problem (all of them when intact).
    public var records: Int
    /// The hash of the last intact record (``EvidenceLog/start`` for an empty file).
    public var lastHash: String
    /// The first problem found, or nil when intact.
    public var problem: Problem?
    /// The line (1-based) of ``problem``.
    public var problemLine: Int?
    /// The segment the file continues, when it was rolled (``EvidenceLog/keep``).
    public var segment: EvidenceLog.Segment?
    /// How many segment files were checked back along the chain (each against the line naming it).
    public var segmentsChecked = 0
    /// The first segment along the chain that is not there (archived or deleted): checking stopped at it.
    public var missingSegment: String?

    /// Whether every record is chained (and sealed, with a key) as written.
    public var isIntact: Bool { problem == nil }
}

extension EvidenceLog {
    /// Checks the whole file: every record's `previous` against the line before, and with a key
    /// every record's `hmac`.
    /// - Throws: ``RoleCallError`` `unreadable(.evidence)` when the file cannot be read,
    ///   `evidenceNeedsKey` for sealed records checked without a key.
    /// - Returns: What was found.
    public func verify() throws(RoleCallError) -> EvidenceCheck {
        var check = try verifyFile()
        guard check.isIntact, let first = check.segment else { return check }
        // Back through the segments, one file in memory at a time, each file once.
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        var visited: Set<[UInt64]> = []
        var next: Segment? = first
        while let expected = next {
            let segmentPath = folder.appendingPathComponent(expected.file).path
            var status = stat()
            guard !expected.file.contains("/"), !expected.file.hasPrefix(".") else { return differs(check) }
            guard lstat(segmentPath, &status) == 0 else {
                check.missingSegment = expected.file
                break
            }
            // A link, a pipe or a file met before (a copy over its own segment's name) is no segment.
            guard status.st_mode & S_IFMT == S_IFREG,
                visited.insert([UInt64(status.st_dev), UInt64(status.st_ino)]).inserted
            else { return differs(check) }
            let found = try EvidenceLog(path: segmentPath, key: key).verifyFile()
            guard found.isIntact, found.records == expected.records, found.lastHash == expected.lastHash else {
                return differs(check)
            }
            check.segmentsChecked += 1
            next = found.segment
        }
        check.segment?.checked = check.segmentsChecked > 0
        return check
    }

    private func differs(_ check: EvidenceCheck) -> EvidenceCheck {
        var check = check
        (check.problem, check.problemLine) = (.segmentDiffers, 1)
        return check
    }

    /// Checks this file alone; a first line naming a segment is read, not followed.
    private func verifyFile() throws(RoleCallError) -> EvidenceCheck {
        // A shared lock: an append in progress finishes first, so it is never taken for a cut.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw RoleCallError(.unreadable(.evidence, path: path)) }
        defer { close(descriptor) }
        _ = flock(descriptor, LOCK_SH)
        guard let data = try? FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).readToEnd() ?? Data() else {
            throw RoleCallError(.unreadable(.evidence, path: path))
        }
        var check = EvidenceCheck(records: 0, lastHash: Self.start)
        let bytes = Array(data)
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for (index, line) in lines.enumerated() {
            let number = index + 1
            if index == lines.count - 1, bytes.last != 0x0A {
                (check.problem, check.problemLine) = (.cutShort, number)
                return check
            }
            // A rolled file starts with a line naming its segment, chained to the segment's end.
            let segment = index == 0 ? Self.segment(of: Array(line)) : nil
            if let problem = problem(in: Array(line), previous: segment?.lastHash ?? check.lastHash) {
                if problem == .sealedWithoutKey { throw RoleCallError(.evidenceNeedsKey(path: path)) }
                (check.problem, check.problemLine) = (problem, number)
                return check
            }
            if let segment { check.segment = segment } else { check.records += 1 }
            check.lastHash = SHA256.hex(SHA256.hash(line))
        }
        return check
    }

    private func problem(in line: [UInt8], previous: String) -> EvidenceCheck.Problem? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
            return .notJSON
        }
        guard object["previous"] as? String == previous else { return .brokenChain }
        guard let key else { return object["hmac"] == nil ? nil : .sealedWithoutKey }
        guard let seal = object["hmac"] as? String else { return .missingSeal }
        let text = String(decoding: line, as: UTF8.self)
        let suffix = ",\"hmac\":\"\(seal)\"}"
        guard text.hasSuffix(suffix) else { return .badSeal }
        let body = String(text.dropLast(suffix.count)) + "}"
        return SHA256.hex(SHA256.hmac(key: key, message: Array(body.utf8))) == seal ? nil : .badSeal
    }
}
