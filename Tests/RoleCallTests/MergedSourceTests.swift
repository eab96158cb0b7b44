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
}
