import Foundation
import LDIF
import Testing

@Suite("LDIF conformance totals")
struct ConformanceCountTests {
    /// SOURCE.md: libldap parsed 3,571 records in the 113 OpenLDAP files; every one must come out.
    @Test("every OpenLDAP record is read", .tags(.conformance))
    func everyOpenLDAPRecord() throws {
        let files = ConformanceCorpus.files().filter { $0.hasPrefix("openldap-ldif/") }
        #expect(files.count == 113)
        var records = 0
        var errors = 0
        for file in files {
            for outcome in try readAll(ConformanceCorpus.path(file)) {
                if case .record = outcome { records += 1 } else { errors += 1 }
            }
        }
        #expect(records == 3_571)
        // 18 refused URL values, plus one error per block of include: lines.
        #expect(try errors == 18 + Self.includeBlocks(files))
    }

    /// Blocks whose first non-comment line is `include:`, counted straight from the files.
    static func includeBlocks(_ files: [String]) throws -> Int {
        var count = 0
        for file in files {
            let text = try String(contentsOfFile: ConformanceCorpus.path(file), encoding: .utf8)
            var previousBlank = true
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("include:") && previousBlank { count += 1 }
                if line.hasPrefix("#") { continue }
                previousBlank = line.isEmpty
            }
        }
        return count
    }
}
