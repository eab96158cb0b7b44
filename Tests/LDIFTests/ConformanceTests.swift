import Foundation
import LDIF
import Testing

/// The reader against libldap's own parser on the shared corpus, record by record.
@Suite("LDIF conformance with libldap")
struct ConformanceTests {
    /// Where RoleCall deliberately differs from libldap 2.5, as listed in the corpus README.
    enum Difference {
        /// We report an error for the block starting at this line instead.
        case errorAt(Int)
        /// We produce a record here that libldap refused, skipped or parsed differently;
        /// its content is checked in `LDIFReaderTests`.
        case ourRecord
    }

    static let differences: [String: [Int: Difference]] = [
        // `:<` URLs are refused by default (libldap opens relative file: URLs).
        "edge/url-values.ldif": [4: .errorAt(4), 11: .errorAt(11)],
        // RFC 2849: a TAB after the colon belongs to the value (libldap 2.5 skips it).
        "edge/unencoded-leading-space-colon-lt.ldif": [4: .ourRecord],
        // The byte order mark is stripped; libldap silently drops the first record.
        "edge/utf8-bom-at-start.ldif": [1: .ourRecord],
        // A line starting with a space after a blank line is an error, not a new record.
        "edge/malformed-space-after-blank-line.ldif": [8: .errorAt(8)],
        // A first line starting with a digit is an error; libldap silently drops it.
        "edge/leading-numeric-line-dropped.ldif": [2: .errorAt(1), 8: .errorAt(7)],
        // Strict base64: text after padding, "====" and a trailing space are refused.
        "edge/malformed-base64-accepted-by-libldap.ldif": [3: .errorAt(3)],
        // RFC 2849 allows an empty base64 value (libldap refuses it).
        "edge/empty-base64-value.ldif": [2: .ourRecord, 8: .ourRecord],
        // RFC 2849 allows a control value right after the OID (libldap wants a space).
        "edge/control-value-right-after-oid.ldif": [3: .ourRecord, 7: .ourRecord],
        // Several control lines are all controls of one delete (libldap keeps the first only).
        "edge/multiple-control-lines.ldif": [3: .ourRecord],
        // A second dn: without a blank line is an error (libldap makes one record with a "dn" attribute).
        "edge/malformed-missing-blank-line-between-records.ldif": [1: .errorAt(1)],
        // An empty attribute name is an error wherever it is (libldap accepts it after the first attribute).
        "edge/malformed-empty-attribute-type.ldif": [8: .errorAt(8)],
        // deleteoldrdn must be 0 or 1 (libldap reads anything else as true).
        "edge/malformed-changerecords.ldif": [25: .errorAt(25)],
        // Only LDIF version 1 exists (libldap warns and goes on); the error is at the version line.
        "edge/version-2-header.ldif": [3: .errorAt(2)],
    ]

    @Test("the corpus is present", .tags(.conformance))
    func corpusPresent() {
        #expect(ConformanceCorpus.files().count >= 140, "expected the shared corpus at \(ConformanceCorpus.root.path)")
    }

    @Test("same records as libldap", .tags(.conformance), arguments: ConformanceCorpus.files())
    func sameRecordsAsLibldap(file: String) throws {
        let expected = try ConformanceCorpus.expected(file)
        let ours = try readAll(ConformanceCorpus.path(file))
        var unmatched = Dictionary(grouping: ours, by: \.line)
        let differences = Self.differences[file] ?? [:]
        var includeBlockLines: Set<Int> = []

        for object in expected {
            let line = object["line"] as? Int ?? -1
            if let difference = differences[line] {
                switch difference {
                case .errorAt(let errorLine):
                    #expect(
                        take(&unmatched, errorLine, isError: true) != nil,
                        "\(file):\(line): expected our error at \(errorLine)"
                    )
                case .ourRecord:
                    #expect(take(&unmatched, line, isError: false) != nil, "\(file):\(line): expected our record")
                }
                continue
            }
            if object["error"] != nil {
                if object["stage"] as? String == "read" {
                    // One error per block of include: lines, at the block's first line.
                    if includeBlockLines.contains(line - 1) {
                        includeBlockLines.insert(line)
                        continue
                    }
                    includeBlockLines.insert(line)
                }
                #expect(
                    take(&unmatched, line, isError: true) != nil,
                    "\(file):\(line): libldap refused this block; we must too"
                )
            } else if object["skipped"] != nil {
                if object["types"] as? [String] == ["version"] { continue }
                #expect(
                    take(&unmatched, line, isError: true) != nil,
                    "\(file):\(line): a block without dn: must be an error"
                )
            } else {
                guard case .record(let record) = take(&unmatched, line, isError: false) else {
                    Issue.record("\(file):\(line): libldap parsed a record; we gave \(unmatched[line] ?? [])")
                    continue
                }
                #expect(ComparableRecord(record) == ComparableRecord(json: object), "\(file):\(line)")
            }
        }
        let extra = unmatched.values.flatMap { $0 }
        #expect(extra.isEmpty, "\(file): outcomes libldap has no counterpart for: \(extra)")
    }

    private func take(_ outcomes: inout [Int: [Outcome]], _ line: Int, isError: Bool) -> Outcome? {
        guard var list = outcomes[line],
            let index = list.firstIndex(where: {
                if case .error = $0 { return isError }
                return !isError
            })
        else { return nil }
        let outcome = list.remove(at: index)
        outcomes[line] = list.isEmpty ? nil : list
        return outcome
    }
}

extension Tag {
    @Tag static var conformance: Self
}
