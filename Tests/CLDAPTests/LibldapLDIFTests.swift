import CLDAP
import Foundation
import Testing

/// Proves the CLDAP interop target links and calls libldap: its own LDIF parser reads corpus files.
@Suite("libldap through CLDAP")
struct LibldapLDIFTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/conformance")

    /// Reads a file with `ldif_read_record` + `ldap_parse_ldif_record` and returns each record's DN.
    private func libldapDNs(_ path: String) throws -> [String] {
        let file = try #require(ldif_open(path, "r"), "ldif_open failed for \(path)")
        defer { ldif_close(file) }
        var buffer: UnsafeMutablePointer<CChar>?
        var bufferSize: Int32 = 0
        var line: UInt = 0
        var dns: [String] = []
        defer { ber_memfree(buffer) }
        while ldif_read_record(file, &line, &buffer, &bufferSize) > 0 {
            var record = LDIFRecord()
            var text = berval(bv_len: ber_len_t(strlen(buffer!)), bv_val: buffer)
            let rc = ldap_parse_ldif_record(&text, line, &record, "test", UInt32(LDIF_DEFAULT_ADD))
            if rc == LDAP_SUCCESS, let dn = record.lr_dn.bv_val {
                dns.append(
                    String(decoding: UnsafeRawBufferPointer(start: dn, count: Int(record.lr_dn.bv_len)), as: UTF8.self)
                )
            }
            ldap_ldif_record_done(&record)
        }
        return dns
    }

    @Test(
        "libldap reads corpus files",
        arguments: ["edge/base64-dn.ldif", "edge/crlf-line-endings.ldif", "openldap-ldif/test-ordered.ldif"]
    )
    func readsCorpus(file: String) throws {
        let expected = try String(
            contentsOf: Self.corpus.appendingPathComponent(file)
                .deletingLastPathComponent().appendingPathComponent("expected")
                .appendingPathComponent(
                    URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + ".jsonl"
                ),
            encoding: .utf8
        )
        let expectedCount = expected.split(separator: "\n").filter { $0.contains("\"dn\":") }.count
        let dns = try libldapDNs(Self.corpus.appendingPathComponent(file).path)
        #expect(dns.count == expectedCount)
        #expect(!dns.isEmpty)
    }

    @Test("result codes are described by ldap_err2string")
    func errorStrings() {
        #expect(String(cString: ldap_err2string(LDAP_INVALID_CREDENTIALS)) == "Invalid credentials")
    }
}
