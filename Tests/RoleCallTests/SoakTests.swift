import Foundation
import LDAPClient
import ServerFixtures
import Testing

@testable import RoleCall

/// Sustained load on a real slapd through the library: every operation answers correctly, and
/// memory stays flat.
///
/// Memory is this process's resident size, so it is bounded only when these tests run alone:
/// `Scripts/soak.sh` (and CI's short soak) set `ROLECALL_SOAK_SECONDS` and run only this suite.
/// In the full suite they check every answer; under `Scripts/sanitizers.sh`, LeakSanitizer checks
/// for leaks instead.
@Suite("soak against slapd", .serialized)
struct SoakTests {
    private static let environment = ProcessInfo.processInfo.environment
    private static let measuresMemory =
        environment["ROLECALL_SOAK_SECONDS"] != nil && environment["ROLECALL_SANITIZED"] == nil

    /// Resident memory of this process in MB, from `/proc/self/statm`.
    private static func residentMB() -> Double {
        let fields = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8))?.split(separator: " ") ?? []
        let pages = fields.count > 1 ? Double(fields[1]) ?? 0 : 0
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    @Test("10,000 searches on one connection: every one answers, memory stays flat")
    func manySearches() async throws {
        let slapd = try Slapd.shared()
        let connection = try await LDAPConnection.connect(LDAPConfiguration(uris: [slapd.ldapURI], timeout: 10))
        var baseline = 0.0
        for iteration in 1...10_000 {
            var found: [String] = []
            for try await entry in connection.search(
                base: slapd.base,
                filter: .equal("uid", iteration.isMultiple(of: 2) ? "asmith" : "vallen"),
                attributes: ["uid", "title"],
                pageSize: iteration.isMultiple(of: 3) ? 0 : 50
            ) {
                found.append(entry.dn)
            }
            try #require(found.count == 1, "search \(iteration) found \(found)")
            if iteration == 1_000 { baseline = Self.residentMB() }
        }
        let growth = Self.residentMB() - baseline
        print("soak: 10,000 searches, resident memory grew \(String(format: "%.1f", growth)) MB after the first 1,000")
        if Self.measuresMemory { #expect(growth < 8, "memory grew by \(growth) MB over 9,000 searches") }
    }

    @Test("concurrent lookups (read, build, resolve) for ROLECALL_SOAK_SECONDS: no errors, flat memory")
    func concurrentLookups() async throws {
        let slapd = try Slapd.shared()
        let seconds = Double(Self.environment["ROLECALL_SOAK_SECONDS"] ?? "") ?? 5
        let workers = 4
        let source = LDAPSource(configuration: LDAPConfiguration(uris: [slapd.ldapURI], timeout: 10), base: slapd.base)
        let asOf = Date(timeIntervalSince1970: 1_795_564_800)
        let lookupOnce: @Sendable () async throws -> Void = {
            let resolver = Resolver(snapshot: try await source.snapshot(), asOf: asOf)
            let result = resolver.resolve("Head of Defence Statistics")
            guard result.status == .resolved, result.holders.map(\.dn) == ["uid=asmith,ou=People,dc=dda,dc=example"]
            else {
                throw SoakFailure(description: "wrong answer: \(result.status) \(result.holders.map(\.dn))")
            }
        }
        for _ in 0..<20 { try await lookupOnce() }  // warm up allocator pools and caches
        let before = Self.residentMB()
        let start = Date()
        let deadline = start.addingTimeInterval(seconds)
        let lookups = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<workers {
                group.addTask {
                    var done = 0
                    while Date() < deadline {
                        try await lookupOnce()
                        done += 1
                    }
                    return done
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = Date().timeIntervalSince(start)
        let growth = Self.residentMB() - before
        print(
            "soak: \(lookups) lookups by \(workers) workers in \(String(format: "%.0f", elapsed)) s "
                + "(\(String(format: "%.0f", Double(lookups) / elapsed))/s), resident \(String(format: "%.0f", before)) MB "
                + "→ \(String(format: "%.0f", before + growth)) MB"
        )
        #expect(lookups > 0)
        if Self.measuresMemory { #expect(growth < 16, "memory grew by \(growth) MB during the soak") }
    }
}

private struct SoakFailure: Error, CustomStringConvertible {
    var description: String
}
