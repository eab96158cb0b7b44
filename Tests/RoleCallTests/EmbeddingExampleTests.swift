import Foundation
import RoleCall
import ServerFixtures
import Testing

/// The code of the DocC article "Embedding RoleCall", compiled and run against slapd.
@Suite("Embedding example", .serialized)
struct EmbeddingExampleTests {
    @Test("the pre-send check from the article refuses a list with an unauthorised recipient")
    func preSendCheck() async throws {
        let slapd = try Slapd.shared()
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Docs/examples")
        func releaseMaySend(to recipients: [String]) async throws -> Bool {
            let snapshot = try await LDAPSource(
                configuration: LDAPConfiguration(
                    uris: ["ldap://127.0.0.1:1/", slapd.ldapsURI],
                    bindDN: slapd.adminDN,
                    password: .init(slapd.adminPassword),
                    caFile: slapd.caFile
                ),
                base: slapd.base
            ).snapshot(recipients: recipients)
            let list = try AccessList.load(path: examples.appendingPathComponent("access-list.txt").path)
            let check = RecipientCheck(recipients: recipients, list: list, resolver: Resolver(snapshot: snapshot))
            return check.allAuthorised
        }
        #expect(try await releaseMaySend(to: ["asmith@dda.example", "vallen"]))
        #expect(try await !releaseMaySend(to: ["asmith@dda.example", "dokafor@dda.example"]))
    }

    @Test("the single-role lookup from the article")
    func singleRole() async throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Docs/examples/department.ldif").path
        let resolver = Resolver(snapshot: try await LDIFSource(path: path).snapshot())
        let result = resolver.resolve("Head of Defence Statistics")
        #expect(result.status == .resolved)
        #expect(result.holders.first?.mail == "asmith@dda.example")
    }
}
