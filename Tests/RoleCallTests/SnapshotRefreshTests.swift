import Foundation
import LDAPClient
import RoleCall
import ServerFixtures
import Testing

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
}
