import Foundation
import Testing

@testable import RoleCall

/// The evidence log: SHA-256 and HMAC as published, and a chain that shows an edited, inserted,
/// deleted or cut-short record.
@Suite("Evidence log")
struct EvidenceLogTests {
    @Test("SHA-256 and HMAC-SHA-256 give the published test vectors")
    func vectors() {
        #expect(SHA256.hex(SHA256.hash([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            SHA256.hex(SHA256.hash("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        )
        #expect(
            SHA256.hex(SHA256.hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        )
        // RFC 4231, test cases 2 and 6 (a key longer than a block).
        #expect(
            SHA256.hex(SHA256.hmac(key: Array("Jefe".utf8), message: "what do ya want for nothing?".utf8))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        )
        #expect(
            SHA256.hex(
                SHA256.hmac(
                    key: [UInt8](repeating: 0xaa, count: 131),
                    message: "Test Using Larger Than Block-Size Key - Hash Key First".utf8
                )
            ) == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        )
    }

    private func record(_ release: String) throws -> EvidenceRecord {
        let list = try AccessList.parse(Array("Head of Defence Statistics\n".utf8), source: "list", format: .text)
        let check = RecipientCheck(
            recipients: ["asmith@dda.example", "dokafor@dda.example"],
            list: list,
            resolver: ResolverTests.example
        )
        return EvidenceRecord(
            check: check,
            list: list,
            listName: "bulletin",
            resolver: ResolverTests.example,
            release: release,
            by: "tester",
            at: Date(timeIntervalSince1970: 1_795_600_000)
        )
    }

    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("evidence-\(UUID()).jsonl").path
    }

    private func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    private func write(_ lines: [String], to path: String, finalNewline: Bool = true) throws {
        try (lines.joined(separator: "\n") + (finalNewline ? "\n" : "")).write(
            toFile: path,
            atomically: true,
            encoding: .utf8
        )
    }

    @Test("an intact chain verifies with its count and last hash; edits, insertions and deletions show")
    func chain() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let log = try EvidenceLog(path: path)
        var last = ""
        for release in ["Bulletin 1", "Bulletin 2", "Bulletin 3"] { last = try log.append(try record(release)) }
        let intact = try log.verify()
        #expect(intact.isIntact)
        #expect(intact.records == 3)
        #expect(intact.lastHash == last)
        let written = try lines(path)
        #expect(written[0].contains("\"previous\":\"\(EvidenceLog.start)\""))
        #expect(written[1].contains("\"previous\":\"\(SHA256.hex(SHA256.hash(written[0].utf8)))\""))
        #expect(written[2].contains("\"maySend\":false"))
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)

        // An edited verdict breaks the chain at the next record.
        try write(
            [written[0], written[1].replacingOccurrences(of: "unauthorised", with: "authorised"), written[2]],
            to: path
        )
        #expect(try log.verify().problem == .brokenChain)
        #expect(try log.verify().problemLine == 3)
        // A deleted record breaks it where it was.
        try write([written[0], written[2]], to: path)
        #expect(try log.verify().problemLine == 2)
        // A record cut short is found, and nothing more is appended after it.
        try write(written, to: path, finalNewline: false)
        #expect(try log.verify().problem == .cutShort)
        #expect(throws: RoleCallError(.evidenceHalfWritten(path: path))) { try log.append(try record("Bulletin 4")) }
        // Records cut off the end show only against the count and hash kept elsewhere.
        try write(Array(written.prefix(2)), to: path)
        let cut = try log.verify()
        #expect(cut.isIntact && cut.records == 2 && cut.lastHash != last)
    }

    @Test("sealed with a key, an edit of the last record shows too; the wrong key fails every record")
    func sealed() throws {
        let path = temporaryPath()
        let keyFile = temporaryPath()
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: keyFile)
        }
        try "a long enough secret key\n".write(toFile: keyFile, atomically: true, encoding: .utf8)
        let log = try EvidenceLog(path: path, keyFile: keyFile)
        for release in ["Bulletin 1", "Bulletin 2"] { try log.append(try record(release)) }
        #expect(try log.verify().isIntact)
        var written = try lines(path)
        written[1] = written[1].replacingOccurrences(of: "Bulletin 2", with: "Bulletin 9")
        try write(written, to: path)
        #expect(try log.verify().problem == .badSeal)
        #expect(try log.verify().problemLine == 2)
        // Without the key a sealed file is not declared intact: its chain alone can be rebuilt.
        #expect(throws: RoleCallError(.evidenceNeedsKey(path: path))) { try EvidenceLog(path: path).verify() }
        try "another key of enough length\n".write(toFile: keyFile, atomically: true, encoding: .utf8)
        #expect(try EvidenceLog(path: path, keyFile: keyFile).verify().problemLine == 1)
        try "short\n".write(toFile: keyFile, atomically: true, encoding: .utf8)
        #expect(throws: RoleCallError(.unreadable(.evidenceKey, path: keyFile))) {
            try EvidenceLog(path: path, keyFile: keyFile)
        }
    }

    @Test("appends from many threads at once keep one chain")
    func concurrentAppends() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let log = try EvidenceLog(path: path)
        let record = try record("Bulletin")
        DispatchQueue.concurrentPerform(iterations: 16) { _ in _ = try? log.append(record) }
        let check = try log.verify()
        #expect(check.isIntact)
        #expect(check.records == 16)
    }

    @Test("--evidence-keep rolls a file into a segment; the new file chains on from it, and a changed segment shows")
    func rolling() throws {
        let path = temporaryPath()
        let keyFile = temporaryPath()
        try "a long enough secret key\n".write(toFile: keyFile, atomically: true, encoding: .utf8)
        let written = Date(timeIntervalSince1970: 1_795_600_000)
        let day: TimeInterval = 86_400
        let log = try EvidenceLog(path: path, keyFile: keyFile, keep: 10 * day)
        try log.append(try record("Bulletin 1"), now: written)
        let second = try log.append(try record("Bulletin 2"), now: written + 9 * day)
        // Eleven days after the first record: the two go to a segment before the third is written.
        let third = try log.append(try record("Bulletin 3"), now: written + 11 * day)
        let segmentPath = path + ".20261206T094640Z"
        defer {
            for file in [path, keyFile, segmentPath] { try? FileManager.default.removeItem(atPath: file) }
        }
        #expect(try lines(segmentPath).count == 2)
        let segmentCheck = try EvidenceLog(path: segmentPath, keyFile: keyFile).verify()
        #expect(segmentCheck.isIntact && segmentCheck.records == 2 && segmentCheck.lastHash == second)
        let current = try lines(path)
        #expect(current.count == 2)
        #expect(current[0].contains("\"previous\":\"\(second)\""))
        #expect(current[0].contains("\"records\":2"))
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
        let check = try log.verify()
        #expect(check.isIntact)
        #expect(check.records == 1)
        #expect(check.lastHash == third)
        #expect(check.segment?.checked == true && check.segment?.records == 2)
        // The next roll counts only records, not the line naming the segment.
        try log.append(try record("Bulletin 4"), now: written + 22 * day)
        let nextSegment = path + ".20261217T094640Z"
        defer { try? FileManager.default.removeItem(atPath: nextSegment) }
        #expect(try log.verify().segment?.records == 1)
        #expect(try EvidenceLog(path: nextSegment, keyFile: keyFile).verify().segment?.checked == true)

        // A segment changed after it was rolled no longer matches the line that names it.
        var segment = try lines(nextSegment)
        segment[1] = segment[1].replacingOccurrences(of: "Bulletin 3", with: "Bulletin 9")
        try write(segment, to: nextSegment)
        let changed = try log.verify()
        #expect(changed.problem == .segmentDiffers && changed.problemLine == 1)
        // The file copied over the segment it names (a chain that comes round) ends, as a problem.
        try FileManager.default.removeItem(atPath: nextSegment)
        try FileManager.default.copyItem(atPath: path, toPath: nextSegment)
        #expect(try log.verify().problem == .segmentDiffers)
        // A segment archived away cannot be checked, and says so.
        try FileManager.default.removeItem(atPath: nextSegment)
        let archived = try log.verify()
        #expect(archived.isIntact && archived.segment?.checked == false)
        #expect(archived.missingSegment == URL(fileURLWithPath: nextSegment).lastPathComponent)
    }
}
