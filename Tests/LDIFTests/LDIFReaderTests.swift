import Foundation
import Testing

@testable import LDIF

@Suite("LDIFReader")
struct LDIFReaderTests {
    private func records(_ text: String, options: LDIFReaderOptions = .init()) throws -> [LDIFRecord] {
        let reader = LDIFReader(bytes: Array(text.utf8), name: "test.ldif", options: options)
        var records: [LDIFRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    private func firstError(_ text: String, options: LDIFReaderOptions = .init()) -> LDIFError? {
        do {
            _ = try records(text, options: options)
            return nil
        } catch { return error as? LDIFError }
    }

    private func value(_ record: LDIFRecord, _ name: String) -> [String] {
        record.attributes.first { $0.name.lowercased() == name.lowercased() }?.values.map {
            String(decoding: $0, as: UTF8.self)
        } ?? []
    }

    @Test("chunk edges anywhere give the same records", arguments: [1, 2, 3, 7, 64])
    func chunkEdges(chunkSize: Int) throws {
        for file in ConformanceCorpus.files() where !file.contains("url-values") {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: ConformanceCorpus.path(file))))
            let whole = try readAll(ConformanceCorpus.path(file)).map(describe)
            let reader = LDIFReader(
                bytes: bytes,
                name: ConformanceCorpus.path(file),
                options: .init(),
                chunkSize: chunkSize
            )
            var chunked: [String] = []
            while true {
                do {
                    guard let record = try reader.next() else { break }
                    chunked.append(describe(.record(record)))
                } catch { chunked.append(describe(.error(error))) }
            }
            #expect(chunked == whole, "\(file) with \(chunkSize)-byte chunks")
        }
    }

    private func describe(_ outcome: Outcome) -> String {
        switch outcome {
        case .record(let record): "\(record.line) \(ComparableRecord(record))"
        case .error(let error): "\(error.recordLine) error \(error.code)"
        }
    }

    @Test("folds, CRLF, comments and base64 are undone")
    func foldsAndEncodings() throws {
        let text =
            "version: 1\r\n\r\n# comment\r\n folded comment\r\ndn: cn=J\r\n ane,dc=x\r\ncn:: SsO8\r\n cmdlbg==\r\ntitle: Head of\r\n  Statistics\r\nempty:\r\n"
        let record = try #require(try records(text).first)
        #expect(record.line == 5)
        #expect(record.dnText == "cn=Jane,dc=x")
        #expect(value(record, "cn") == ["Jürgen"])
        #expect(value(record, "title") == ["Head of Statistics"])
        #expect(value(record, "empty") == [""])
    }

    @Test("a TAB after the colon belongs to the value (RFC 2849)")
    func tabKept() throws {
        let record = try #require(try records("dn: cn=a\ndescription:\tx\n").first)
        #expect(value(record, "description") == ["\tx"])
    }

    @Test("a byte order mark is stripped and the first record kept")
    func byteOrderMark() throws {
        let all = try readAll(ConformanceCorpus.path("edge/utf8-bom-at-start.ldif"))
        guard case .record(let first) = all.first else {
            Issue.record("no record")
            return
        }
        #expect(first.dnText == "cn=After BOM,dc=example,dc=com")
        #expect(all.count == 2)
    }

    @Test("an empty base64 value is an empty value")
    func emptyBase64() throws {
        let record = try #require(try records("dn: cn=a\ndescription::\ndescription:: \n").first)
        #expect(record.attributes[0].values == [[], []])
    }

    @Test("controls: value right after the OID, several controls, criticality")
    func controls() throws {
        let all = try records(
            "dn: cn=a\ncontrol: 1.2.3: text value\nchangetype: delete\n\n"
                + "dn: cn=b\ncontrol: 1.2.3.4:: AAEC/w==\nchangetype: delete\n\n"
                + "dn: cn=c\ncontrol: 1.2.840.113556.1.4.805 true\ncontrol: 1.3.6.1.4.1.4203.1.10.2 false\nchangetype: delete\n"
        )
        #expect(all.map(\.change) == [.delete, .delete, .delete])
        #expect(all[0].controls == [LDIFControl(oid: "1.2.3", isCritical: false, value: Array("text value".utf8))])
        #expect(all[1].controls == [LDIFControl(oid: "1.2.3.4", isCritical: false, value: [0, 1, 2, 255])])
        #expect(all[2].controls.map(\.isCritical) == [true, false])
    }

    @Test("URL values are refused unless allowed, and then only local file: URLs are read")
    func urlValues() throws {
        let path = ConformanceCorpus.path("edge/url-values.ldif")
        let refused = try readAll(path)
        for outcome in refused {
            guard case .error(let error) = outcome else {
                Issue.record("a URL value was read without permission")
                continue
            }
            #expect(error.code == .url)
            #expect(error.description.contains("url-values.ldif:"))
        }
        let allowed = try readAll(path, options: LDIFReaderOptions(allowFileURLs: true))
        let target = try String(contentsOfFile: ConformanceCorpus.path("edge/url-value-target.txt"), encoding: .utf8)
        var read: [String] = []
        var errors = 0
        for outcome in allowed {
            switch outcome {
            case .record(let record): read += value(record, "description")
            case .error(let error):
                #expect(error.code == .url)
                errors += 1
            }
        }
        #expect(read == [target, target])
        #expect(errors == 2, "file://host/ and http: stay refused")
    }

    static let malformedInputs: [(text: String, line: Int, problem: LDIFError.Problem)] = [
        ("dn: cn=a\ncn No Colon\n", 2, .noColon("cn No Colon")),
        ("dn: cn=a\ndescription:: QUJD RA==\n", 2, .invalidBase64(attribute: "description", .badLength(9))),
        (
            "dn: cn=a\ndescription:: QQ==junk\n", 2,
            .invalidBase64(attribute: "description", .misplacedPadding(offset: 2))
        ),
        ("objectClass: person\n", 1, .missingDN(startsWith: "objectClass")),
        ("dn: cn=a\ncn: a\ndn: cn=b\n", 3, .secondDN),
        ("dn: cn=a\n-\ncn: a\n", 2, .separatorOutsideModify),
        ("dn: cn=a\n: value\n", 2, .noAttributeType),
        ("dn: cn=a\nchangetype: frobnicate\n", 2, .unknownChangeType("frobnicate")),
        (
            "dn: cn=a\nchangetype: modify\nadd: mail\ncn: x\n", 4,
            .valueOutsideSection(attribute: "cn", operation: "add", type: "mail")
        ),
        ("dn: cn=a\nchangetype: modrdn\nnewrdn: cn=b\n", 3, .modrdnNeedsDeleteOldRDN),
        ("dn: cn=a\nchangetype: modrdn\nnewrdn: cn=b\ndeleteoldrdn: yes\n", 4, .deleteOldRDNNotBoolean("yes")),
        ("dn: cn=a\nchangetype: delete\ncn: x\n", 3, .deleteWithBody),
        ("\n continued: x\n", 2, .continuationAfterBlankLine),
        ("version: 2\ndn: cn=a\n", 1, .unsupportedVersion("2")),
        ("include: file:///etc/x.ldif\n", 1, .include),
        (
            "dn: cn=a\ndescription:< file:///etc/passwd\n", 2,
            .urlRefused(attribute: "description", url: "file:///etc/passwd")
        ),
    ]

    @Test("malformed input gives the file, the line and the problem with its values", arguments: malformedInputs)
    func malformed(text: String, line: Int, problem: LDIFError.Problem) throws {
        let error = try #require(firstError(text))
        #expect(error.line == line)
        #expect(error.source == "test.ldif")
        #expect(error.problem == problem)
    }

    @Test("reading goes on with the next record after an error")
    func continuesAfterError() throws {
        let reader = LDIFReader(bytes: Array("dn: cn=a\ncn No Colon\n\ndn: cn=b\ncn: b\n".utf8), name: "t")
        #expect(throws: LDIFError.self) { try reader.next() }
        #expect(try reader.next()?.dnText == "cn=b")
        #expect(try reader.next() == nil)
    }

    @Test("records over the size limit are refused, the next one is read")
    func sizeLimit() throws {
        let big = String(repeating: "x", count: 5_000)
        let reader = LDIFReader(
            bytes: Array("dn: cn=a\ndescription: \(big)\n\ndn: cn=b\ncn: b\n".utf8),
            name: "t",
            options: LDIFReaderOptions(maxRecordBytes: 4_096),
            chunkSize: 1_024
        )
        #expect(throws: LDIFError.self) { try reader.next() }
        #expect(try reader.next()?.dnText == "cn=b")
    }

    @Test("only kept attribute types are decoded")
    func keptTypes() throws {
        let options = LDIFReaderOptions(keptAttributeTypes: ["title", "cn"])
        let record = try #require(
            try records("dn: cn=a\nCN: a\ntitle;lang-en: Head\njpegPhoto:: not*checked\nmail: a@x\n", options: options)
                .first
        )
        #expect(record.attributes.map(\.name) == ["CN", "title;lang-en"])
    }
}
