import Foundation
import Testing

@testable import RoleCall

/// Several sources read into one snapshot, as a library caller uses them.
@Suite("Merged sources")
struct MergedSourceTests {
    static let contacts = ResolverTests.examplePath.replacingOccurrences(of: "department.ldif", with: "contacts.ldif")

    @Test("people keep their source through a snapshot file, and so does the merged origin")
    func snapshotFile() async throws {
        let merged = try await MergedSource([
            .ldif(LDIFSource(path: ResolverTests.examplePath)), .ldif(LDIFSource(path: Self.contacts)),
        ]).snapshot()
        #expect(merged.origin == .merged([.ldif(path: ResolverTests.examplePath), .ldif(path: Self.contacts)]))
        #expect(merged.people.first?.source == ResolverTests.examplePath)
        #expect(merged.people.last?.source == Self.contacts)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("merged-\(UUID()).snapshot").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try merged.write(to: path)
        let opened = try await DirectorySnapshot.open(file: path)
        #expect(opened.origin == merged.origin)
        #expect(opened.people.map(\.source) == merged.people.map(\.source))
        // One source alone labels nobody.
        let single = try await MergedSource([.ldif(LDIFSource(path: Self.contacts))]).snapshot()
        #expect(single.people.allSatisfy { $0.source == nil })
        #expect(single.origin == .ldif(path: Self.contacts))
    }

    @Test("same person: same address from different sources; never within one source, never without sources")
    func samePerson() {
        typealias Entry = (name: String, mail: String?, source: String?)
        let group = { (entries: [Entry]) in
            SamePerson.group(entries, mail: \.mail, source: \.source).map { $0.map(\.name) }
        }
        #expect(group([("a", "x@y", "1"), ("b", "X@Y", "2")]) == [["a", "b"]])
        #expect(group([("a", "x@y", "1"), ("b", "x@y", "1"), ("c", "x@y", "2")]) == [["a"], ["b"], ["c"]])
        #expect(group([("a", "x@y", nil), ("b", "x@y", nil)]) == [["a"], ["b"]])
        #expect(group([("a", nil, "1"), ("b", nil, "2")]) == [["a"], ["b"]])
        #expect(group([("a", "x@y", "1"), ("b", "z@y", "2"), ("c", "x@y", "3")]) == [["a", "c"], ["b"]])
    }

    @Test("one DN in two sources is two people: each their own roles, never authorised by the other's")
    func sameDNTwoSources() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dn-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "dn: cn=Bilal Jones,o=Contacts\nmail: bilal@one.example\ntitle: Head of Statistics\n"
            .write(toFile: folder + "/one.ldif", atomically: true, encoding: .utf8)
        try "dn: cn=Bilal Jones,o=Contacts\nmail: bilal@two.example\ntitle: Press Officer\n"
            .write(toFile: folder + "/two.ldif", atomically: true, encoding: .utf8)
        let snapshot = try await MergedSource([
            .ldif(LDIFSource(path: folder + "/one.ldif")), .ldif(LDIFSource(path: folder + "/two.ldif")),
        ]).snapshot()
        let resolver = Resolver(snapshot: snapshot)
        #expect(resolver.resolve("Head of Statistics").holders.map(\.mail) == ["bilal@one.example"])
        #expect(resolver.resolve("Press Officer").holders.map(\.mail) == ["bilal@two.example"])
        let list = try AccessList.parse(Array("Head of Statistics\n".utf8), source: "list", format: .text)
        let check = RecipientCheck(
            recipients: ["bilal@one.example", "bilal@two.example"],
            list: list,
            resolver: resolver
        )
        #expect(check.recipients.map(\.status) == [.authorised, .unauthorised])
    }

    @Test("same address, matched by another identifier: the person holds the roles of all their entries")
    func rolesAcrossEntries() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ids-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "dn: cn=Ann,o=Contacts\nmail: ann@x.example\ntitle: Head of Statistics\n"
            .write(toFile: folder + "/contacts.ldif", atomically: true, encoding: .utf8)
        try "dn: uid=ann,dc=x\nuid: ann\nmail: ANN@x.example\n"
            .write(toFile: folder + "/staff.ldif", atomically: true, encoding: .utf8)
        let snapshot = try await MergedSource([
            .ldif(LDIFSource(path: folder + "/contacts.ldif")), .ldif(LDIFSource(path: folder + "/staff.ldif")),
        ]).snapshot()
        let list = try AccessList.parse(Array("Head of Statistics\n".utf8), source: "list", format: .text)
        let check = RecipientCheck(recipients: ["ann"], list: list, resolver: Resolver(snapshot: snapshot))
        #expect(check.recipients.first?.status == .authorised)
        #expect(check.recipients.first?.candidates == [])
    }
}
