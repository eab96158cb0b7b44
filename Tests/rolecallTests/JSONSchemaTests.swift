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

    @Test(
        "documents with group members, unreadable groups and merged sources validate",
        arguments: ["verify", "lookup"]
    )
    func groupsAndSources(schema: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
        dn: cn=Hidden,o=Lists
        objectClass: group
        mail: hidden@lists.example

        dn: cn=Outer,o=Lists
        objectClass: groupOfNames
        mail: outer@lists.example
        member: cn=Hidden,o=Lists
        member: uid=asmith,ou=People,dc=dda,dc=example

        dn: cn=Ann Smith,o=Lists
        mail: asmith@dda.example
        title: Head of Defence Statistics

        """.write(toFile: folder + "/lists.ldif", atomically: true, encoding: .utf8)
        try "outer@lists.example\nPress Office <press-office@dda.example>\n"
            .write(toFile: folder + "/recipients.txt", atomically: true, encoding: .utf8)
        let command =
            schema == "verify"
            ? ["verify", "\(Self.examples)/access-list.txt", "--recipients", folder + "/recipients.txt"]
            : ["lookup", "Head of Defence Statistics", "Chief Press Officer"]
        let output = try CommandRunner.run(command + ["--ldif", folder + "/lists.ldif"] + Self.source).stdout
        #expect(output.contains(schema == "verify" ? "groupWithoutMembers" : "\"source\""))
        try validate(schema: schema, arguments: command + ["--ldif", folder + "/lists.ldif"])
    }
}
