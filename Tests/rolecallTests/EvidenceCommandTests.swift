import Foundation
import Testing

/// Evidence from the command line and the web page, checked by `rolecall evidence verify`.
@Suite("rolecall verify --evidence and rolecall evidence verify", .serialized)
struct EvidenceCommandTests {
    static let examples = CommandRunner.packageRoot.appendingPathComponent("Docs/examples").path
    static let source = ["--ldif", CommandRunner.example, "--as-of", "2026-11-25"]

    private func folder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("verify appends a record naming the release, list, recipients and verdict; evidence verify checks it")
    func commandLine() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let evidence = folder + "/evidence.jsonl"
        let verify = [
            "verify", Self.examples + "/access-list.txt", "--recipients", Self.examples + "/recipients.txt",
            "--evidence", evidence, "--release", "Defence Statistics Bulletin, 3 December",
        ]
        #expect(try CommandRunner.run(verify + Self.source).status == 1)
        #expect(try CommandRunner.run(verify + Self.source).status == 1)
        let lines = try String(contentsOfFile: evidence, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(record["release"] as? String == "Defence Statistics Bulletin, 3 December")
        // The list is named as `serve --lists` names it: its file name without the extension.
        #expect((record["list"] as? [String: Any])?["name"] as? String == "access-list")
        #expect((record["recipients"] as? [[String: Any]])?.count == 9)
        #expect(record["maySend"] as? Bool == false)
        #expect(record["asOf"] as? String == "2026-11-25T00:00:00Z")

        let intact = try CommandRunner.run(["evidence", "verify", evidence])
        #expect(intact.status == 0)
        #expect(intact.stdout.contains("intact, 2 records; last hash "))
        let text = try String(contentsOfFile: evidence, encoding: .utf8)
        try text.replacingOccurrences(of: "\"maySend\":false", with: "\"maySend\":true", options: [], range: nil)
            .replacingOccurrences(of: "3 December\"", with: "4 December\"")
            .write(toFile: evidence, atomically: true, encoding: .utf8)
        let tampered = try CommandRunner.run(["evidence", "verify", evidence])
        #expect(tampered.status == 1)
        #expect(tampered.stdout.contains("line 2 does not follow the record before it"))
        #expect(try CommandRunner.run(["evidence", "verify", folder + "/missing.jsonl"]).status == 2)
        let noRelease = try CommandRunner.run(Array(verify.dropLast(2)) + Self.source)
        #expect(noRelease.status == 2)
        #expect(noRelease.stderr.contains("--release"))
    }

    @Test("the web page keeps each check, asking which release it is for")
    func webPage() async throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let evidence = folder + "/evidence.jsonl"
        try "a long enough secret key\n".write(toFile: folder + "/key", atomically: true, encoding: .utf8)
        let server = try ServedRoleCall(
            Self.source + [
                "--lists", Self.examples + "/access-list.txt", "--evidence", evidence, "--evidence-key",
                folder + "/key",
            ]
        )
        let home = try await server.get("/")
        #expect(home.body.contains("name=\"release\""))
        let ask = { (release: String?) throws -> String in
            var fields: [String: String] = ["listName": "access-list", "recipients": "asmith@dda.example"]
            fields["release"] = release
            return String(decoding: try JSONSerialization.data(withJSONObject: fields), as: UTF8.self)
        }
        let without = try await server.post("/api/verify", contentType: "application/json", body: try ask(nil))
        #expect(without.status == 400)
        #expect(without.body.contains("noRelease"))
        let with = try await server.post("/api/verify", contentType: "application/json", body: try ask("Bulletin"))
        #expect(with.status == 200)
        let record = try #require(
            try JSONSerialization.jsonObject(with: Data(String(contentsOfFile: evidence, encoding: .utf8).utf8))
                as? [String: Any]
        )
        #expect(record["client"] as? String == "127.0.0.1")
        #expect(record["maySend"] as? Bool == true)
        #expect(record["hmac"] is String)
        let check = try CommandRunner.run(["evidence", "verify", evidence, "--evidence-key", folder + "/key"])
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test("--evidence-keep rolls the file into a segment once its first record is older; evidence verify follows it")
    func rolling() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let evidence = folder + "/evidence.jsonl"
        let verify = [
            "verify", Self.examples + "/access-list.txt", "--recipients", Self.examples + "/recipients.txt",
            "--evidence", evidence, "--release", "Bulletin", "--evidence-keep", "10",
        ]
        #expect(try CommandRunner.run(verify + Self.source).status == 1)
        // Its one record dated eleven days back (it stays a chain of one): past the ten days kept.
        let record = try String(contentsOfFile: evidence, encoding: .utf8)
        let at = try #require(record.range(of: #""at":"[^"]*""#, options: .regularExpression))
        let old = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-11 * 86_400))
        try record.replacingCharacters(in: at, with: "\"at\":\"\(old)\"")
            .write(toFile: evidence, atomically: true, encoding: .utf8)
        let later = try CommandRunner.run(verify + Self.source)
        #expect(later.status == 1, "\(later.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files.count == 2)
        #expect(files.allSatisfy { $0.hasPrefix("evidence.jsonl") })
        let check = try CommandRunner.run(["evidence", "verify", evidence])
        #expect(check.status == 0)
        #expect(check.stdout.contains("intact, 1 records"), "\(check.stdout)")
        #expect(check.stdout.contains("continues evidence.jsonl."), "\(check.stdout)")
        #expect(check.stdout.contains("(1 records ending in "))
        #expect(check.stdout.contains("; checked)"))
        let zero = try CommandRunner.run(verify.dropLast() + ["0"] + Self.source)
        #expect(zero.status == 2)
        #expect(zero.stderr.contains("--evidence-keep takes a number of days"))
    }
}
