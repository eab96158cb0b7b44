import Foundation
import Synchronization
import RoleCall
import Testing

@Suite("Cancelling a read")
struct CancellationTests {
    @Test("a cancelled LDIF read stops at the next batch and throws cancelled, never a partial snapshot")
    func cancelLDIF() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-cancel-\(UUID()).ldif").path
        let total = 300_000
        var text = ""
        text.reserveCapacity(total * 40)
        for index in 0..<total { text += "dn: uid=u\(index),dc=x\ncn: U\(index)\ntitle: Officer \(index % 97)\n\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }

        let seen = Seen()
        let task = Task { try await LDIFSource(path: path).snapshot(progress: { seen.record($0) }) }
        while seen.count == 0 { try await Task.sleep(for: .milliseconds(1)) }
        task.cancel()
        await #expect(throws: RoleCallError(.cancelled)) { _ = try await task.value }
        #expect(seen.count < total)
    }

    /// The progress the read reported, from whichever thread reports it.
    final class Seen: Sendable {
        private let value = Atomic(0)
        var count: Int { value.load(ordering: .acquiring) }
        func record(_ count: Int) { value.store(count, ordering: .releasing) }
    }
}
