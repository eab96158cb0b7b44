import Foundation
import ServerFixtures
import Testing

@testable import WebServer

/// The user a client certificate names, read by RoleCall's own small DER walk: right on real
/// certificates from openssl, and never a crash or an out-of-range read on damaged ones.
@Suite("client certificate identity")
struct CertificateIdentityTests {
    /// A certificate's DER bytes, converted from PEM by openssl.
    private static func der(_ pem: String, in folder: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["x509", "-in", pem, "-outform", "DER", "-out", folder + "/out.der"]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/out.der")))
    }

    @Test("the email address wins over the common name; without one, the subject's last common name")
    func names() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("identity-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Certificates.make(in: folder)
        try Certificates.client(named: "gevans", email: "GEvans@dda.example", signedBy: "ca", in: folder)
        try Certificates.client(named: "hkhan", email: nil, signedBy: "ca", in: folder)
        let withEmail = try Self.der(folder + "/gevans.pem", in: folder)
        #expect(CertificateIdentity.user(der: withEmail) == "GEvans@dda.example")
        let withName = try Self.der(folder + "/hkhan.pem", in: folder)
        #expect(CertificateIdentity.user(der: withName) == "hkhan")
        // The server certificate has DNS and IP alternative names but no email: its common name.
        #expect(CertificateIdentity.user(der: try Self.der(folder + "/server.pem", in: folder)) == "localhost")

        // Every truncation and every byte set to 0x00, 0x7F, 0x80, 0x84 or 0xFF: an answer or nil, never
        // a crash (lengths are checked against what is left). Intact prefixes cannot hold the whole
        // certificate, so they name no one.
        for length in 0..<withEmail.count {
            #expect(CertificateIdentity.user(der: Array(withEmail[..<length])) == nil)
        }
        for index in withEmail.indices {
            for byte: UInt8 in [0x00, 0x7F, 0x80, 0x84, 0xFF] {
                var damaged = withEmail
                damaged[index] = byte
                _ = CertificateIdentity.user(der: damaged)
            }
        }
    }
}
