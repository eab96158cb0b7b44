import Foundation
import LDAPClient
import ServerFixtures
import Testing

@testable import RoleCall

/// Incremental refresh by content synchronisation (RFC 4533) against a real slapd with `syncprov`:
/// whatever the changes, a refreshed snapshot holds exactly what a full read would.
@Suite("snapshot refresh over content synchronisation")
struct SnapshotRefreshTests {
    private func source(_ slapd: Slapd, base: String) -> LDAPSource {
        LDAPSource(configuration: LDAPConfiguration(uris: [slapd.ldapURI], timeout: 20), base: base)
    }

    /// People and roles as comparable facts, whatever order the builder saw them in.
    private func contents(_ snapshot: DirectorySnapshot) -> (people: Set<String>, roles: Set<String>) {
        let people = snapshot.people.map { person in
            let state = person.state.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.sorted())" }
            return [
                person.normalizedDN, person.name ?? "-", person.mail ?? "-", person.uid ?? "-",
                person.titles.sorted().joined(separator: "|"), state.joined(separator: ","),
                person.members.joined(separator: "|"), person.syncID ?? "no id",
            ].joined(separator: "\u{1}")
        }
        let roles = snapshot.roles.map { role in
            [role.dn, role.names.sorted().joined(separator: "|"), role.occupantTexts.joined(separator: "|")]
                .joined(separator: "\u{1}")
        }
        return (Set(people), Set(roles))
    }

    private func temporary() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-\(UUID().uuidString).snapshot").path
    }

    @Test("adds, changes, renames and deletes reach the snapshot, through its file, as a full read sees them")
    func deltas() async throws {
        let slapd = try Slapd.start(generated: 10)
        defer { slapd.kill() }
        let source = source(slapd, base: slapd.base)
        let first = try await source.synchronize(previous: nil)
        #expect(first.kind == .full(.noEarlierSnapshot))
        #expect(first.snapshot.syncState?.cookie.isEmpty == false)
        #expect(first.snapshot.people.allSatisfy { $0.syncID?.count == 32 })
        let file = temporary()
        defer { try? FileManager.default.removeItem(atPath: file) }
        try first.snapshot.write(to: file)
        let opened = try await DirectorySnapshot.open(file: file)
        #expect(opened.syncState == first.snapshot.syncState)

        let unchanged = try await source.synchronize(previous: opened)
        #expect(unchanged.kind == .incremental(added: 0, changed: 0, removed: 0))
        #expect(contents(unchanged.snapshot) == contents(first.snapshot))

        try slapd.change(
            """
            dn: uid=fresh,ou=People,dc=dda,dc=example
            changetype: add
            objectClass: inetOrgPerson
            uid: fresh
            cn: Fay Fresh
            sn: Fresh
            mail: fresh@dda.example
            title: Head of Freshness

            dn: uid=later,ou=People,dc=dda,dc=example
            changetype: add
            objectClass: inetOrgPerson
            uid: later
            cn: Lee Later
            sn: Later
            title: Temporary Title

            dn: uid=later,ou=People,dc=dda,dc=example
            changetype: modify
            replace: title
            title: Chief Refresh Tester

            dn: uid=fresh,ou=People,dc=dda,dc=example
            changetype: modrdn
            newrdn: uid=renamed
            deleteoldrdn: 1

            dn: uid=ebrown,ou=People,dc=dda,dc=example
            changetype: delete

            """
        )
        let refreshed = try await source.synchronize(previous: opened)
        #expect(refreshed.kind == .incremental(added: 2, changed: 0, removed: 1))
        let full = try await source.synchronize(previous: opened, full: true)
        #expect(full.kind == .full(.requested))
        #expect(contents(refreshed.snapshot) == contents(full.snapshot))
        #expect(refreshed.snapshot.people.contains { $0.dn == "uid=renamed,ou=People,dc=dda,dc=example" })
        #expect(!refreshed.snapshot.people.contains { $0.uid == "ebrown" || $0.uid == "fresh" })
        #expect(refreshed.snapshot.distinctTitles.contains("Chief Refresh Tester"))
        #expect(!refreshed.snapshot.distinctTitles.contains("Temporary Title"))
    }

    @Test("past the server's session log the refresh goes by presence and still equals a full read")
    func presence() async throws {
        let slapd = try Slapd.start(generated: 60)
        defer { slapd.kill() }
        let source = source(slapd, base: slapd.bigBase)
        let first = try await source.synchronize(previous: nil)
        // More changes than the session log of 10 keeps.
        let deletions = (0..<12).map { "dn: uid=user\($0),ou=People,dc=big,dc=example\nchangetype: delete\n" }
        try slapd.change(deletions.joined(separator: "\n"), in: slapd.bigBase)
        let refreshed = try await source.synchronize(previous: first.snapshot, maximumDeletedShare: 0.5)
        #expect(refreshed.kind == .incremental(added: 0, changed: 0, removed: 12))
        let full = try await source.synchronize(previous: nil)
        #expect(contents(refreshed.snapshot) == contents(full.snapshot))
    }

    @Test("a refresh that would remove more than the allowed share is refused, naming the counts")
    func guardAgainstMassRemoval() async throws {
        let slapd = try Slapd.start(generated: 30)
        defer { slapd.kill() }
        let source = source(slapd, base: slapd.bigBase)
        let first = try await source.synchronize(previous: nil)
        let synced = first.snapshot.people.count + first.snapshot.roles.count
        let deletions = (0..<5).map { "dn: uid=user\($0),ou=People,dc=big,dc=example\nchangetype: delete\n" }
        try slapd.change(deletions.joined(separator: "\n"), in: slapd.bigBase)
        await #expect(
            throws: RoleCallError(.refreshRemovesTooMany(path: "", removed: 5, of: synced, maximumShare: 0.1))
        ) {
            try await source.synchronize(previous: first.snapshot)
        }
        let allowed = try await source.synchronize(previous: first.snapshot, maximumDeletedShare: 0.25)
        #expect(allowed.kind == .incremental(added: 0, changed: 0, removed: 5))
    }

    @Test("a snapshot read from another base, an export or another account is read again in full, saying why")
    func otherSearch() async throws {
        let slapd = try Slapd.start(generated: 10)
        defer { slapd.kill() }
        let example = try await source(slapd, base: slapd.base).synchronize(previous: nil)
        let big = try await source(slapd, base: slapd.bigBase).synchronize(previous: example.snapshot)
        #expect(big.kind == .full(.otherSearch))
        let export = try await LDIFSource(path: ResolverTests.examplePath).snapshot()
        let fromExport = try await source(slapd, base: slapd.base).synchronize(previous: export)
        #expect(fromExport.kind == .full(.otherSearch))
        // Another account may see other entries: read anonymously, refreshed as the manager, it is read again.
        let manager = LDAPSource(
            configuration: LDAPConfiguration(
                uris: [slapd.ldapURI],
                bindDN: slapd.adminDN,
                password: .init(slapd.adminPassword),
                timeout: 20
            ),
            base: slapd.base
        )
        #expect(try await manager.synchronize(previous: example.snapshot).kind == .full(.otherSearch))
    }

    @Test("a size limit that stops the sync search falls back to a paged read, with the same entries")
    func sizeLimited() async throws {
        // The server's size limit (1,000) is below the generated entries; paging gets past it.
        let slapd = try Slapd.start(generated: overLimit)
        defer { slapd.kill() }
        let refresh = try await source(slapd, base: slapd.bigBase).synchronize(previous: nil)
        #expect(refresh.kind == .full(.syncOverSizeLimit))
        #expect(refresh.snapshot.syncState == nil)
        #expect(refresh.snapshot.people.count == overLimit - 3)
    }

    private let overLimit = 1_100

    @Test("random batches of adds, changes, renames, titles removed and deletes: each refresh equals a full read")
    func randomBatches() async throws {
        let slapd = try Slapd.start(generated: 10)
        defer { slapd.kill() }
        let source = source(slapd, base: slapd.base)
        var snapshot = try await source.synchronize(previous: nil).snapshot
        var random = Seeded(seed: 2_026)
        // Entries the test adds can be changed (slapadd loaded the others without schema checks).
        var living: [String] = []
        var untitled: Set<String> = []
        var deletable = ["asmith", "bjones", "cwong", "ebrown", "fpatel", "gevans", "hkhan", "ilewis"]
        var serial = 0
        let titles = ["Head of Freshness", "Deputy Head of Freshness", "Keeper of Ledgers", "Press Officer"]
        for _ in 0..<8 {
            var records: [String] = []
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let dn = { (uid: String) in "dn: uid=\(uid),ou=People,dc=dda,dc=example\n" }
                let title = titles.randomElement(using: &random)!
                switch (Int.random(in: 0..<6, using: &random), living.randomElement(using: &random)) {
                case (1, let uid?):
                    records.append(dn(uid) + "changetype: modify\nreplace: title\ntitle: \(title)\n")
                    untitled.remove(uid)
                case (2, let uid?) where !untitled.contains(uid):
                    // The entry leaves the search (no title), though it still exists.
                    records.append(dn(uid) + "changetype: modify\ndelete: title\n")
                    untitled.insert(uid)
                case (3, let uid?):
                    serial += 1
                    records.append(dn(uid) + "changetype: modrdn\nnewrdn: uid=moved\(serial)\ndeleteoldrdn: 1\n")
                    living[living.firstIndex(of: uid)!] = "moved\(serial)"
                    if untitled.remove(uid) != nil { untitled.insert("moved\(serial)") }
                case (4, let uid?):
                    records.append(dn(uid) + "changetype: delete\n")
                    living.removeAll { $0 == uid }
                    untitled.remove(uid)
                case (5, _) where !deletable.isEmpty:
                    records.append(dn(deletable.removeLast()) + "changetype: delete\n")
                default:
                    serial += 1
                    records.append(
                        dn("new\(serial)")
                            + "changetype: add\nobjectClass: inetOrgPerson\nuid: new\(serial)\ncn: New \(serial)\n"
                            + "sn: New\nmail: new\(serial)@dda.example\ntitle: \(title)\n"
                    )
                    living.append("new\(serial)")
                }
            }
            try slapd.change(records.joined(separator: "\n"))
            let refreshed = try await source.synchronize(previous: snapshot, maximumDeletedShare: 1)
            guard case .incremental = refreshed.kind else {
                Issue.record("a refresh read everything: \(refreshed.kind)")
                return
            }
            let full = try await source.synchronize(previous: nil)
            #expect(contents(refreshed.snapshot) == contents(full.snapshot), "after \(records)")
            snapshot = refreshed.snapshot
        }
    }

    @Test("a cookie the server cannot read is answered whole; one from its future is refused, and read in full")
    func unreadableCookie() async throws {
        let slapd = try Slapd.start(generated: 10)
        defer { slapd.kill() }
        let source = source(slapd, base: slapd.base)
        var previous = try await source.synchronize(previous: nil).snapshot
        previous.syncState?.cookie = Data("not a cookie".utf8)
        let garbled = try await source.synchronize(previous: previous)
        #expect(contents(garbled.snapshot) == contents(previous))
        // A server restored from an older backup is behind the cookie: "consumer state is newer".
        previous.syncState?.cookie = Data("rid=000,csn=20991231000000.000000Z#000000#000#000000".utf8)
        let future = try await source.synchronize(previous: previous)
        #expect(future.kind == .full(.serverRequiredFull))
        #expect(contents(future.snapshot) == contents(previous))
    }
}

/// A small seeded generator (SplitMix64), so a failing sequence of changes can be replayed.
private struct Seeded: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
