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

    /// A DER element: tag, length (short or long form) and content.
    private static func element(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        let count = content.count
        let length: [UInt8] =
            count < 0x80 ? [UInt8(count)] : [0x82, UInt8(count >> 8), UInt8(count & 0xFF)]
        return [tag] + length + content
    }

    private static let commonName: [UInt8] = [0x55, 0x04, 0x03]
    private static let subjectAltName: [UInt8] = [0x55, 0x1D, 0x11]
    private static let issuerAltName: [UInt8] = [0x55, 0x1D, 0x12]

    /// A Name of common names, each `(string tag, text)`.
    private static func name(_ commonNames: [(UInt8, String)]) -> [UInt8] {
        element(
            0x30,
            commonNames.flatMap { tag, text in
                element(0x31, element(0x30, element(0x06, commonName) + element(tag, Array(text.utf8))))
            }
        )
    }

    /// A certificate laid out as X.509 lays it out (keys and signature empty: the walk reads neither).
    private static func certificate(
        issuer: [(UInt8, String)] = [(0x0C, "Some CA")],
        subject: [(UInt8, String)],
        extensions: [(oid: [UInt8], value: [UInt8])] = []
    ) -> [UInt8] {
        var tbs = element(0xA0, element(0x02, [2])) + element(0x02, [1]) + element(0x30, [])
        tbs += name(issuer) + element(0x30, []) + name(subject) + element(0x30, [])
        if !extensions.isEmpty {
            let list = extensions.flatMap { element(0x30, element(0x06, $0.oid) + element(0x04, $0.value)) }
            tbs += element(0xA3, element(0x30, list))
        }
        return element(0x30, element(0x30, tbs) + element(0x30, []) + element(0x03, [0]))
    }

    /// Alternative names: each `(tag, text)`, such as `(0x81, "a@b")` for an rfc822Name.
    private static func names(_ names: [(UInt8, String)]) -> [UInt8] {
        element(0x30, names.flatMap { element($0.0, Array($0.1.utf8)) })
    }

    @Test("which name is taken: the last common name, never the issuer's; an email only from subjectAltName, with @")
    func choice() {
        #expect(
            CertificateIdentity.user(der: Self.certificate(subject: [(0x13, "first"), (0x0C, "second")])) == "second"
        )
        // The last common name is a BMPString: no earlier one is taken in its place.
        #expect(CertificateIdentity.user(der: Self.certificate(subject: [(0x0C, "asmith"), (0x1E, "\u{0}x")])) == nil)
        // A subject without a common name: the issuer's is not the user's.
        #expect(CertificateIdentity.user(der: Self.certificate(issuer: [(0x0C, "asmith")], subject: [])) == nil)
        let hkhan: [(UInt8, String)] = [(0x0C, "hkhan")]
        // An email among the issuer's alternative names is not the subject's.
        let issuerEmail = Self.certificate(
            subject: hkhan,
            extensions: [(Self.issuerAltName, Self.names([(0x81, "asmith@dda.example")]))]
        )
        #expect(CertificateIdentity.user(der: issuerEmail) == "hkhan")
        // A DNS name, and an "email" without @, are not addresses; the common name stands.
        let noAddress = Self.certificate(
            subject: hkhan,
            extensions: [(Self.subjectAltName, Self.names([(0x82, "asmith.dda.example"), (0x81, "asmith")]))]
        )
        #expect(CertificateIdentity.user(der: noAddress) == "hkhan")
        // An otherName (a UPN, constructed [0]) before the address is passed over whole.
        let otherName = Self.element(
            0xA0,
            Self.element(0x06, [0x2B, 0x06]) + Self.element(0xA0, Self.element(0x0C, Array("mallory@dda.example".utf8)))
        )
        let withOther = Self.certificate(
            subject: hkhan,
            extensions: [
                (
                    Self.subjectAltName,
                    Self.element(0x30, otherName + Self.element(0x81, Array("gevans@dda.example".utf8)))
                )
            ]
        )
        #expect(CertificateIdentity.user(der: withOther) == "gevans@dda.example")
        // Long-form lengths: a common name of 300 bytes.
        let long = String(repeating: "x", count: 300)
        #expect(CertificateIdentity.user(der: Self.certificate(subject: [(0x0C, long)])) == long)
    }
}
