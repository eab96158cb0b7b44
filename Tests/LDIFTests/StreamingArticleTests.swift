import Foundation
import LDIF
import Testing

/// The code of the DocC article "Streaming an export", compiled and run.
@Suite("Streaming an export (article)")
struct StreamingArticleTests {
    func countTitled(path: String) throws -> (people: Int, problems: [String]) {
        let reader = try LDIFReader(path: path, options: LDIFReaderOptions(keptAttributeTypes: ["title"]))
        var people = 0
        var problems: [String] = []
        while true {
            do {
                guard let record = try reader.next() else { break }
                if record.attributes.contains(where: { $0.name.lowercased() == "title" }) { people += 1 }
            } catch {
                if error.code == .io { throw error }  // the file itself cannot be read: stop
                problems.append("line \(error.line): \(error.code)")
            }
        }
        return (people, problems)
    }

    @Test("counts titled people, skipping a bad record and naming its line")
    func article() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("article-\(UUID()).ldif").path
        let text = """
            dn: uid=a,dc=x
            title: Chief Statistician

            objectClass: person

            dn: uid=b,dc=x
            cn: B

            dn: uid=c,dc=x
            title:: SGVhZCBvZiBOZXdz

            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (people, problems) = try countTitled(path: path)
        #expect(people == 2)
        #expect(problems == ["line 4: missingDN"])
        #expect(throws: LDIFError.self) { try countTitled(path: path + ".missing") }
    }
}
