import Directory
import Foundation
import LDIF
import Testing

@testable import RoleCall

@Suite("Resolver")
struct ResolverTests {
    static let examplePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Docs/examples/department.ldif").path
    /// 2026-11-25, the day the example's account states were written for.
    static let asOf = Date(timeIntervalSince1970: 1_795_564_800)

    static let example: Resolver = {
        // The example must load; a failure here fails every test that uses it.
        // Read synchronously (the record reader and the builder): static lets cannot wait.
        var builder = DirectorySnapshot.Builder()
        if let reader = try? LDIFReader(path: examplePath) {
            while let record = try? reader.next() { builder.add(try! Entry(record: record)) }
        }
        let snapshot = builder.build()
        return Resolver(snapshot: snapshot, asOf: asOf)
    }()

    @Test(
        "statuses on the example directory",
        arguments: [
            ("Head of Defence Statistics", ResolutionStatus.resolved, ["asmith"], ["ximenez"]),
            ("head of defence statistics", .resolved, ["asmith"], ["ximenez"]),
            ("Chief Press Officer", .vacant, [], ["fpatel"]),
            ("Press Officer", .ambiguous, ["hkhan", "ilewis"], []),
            ("Press Officer (x2)", .resolved, ["hkhan", "ilewis"], []),
            ("Statistician, Armed Forces Personnel (x3)", .incomplete, ["nadams", "oroberts"], ["pgreen"]),
            ("Director of Analysis", .vacant, [], ["qhall"]),
            ("Chief Statistician", .resolved, ["vallen"], ["vlee"]),
            ("Census Senior Responsible Owner", .vacant, [], ["departed"]),
            ("Pre-release Access Coordinator", .ambiguous, ["gjackson", "sclarke"], []),
            ("Head of Data Governance", .resolved, ["iturner"], ["hwood"]),
            ("Head of Workforce Statistics", .resolved, ["uhill"], ["tgray"]),
            ("Defence Attache, Brasilia", .resolved, ["cwhite"], []),
            ("Head of Defence Inflation Statistics", .notFound, [], []),
        ]
    )
    func status(query: String, status: ResolutionStatus, active: [String], inactive: [String]) throws {
        let result = Self.example.resolve(query)
        #expect(result.status == status)
        #expect(result.holders.map(uid) == active)
        #expect(result.inactiveHolders.map(uid) == inactive)
    }

    @Test("resolving many titles at once gives each title's own answer, in the titles' order")
    func resolveAll() {
        // Every status, near misses, a repeat and an empty title; then generated titles in bulk, so the
        // work is really spread over threads (ThreadSanitizer runs this suite).
        let titles = [
            "Head of Defence Statistics", "Chief Press Officer", "Press Officer", "Head of Defence Statistcs",
            "Statistician, Armed Forces Personnel (x3)", "", "Head of Defence Inflation Statistics",
            "Press Officer", "Deputy Head of Defence Statistics",
        ]
        let generated = (0..<400).map { "\(["Head", "Deputy Head", "Director"][$0 % 3]) of Defence Statistics \($0)" }
        for queries in [titles, generated + titles, [titles[0]], []] {
            let together = Self.example.resolveAll(queries)
            #expect(together == queries.map(Self.example.resolve))
        }
        #expect(Self.example.resolveAll(titles)[3].similar.first?.title == "Head of Defence Statistics")
    }

    private func uid(_ holder: Holder) -> String {
        String(holder.dn.split(separator: ",")[0].dropFirst(4))
    }

    @Test("the example loads completely")
    func exampleLoads() {
        #expect(Self.example.snapshot.entryCount == 60)
        #expect(Self.example.snapshot.warnings.isEmpty)
    }

    @Test("near-miss titles never resolve a query")
    func nearMissesDoNotCount() {
        for query in [
            "Head of Statistical Dissemination", "Statistics Programme Manager", "Deputy Head of Defence Statistics",
        ] {
            let result = Self.example.resolve(query)
            #expect(result.status == .resolved)
            #expect(result.holders.count == 1, "\(query) must not pick up its near misses")
        }
    }

    @Test("similar titles come with reasons and their active holders")
    func similarTitles() throws {
        let result = Self.example.resolve("Head of Defence Statistics")
        let titles = result.similar.map(\.title)
        #expect(titles.contains("Deputy Head of Defence Statistics"))
        #expect(titles.contains("Head of Defence Statistics (Navy)"))
        #expect(titles.contains("Acting Head of Defence Statistics (Army)"))
        #expect(!titles.contains("Head of Defence Economics"))
        let deputy = try #require(result.similar.first { $0.title == "Deputy Head of Defence Statistics" })
        #expect(deputy.differences == [TitleDifference(.modifierAdded, words: ["Deputy"])])
        #expect(deputy.kind == .modifier)
        #expect(deputy.holders.map(\.name) == ["Bilal Jones"])
        #expect(result.similar.map(\.score) == result.similar.map(\.score).sorted(by: >))
    }

    @Test("a title that is not found suggests what was probably meant")
    func didYouMean() {
        let result = Self.example.resolve("Head of Statistical Dissemnation")
        #expect(result.status == .notFound)
        #expect(Set(result.similar.map(\.title)).isSuperset(of: ["Head of Statistical Dissemination"]))
    }

    @Test("a higher bar leaves out weaker similarities")
    func minimumSimilarity() {
        let strict = Resolver(snapshot: Self.example.snapshot, asOf: Self.asOf, minimumSimilarity: 0.85)
        let titles = strict.resolve("Head of Defence Statistics").similar.map(\.title)
        #expect(titles == ["Deputy Head of Defence Statistics"])
    }

    @Test("inactive reasons and roleOccupant provenance")
    func reasons() {
        let census = Self.example.resolve("Census Senior Responsible Owner")
        #expect(census.inactiveHolders.first?.reason == .missing)
        #expect(census.inactiveHolders.first?.via == .roleOccupant)
        let press = Self.example.resolve("Chief Press Officer")
        #expect(press.inactiveHolders.first?.reason == .locked)
        #expect(Self.example.resolve("Chief Statistician").inactiveHolders.first?.reason == .disabled)
        #expect(Self.example.resolve("Director of Analysis").inactiveHolders.first?.reason == .expired)
    }

    @Test("as-of changes who counts")
    func asOf() {
        // Quentin Hall's account expires on 2025-01-01 (shadowExpire 20089).
        let before = Resolver(snapshot: Self.example.snapshot, asOf: Date(timeIntervalSince1970: 1_735_603_200))
        #expect(before.resolve("Director of Analysis").status == .resolved)
        #expect(Self.example.resolve("Director of Analysis").status == .vacant)
        // The snapshot keeps a title's holders once listed; their state is still judged per question.
        #expect(before.resolve("Director of Analysis").status == .resolved)
        #expect(Self.example.resolve("Director of Analysis").inactiveHolders.first?.reason == .expired)
        let noRules = Resolver(snapshot: Self.example.snapshot, policy: AccountStatePolicy(rules: []), asOf: Self.asOf)
        #expect(noRules.resolve("Director of Analysis").status == .resolved)
        #expect(noRules.resolve("Director of Analysis").inactiveHolders.isEmpty)
    }

    private func snapshot(_ ldif: String) throws -> DirectorySnapshot {
        let reader = LDIFReader(bytes: Array(ldif.utf8), name: "fixture.ldif")
        var builder = DirectorySnapshot.Builder()
        while let record = try reader.next() { builder.add(try Entry(record: record)) }
        return builder.build()
    }

    @Test("occupant DNs match after RFC 4514 normalisation; one person counts once")
    func occupantNormalisation() throws {
        let snapshot = try snapshot(
            """
            dn: uid=ann,ou=People,dc=x
            objectClass: inetOrgPerson
            cn: Ann
            title: Chief Statistician

            dn: cn=Chief Statistician,dc=x
            objectClass: organizationalRole
            cn: Chief Statistician
            roleOccupant: UID=Ann , OU=people,DC=X

            """
        )
        let result = Resolver(snapshot: snapshot).resolve("Chief Statistician")
        #expect(result.status == .resolved)
        #expect(result.holders.map(\.name) == ["Ann"])
    }

    @Test("a title on one person plus a different role occupant is ambiguous")
    func titlePlusOccupant() throws {
        let snapshot = try snapshot(
            """
            dn: uid=ann,dc=x
            objectClass: inetOrgPerson
            cn: Ann
            title: Chief Statistician

            dn: uid=bob,dc=x
            objectClass: inetOrgPerson
            cn: Bob

            dn: cn=Chief Statistician,dc=x
            objectClass: organizationalRole
            cn: Chief Statistician
            roleOccupant: uid=bob,dc=x

            """
        )
        let result = Resolver(snapshot: snapshot).resolve("Chief Statistician")
        #expect(result.status == .ambiguous)
        #expect(Set(result.holders.map(\.via)) == [.title, .roleOccupant])
    }

    @Test("a role entry with no occupants is vacant, not notFound")
    func emptyRole() throws {
        let snapshot = try snapshot("dn: cn=Archivist,dc=x\nobjectClass: organizationalRole\ncn: Archivist\n")
        #expect(Resolver(snapshot: snapshot).resolve("Archivist").status == .vacant)
    }

    @Test("malformed LDIF names the file and line")
    func malformedLDIF() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-bad-\(UUID()).ldif").path
        try "dn: uid=a,dc=x\ntitle:: not base64!\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        await #expect {
            try await LDIFSource(path: path).snapshot()
        } throws: { error in
            guard case .ldif(let ldif) = (error as? RoleCallError)?.problem else { return false }
            return ldif.code == .base64 && ldif.source == path && ldif.line == 2
        }
    }

    @Test("an export with no entries is an error, never an all-vacant answer")
    func emptyExport() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-empty-\(UUID()).ldif").path
        try "# nothing here\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        await #expect(throws: RoleCallError(.emptyExport(path: path))) { try await LDIFSource(path: path).snapshot() }
    }

    @Test("a value that is not UTF-8 is read with replacement characters and a warning")
    func badUTF8() throws {
        let reader = LDIFReader(
            bytes: Array("dn: uid=a,dc=x\ncn: A\ntitle:: SGVhZCBvZiBQ/HJzZQ==\n".utf8),
            name: "f.ldif"
        )
        var builder = DirectorySnapshot.Builder()
        while let record = try reader.next() { builder.add(try Entry(record: record), origin: "f.ldif:\(record.line)") }
        let snapshot = builder.build()
        #expect(snapshot.warnings.count == 1)
        #expect(
            snapshot.warnings.first
                == SnapshotWarning(
                    kind: .invalidUTF8,
                    origin: "f.ldif:1",
                    dn: "uid=a,dc=x",
                    attribute: "title",
                    value: nil
                )
        )
        #expect(snapshot.people.first?.titles == ["Head of P\u{FFFD}rse"])
    }
}
