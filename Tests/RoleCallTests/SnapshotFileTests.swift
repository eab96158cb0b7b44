import Foundation
import LDIF
import Testing

@_spi(Testing) @testable import RoleCall

/// Snapshot files answer exactly like the source they were written from, and a file that is
/// cut short, damaged, foreign, newer, built differently or too old gives an error, never a
/// crash or a different answer.
/// Its loops yield: they run on the shared concurrency pool, and a suite that holds both threads for
/// a minute starves other suites' paged searches until servers drop them (389 DS closes a client
/// stalled for 30 s).
@Suite("Snapshot files")
struct SnapshotFileTests {
    static let asOf = ResolverTests.asOf
    /// Under a sanitizer each open costs ten times more: the damage loops sample an eighth as many
    /// cases (the `snapshot` fuzz target covers them broadly under ASan in CI).
    static let sampling = ProcessInfo.processInfo.environment["ROLECALL_SANITIZED"] == nil ? 1 : 8

    /// A folder for one test's files, removed by the caller.
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "rolecall-snapshot-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func example() async throws -> DirectorySnapshot {
        try await LDIFSource(path: ResolverTests.examplePath).snapshot()
    }

    /// Everything the three workflows answer from a snapshot, as comparable values: every distinct
    /// title and near misses of `nearMissTitles` of them resolved, the example's recipients
    /// checked, and its list reported. (The damage loops open hundreds of files and ask fewer near
    /// misses of each.)
    private func answers(
        _ snapshot: DirectorySnapshot,
        queries extra: [String] = [],
        nearMissTitles: Int = 50
    ) throws -> Answers {
        let resolver = Resolver(snapshot: snapshot, asOf: Self.asOf)
        let titles = snapshot.distinctTitles
        let queries =
            titles + titles.prefix(nearMissTitles).flatMap { ["Deputy " + $0, $0 + " (x2)", String($0.dropLast())] }
            + extra
        let folder = URL(fileURLWithPath: ResolverTests.examplePath).deletingLastPathComponent()
        let list = try AccessList.load(path: folder.appendingPathComponent("access-list.txt").path)
        let recipients = try RecipientList.load(path: folder.appendingPathComponent("recipients.txt").path)
        return Answers(
            lookups: queries.map(resolver.resolve),
            verdicts: RecipientCheck(recipients: recipients, list: list, resolver: resolver).recipients,
            findings: StaleRoleReport(list: list, resolver: resolver, previous: nil).findings,
            people: Array(snapshot.people),
            roles: Array(snapshot.roles),
            warnings: snapshot.warnings,
            entryCount: snapshot.entryCount
        )
    }

    private struct Answers: Equatable {
        var lookups: [LookupResult]
        var verdicts: [RecipientCheck.Verdict]
        var findings: [Finding]
        var people: [DirectorySnapshot.Person]
        var roles: [DirectorySnapshot.Role]
        var warnings: [SnapshotWarning]
        var entryCount: Int
    }

    @Test("the example department answers the same from its snapshot file as from its LDIF")
    func exampleRoundTrip() async throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("example.snapshot").path
        let built = try await example()
        try built.write(to: path)
        let opened = try await DirectorySnapshot.open(file: path)
        #expect(try answers(opened) == answers(built))
        #expect(opened.origin == built.origin)
        #expect(opened.file == path)
        #expect(abs(opened.reflects.timeIntervalSince(built.reflects)) < 1)
        try opened.verify()
        try opened.checkIntact()
        // Personal data: the owner's alone.
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test("a generated directory of 3,000 people with look-alike titles, roles and disabled accounts answers the same")
    func generatedRoundTrip() async throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ldif = folder.appendingPathComponent("generated.ldif").path
        try Self.generatedDirectory(people: 3_000).write(toFile: ldif, atomically: true, encoding: .utf8)
        let built = try await LDIFSource(path: ldif).snapshot()
        let path = folder.appendingPathComponent("generated.snapshot").path
        try built.write(to: path)
        let opened = try await DirectorySnapshot.open(file: path)
        #expect(built.people.count == 3_000)
        #expect(try answers(opened) == answers(built))
    }

    @Test("the stored similar-title index finds exactly what the built one finds, over every labelled title")
    func storedIndex() async throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pairs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "shared/eval/title-pairs.tsv"
            )
        let titles = try String(contentsOf: pairs, encoding: .utf8).split(separator: "\n").dropFirst()
            .flatMap { $0.split(separator: "\t").prefix(2).map(String.init) }
        var builder = DirectorySnapshot.Builder()
        for (index, title) in titles.enumerated() {
            var collector = builder.collector()
            collector.take("title", [Array(title.utf8)])
            builder.add(dn: "uid=p\(index),dc=x", collected: collector)
        }
        let built = await builder.build()
        let path = folder.appendingPathComponent("titles.snapshot").path
        try built.write(to: path)
        let opened = try await DirectorySnapshot.open(file: path)
        #expect(built.titleIndex.count > 500)
        #expect(opened.titleIndex.count == built.titleIndex.count)
        for (index, title) in (titles + titles.map { "Deputy " + $0 }).enumerated() where index % Self.sampling == 0 {
            await Task.yield()  // hundreds of opens: let other suites' servers be served meanwhile
            #expect(
                opened.titleIndex.similar(to: title, limit: 20) == built.titleIndex.similar(to: title, limit: 20),
                "\(title)"
            )
        }
        try opened.checkIntact()
    }

    /// People with titles from a small pool (so titles are shared, some with modifiers and typos),
    /// role entries naming some of them (and one nobody), disabled accounts and invalid UTF-8.
    static func generatedDirectory(people: Int) -> String {
        var random = SeededRandom(seed: 15)
        let subjects = [
            "Statistics", "Finance", "Press", "Data Governance", "Workforce", "Census", "Prisons", "Health",
        ]
        let heads = ["Head of", "Director of", "Deputy Head of", "Acting Director of", "Hed of", "Chief Officer for"]
        var text = ""
        for index in 0..<people {
            let title = heads[random.next(heads.count)] + " " + subjects[random.next(subjects.count)]
            text += "dn: uid=p\(index),ou=People,dc=gen,dc=example\ncn: Person \(index)\nmail: p\(index)@gen.example\n"
            text += "uid: p\(index)\ntitle: \(title)\n"
            if random.next(7) == 0 { text += "title: Press Officer\n" }
            if random.next(11) == 0 { text += "nsAccountLock: true\n" }
            if random.next(13) == 0 { text += "userAccountControl: 514\n" }
            text += "\n"
        }
        for role in 0..<20 {
            text +=
                "dn: cn=Role \(role),ou=Roles,dc=gen,dc=example\nobjectClass: organizationalRole\ncn: Role \(role)\n"
            text += "cn: \(heads[role % heads.count]) Roles \(role)\n"
            for _ in 0..<3 { text += "roleOccupant: uid=p\(random.next(people)),ou=People,dc=gen,dc=example\n" }
            text += "roleOccupant: uid=nobody,ou=People,dc=gen,dc=example\nroleOccupant: not a dn\n\n"
        }
        return text
    }

    @Test("truncated anywhere: refused with the file named, never a crash or an answer")
    func truncated() async throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("example.snapshot").path
        try await example().write(to: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let cut = folder.appendingPathComponent("cut.snapshot").path
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97) * Self.sampling) {
            await Task.yield()  // hundreds of opens: let other suites' servers be served meanwhile
            try bytes.prefix(length).write(to: URL(fileURLWithPath: cut))
            await #expect(throws: RoleCallError.self) { try await DirectorySnapshot.open(file: cut) }
            do {
                _ = try await DirectorySnapshot.open(file: cut)
            } catch {
                guard case .snapshotUnusable(let named, _) = error.problem else {
                    Issue.record("cut at \(length): \(error)")
                    continue
                }
                #expect(named == cut)
            }
        }
    }

    @Test("a flipped bit anywhere is refused (exit-2 errors) or gives exactly the intact file's answers")
    func bitFlips() async throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("example.snapshot").path
        let intact = try await example()
        try intact.write(to: path)
        let expected = try answers(intact, nearMissTitles: 10)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let damaged = folder.appendingPathComponent("damaged.snapshot").path
        var refused = 0
        for position in stride(from: 0, to: bytes.count, by: 89 * Self.sampling) {
            await Task.yield()  // hundreds of opens: let other suites' servers be served meanwhile
            var copy = bytes
            copy[position] ^= UInt8(1 << (position % 8))
            try Data(copy).write(to: URL(fileURLWithPath: damaged))
            do {
                let snapshot = try await DirectorySnapshot.open(file: damaged)
                let answers = try answers(snapshot, nearMissTitles: 10)
                try snapshot.checkIntact()
                #expect(answers == expected, "byte \(position) changed the answers without an error")
            } catch let error as RoleCallError {
                refused += 1
                switch error.problem {
                case .snapshotUnusable, .snapshotDamaged: break
                default: Issue.record("byte \(position): \(error)")
                }
            }
        }
        #expect(refused > 0)
    }

    @Test("a forged file whose checksums match its damage is refused or answered without a crash")
    func forged() async throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("example.snapshot").path
        try await example().write(to: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let forged = folder.appendingPathComponent("forged.snapshot").path
        var random = SeededRandom(seed: 2)
        for _ in 0..<(150 / Self.sampling) {
            await Task.yield()  // hundreds of opens: let other suites' servers be served meanwhile
            var copy = bytes
            // Offsets and lengths set to extremes: 0, all ones, just past the end.
            let position = random.next(copy.count - 4)
            let value: UInt32 = [0, .max, UInt32(copy.count), UInt32(random.next(1 << 20))][random.next(4)]
            withUnsafeBytes(of: value.littleEndian) { copy.replaceSubrange(position..<(position + 4), with: $0) }
            try Data(SnapshotForgery.resealed(copy)).write(to: URL(fileURLWithPath: forged))
            do {
                let snapshot = try await DirectorySnapshot.open(file: forged)
                _ = try answers(snapshot, nearMissTitles: 10)
                try? snapshot.verify()
            } catch let error as RoleCallError {
                switch error.problem {
                case .snapshotUnusable, .snapshotDamaged, .snapshotBuiltDifferently: break
                default: Issue.record("\(error)")
                }
            }
        }
    }

    /// Where a table lies in a snapshot file's bytes, from the file's own header.
    private func tableRange(_ table: SnapshotTable, in bytes: [UInt8]) -> Range<Int> {
        let field = { (offset: Int) in
            Int(
                bytes.withUnsafeBytes {
                    UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                }
            )
        }
        let start = field(16) + field(64 + table.rawValue * 16)
        return start..<(start + field(72 + table.rawValue * 16))
    }

    @Test("crafted lengths with matching checksums: a header shorter than its fixed part, counts near UInt32.max")
    func craftedLengths() async throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("example.snapshot").path
        try await example().write(to: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let crafted = folder.appendingPathComponent("crafted.snapshot").path

        // Header length 0, tables length the whole file: the lengths add up, the header cannot be read.
        var short = bytes
        withUnsafeBytes(of: UInt64(0)) { short.replaceSubrange(16..<24, with: $0) }
        withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { short.replaceSubrange(24..<32, with: $0) }
        try Data(short).write(to: URL(fileURLWithPath: crafted))
        await #expect(throws: RoleCallError(.snapshotUnusable(path: crafted, .damaged(table: nil)))) {
            try await DirectorySnapshot.open(file: crafted)
        }

        // Every count and position of every person record set to the largest values, resealed.
        let people = tableRange(.people, in: bytes)
        for value in [UInt32.max, 0x8000_0000, UInt32.max - 1] {
            await Task.yield()  // hundreds of opens: let other suites' servers be served meanwhile
            var forged = bytes
            for offset in stride(from: people.lowerBound, to: people.upperBound, by: 4) {
                withUnsafeBytes(of: value.littleEndian) { forged.replaceSubrange(offset..<(offset + 4), with: $0) }
            }
            try Data(SnapshotForgery.resealed(forged)).write(to: URL(fileURLWithPath: crafted))
            let snapshot = try await DirectorySnapshot.open(file: crafted)
            #expect(snapshot.people.count > 0)
            for person in snapshot.people { #expect(person.titles.isEmpty && person.state.isEmpty) }
            #expect(throws: RoleCallError.self) { try snapshot.checkIntact() }
        }
    }

    @Test("a snapshot read from a damaged file is not written out again with fresh checksums")
    func damageIsNotResealed() async throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("example.snapshot").path
        try await example().write(to: path)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[tableRange(.arena, in: bytes).lowerBound + 3] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let opened = try await DirectorySnapshot.open(file: path)
        let copy = folder.appendingPathComponent("copy.snapshot").path
        #expect(throws: RoleCallError(.snapshotDamaged(path: path, table: "arena"))) { try opened.write(to: copy) }
        #expect(!FileManager.default.fileExists(atPath: copy))
    }

    @Test("a foreign file, a newer format and a snapshot built with another mapping are refused, naming what differs")
    func refusals() async throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("example.snapshot").path
        let snapshot = try await example()
        try snapshot.write(to: path)

        let foreign = folder.appendingPathComponent("staff.ldif").path
        try "dn: dc=example\n".write(toFile: foreign, atomically: true, encoding: .utf8)
        await #expect(throws: RoleCallError(.snapshotUnusable(path: foreign, .notASnapshot))) {
            try await DirectorySnapshot.open(file: foreign)
        }
        // Writing over a file that is not a snapshot would destroy it: refused, the file kept.
        #expect(throws: RoleCallError(.snapshotUnusable(path: foreign, .notASnapshot))) {
            try snapshot.write(to: foreign)
        }
        #expect(try String(contentsOfFile: foreign, encoding: .utf8) == "dn: dc=example\n")

        var newer = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        newer[8] = 9
        let newerPath = folder.appendingPathComponent("newer.snapshot").path
        try Data(newer).write(to: URL(fileURLWithPath: newerPath))
        await #expect(throws: RoleCallError(.snapshotUnusable(path: newerPath, .newerFormat(9)))) {
            try await DirectorySnapshot.open(file: newerPath)
        }

        var mapping = AttributeMapping()
        mapping.title = "description"
        await #expect(
            throws: RoleCallError(
                .snapshotBuiltDifferently(
                    path: path,
                    setting: "attributeMapping.title",
                    snapshot: "title",
                    current: "description"
                )
            )
        ) { try await DirectorySnapshot.open(file: path, mapping: mapping) }

        let rules = AccountStatePolicy(rules: Array(AccountStateRule.defaults.dropLast()))
        await #expect {
            try await DirectorySnapshot.open(file: path, policy: rules)
        } throws: { error in
            guard case .snapshotBuiltDifferently(_, "accountStateRules", _, _)? = (error as? RoleCallError)?.problem
            else { return false }
            return true
        }
    }

    @Test("a snapshot older than the allowed age is refused as an unavailable directory")
    func maxAge() async throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("example.snapshot").path
        let snapshot = try await example()
        try snapshot.write(to: path)
        let later = snapshot.reflects.addingTimeInterval(3_601)
        await #expect {
            try await DirectorySnapshot.open(file: path, maxAge: 3_600, now: later)
        } throws: { error in
            guard let error = error as? RoleCallError, case .snapshotTooOld(path, _, 3_600) = error.problem else {
                return false
            }
            return error.code == .unavailable
        }
        _ = try await DirectorySnapshot.open(file: path, maxAge: 3_602, now: later)
    }
}

/// A small deterministic generator, so generated directories are the same on every run.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    /// A number in `0..<bound`.
    mutating func next(_ bound: Int) -> Int {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Int(state % UInt64(max(bound, 1)))
    }
}
