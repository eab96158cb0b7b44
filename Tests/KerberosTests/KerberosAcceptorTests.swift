import Foundation
import Kerberos
import ServerFixtures
import Testing

/// The acceptor's refusals, with a real realm's keytab. Sign-ins with real tickets are tested end
/// to end (`curl --negotiate` against `rolecall serve`) in `ServeKerberosTests`.
struct KerberosAcceptorTests {
    @Test func aMissingKeytabIsNamedAtStart() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID()).keytab").path
        #expect {
            _ = try KerberosAcceptor(keytab: path)
        } throws: { error in
            let failure = error as? KerberosAcceptor.StartFailure
            return failure?.keytab == path && failure?.reason.contains(path) == true
        }
    }

    @Test func anEmptyKeytabIsRefusedAtStart() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID()).keytab").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: KerberosAcceptor.StartFailure.self) { try KerberosAcceptor(keytab: path) }
    }

    @Test func tokensThatAreNotTicketsSignNoOneIn() throws {
        let acceptor = try KerberosAcceptor(keytab: KerberosRealm.shared().serviceKeytab)
        for token in [
            [], [0x60, 0x03, 0x06, 0x01, 0x00], Array("Negotiate".utf8), [UInt8](repeating: 0xff, count: 70_000),
        ] {
            guard case .failure(.rejected(let reason)) = acceptor.accept(token) else {
                Issue.record("token of \(token.count) bytes was not rejected")
                continue
            }
            #expect(!reason.isEmpty)
        }
    }
}
