import Foundation
import RoleCall
import Testing

@Suite("--as-of instants")
struct InstantTests {
    static let london = TimeZone(identifier: "Europe/London")!

    @Test(
        "dates and times, with and without an offset",
        arguments: [
            ("2024-01-17", "2024-01-17T00:00:00Z"),
            ("2024-07-17", "2024-07-16T23:00:00Z"),  // midnight in London in summer
            ("2024-01-17T22:00", "2024-01-17T22:00:00Z"),
            ("2024-07-17T22:00", "2024-07-17T21:00:00Z"),
            ("2024-07-17T22:00:30", "2024-07-17T21:00:30Z"),
            ("2024-07-17T22:00:00Z", "2024-07-17T22:00:00Z"),
            ("2024-07-17T22:00:00+02:00", "2024-07-17T20:00:00Z"),
            ("2024-07-17T22:00-0130", "2024-07-17T23:30:00Z"),
            ("2024-02-29", "2024-02-29T00:00:00Z"),
            ("2024-07-17T22:00+01", "2024-07-17T21:00:00Z"),
            ("2024-07-17T22:00:00.250Z", "2024-07-17T22:00:00.250Z"),
            ("2024-10-27T01:30", "2024-10-27T00:30:00Z"),  // the repeated hour in autumn: its first pass
        ]
    )
    func valid(text: String, expected: String) throws {
        let date = try Instant.parse(text, timeZone: Self.london)
        let strategy = Date.ISO8601FormatStyle(includingFractionalSeconds: expected.contains("."))
        #expect(date == (try Date(expected, strategy: strategy)))
    }

    @Test(
        "impossible dates and trailing text are errors",
        arguments: [
            "2026-02-30", "2025-02-29", "2026-13-01", "2026-06-01junk", "2026-06-01T25:00", "2026-06-01T10:60",
            "tomorrow", "", "2026-6-1", "2026-06-01T10:00+25:00", "2026-06-01T",
            "2024-03-31T01:30",  // does not exist in London: the clocks go from 01:00 to 02:00
            "2026-06-01T10:00:00.Z", "2026-06-01T10:00+1", "2026-06-01T10:00+01:0",
        ]
    )
    func invalid(text: String) {
        #expect(throws: RoleCallError(.invalidInstant(text))) { try Instant.parse(text, timeZone: Self.london) }
    }

    @Test("time zones are IANA names")
    func zones() throws {
        #expect(try Instant.timeZone(named: "Europe/London") == Self.london)
        #expect(throws: RoleCallError(.unknownTimeZone("Mars/Olympus"))) { try Instant.timeZone(named: "Mars/Olympus") }
    }

    @Test("instants are written as ISO8601DateFormatter writes them: UTC, whole seconds")
    func written() {
        var generator = SystemRandomNumberGenerator()
        let edges: [TimeInterval] = [
            0, -0.5, 0.999, -1, 951_782_400, 4_102_444_799.9, -62_135_596_800, 253_402_300_799,
        ]
        let random = (0..<2_000).map { _ in
            TimeInterval(Int64.random(in: -62_135_596_800...253_402_300_799, using: &generator)) + 0.25
        }
        for seconds in edges + random {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Instant.text(date) == ISO8601DateFormatter().string(from: date), "\(seconds)")
        }
    }
}
