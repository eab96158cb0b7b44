import Foundation
import Testing

/// Every JSON document validates against its schema in `Docs/schema` (checked with Python's
/// `jsonschema`, an implementation independent of RoleCall).
@Suite("JSON output matches the published schemas")
struct JSONSchemaTests {
    static let source = ["--ldif", CommandRunner.example, "--as-of", "2026-11-25", "--format", "json"]
    static let examples = CommandRunner.packageRoot.appendingPathComponent("Docs/examples").path

    @Test(
        "documents validate",
        arguments: [
            (
                "lookup",
                [
                    "lookup", "Chief Statistician", "Census Senior Responsible Owner", "Head of Defence Statistics",
                    "No Such Role",
                ]
            ),
            ("verify", ["verify", "\(examples)/access-list.txt", "--recipients", "\(examples)/recipients.txt"]),
            ("report", ["report", "\(examples)/access-list.txt"]),
        ]
    )
    func validate(schema: String, arguments: [String]) throws {
        let result = try CommandRunner.run(arguments + Self.source)
        let document = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-\(UUID()).json").path
        try result.stdout.write(toFile: document, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: document) }
        let schemaPath = CommandRunner.packageRoot.appendingPathComponent("Docs/schema/\(schema).schema.json").path
        let check = Process()
        // The system's Python with Debian's python3-jsonschema (the README's install line), for
        // every user: a Python of one's own may lack the module.
        check.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        check.arguments = [
            "-c",
            "import json, sys, jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))",
            schemaPath, document,
        ]
        let errors = Pipe()
        check.standardError = errors
        try check.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        check.waitUntilExit()
        #expect(check.terminationStatus == 0, "\(schema): \(message)")
    }
}
