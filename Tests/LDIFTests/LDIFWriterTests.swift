import Testing

@testable import LDIF

@Suite("LDIFWriter")
struct LDIFWriterTests {
    @Test("every corpus record survives a write and a re-read")
    func roundTrip() throws {
        var written = 0
        for file in ConformanceCorpus.files() {
            let records = try readAll(ConformanceCorpus.path(file)).compactMap { outcome -> LDIFRecord? in
                if case .record(let record) = outcome { return record }
                return nil
            }
            for width in [76, 5] {
                let bytes = LDIFWriter(lineWidth: width).document(records)
                let reader = LDIFReader(bytes: bytes, name: "roundtrip")
                var again: [LDIFRecord] = []
                while let record = try reader.next() { again.append(record) }
                #expect(
                    again.map(ComparableRecord.init) == records.map(ComparableRecord.init),
                    "\(file) at width \(width)"
                )
                written += again.count
            }
        }
        #expect(written > 7_000)
    }

    @Test("unsafe values are base64, long lines are folded")
    func encoding() {
        let record = LDIFRecord(
            line: 1,
            dn: Array("cn=Zoë".utf8),
            change: .add([
                LDIFAttribute(
                    name: "description",
                    values: [Array(" lead".utf8), Array(String(repeating: "a", count: 100).utf8)]
                )
            ])
        )
        let text = String(decoding: LDIFWriter().document([record]), as: UTF8.self)
        #expect(text.contains("dn:: Y249Wm/Dqw==\n"))
        #expect(text.contains("description:: IGxlYWQ=\n"))
        #expect(text.split(separator: "\n").allSatisfy { $0.utf8.count <= 76 })
    }

    @Test(
        "control lines are never base64 as a whole; empty and unsafe control values round trip",
        arguments: [nil, [], Array("cn".utf8), Array(" lead ".utf8), [0, 255]] as [[UInt8]?]
    )
    func controls(value: [UInt8]?) throws {
        let record = LDIFRecord(
            line: 1,
            dn: Array("cn=New,dc=example,dc=com".utf8),
            controls: [LDIFControl(oid: "1.3.6.1.1.13.1", isCritical: false, value: value)],
            change: .delete
        )
        let written = LDIFWriter().document([record])
        #expect(String(decoding: written, as: UTF8.self).contains("control: 1.3.6.1.1.13.1 false"))
        var again = try #require(try LDIFReader(bytes: written, name: "again").next())
        again.line = record.line
        #expect(again == record)
    }
}
