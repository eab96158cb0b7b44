import Foundation
import ServerFixtures
import Testing

/// The LDAP client frees every libldap allocation on success and error paths: an
/// AddressSanitizer build of `rolecall` (LeakSanitizer on) reads slapd and must report no leak.
/// `.ci/run` builds that binary and names it in `ROLECALL_ASAN_BINARY`.
@Suite(
    "LeakSanitizer on LDAP reads",
    .serialized,
    .enabled(
        if: ProcessInfo.processInfo.environment["ROLECALL_ASAN_BINARY"] != nil,
        "needs ROLECALL_ASAN_BINARY (see .ci/run)"
    )
)
struct LeakCheckTests {
    @Test(
        "no leaks on success and error paths",
        arguments: [
            ["--page-size", "100", "--base", "dc=big,dc=example", "Head of Statistics 0"],
            ["--base", "dc=dda,dc=example", "Chief Statistician", "Census Senior Responsible Owner"],
            ["--base", "dc=nowhere,dc=example", "X"],
            ["--base", "dc=big,dc=example", "--page-size", "0", "X"],
            ["--base", "dc=dda,dc=example", "--bind-dn", "cn=admin,dc=dda,dc=example", "X"],
            ["--tls", "--base", "dc=dda,dc=example", "Chief Statistician"],
            ["--wrong-ca", "--base", "dc=dda,dc=example", "X"],
        ]
    )
    func noLeaks(arguments: [String]) throws {
        let slapd = try Slapd.shared()
        let binary = ProcessInfo.processInfo.environment["ROLECALL_ASAN_BINARY"] ?? ""
        var source = ["--uri", slapd.ldapURI]
        var rest = arguments
        if rest.first == "--tls" || rest.first == "--wrong-ca" {
            source = ["--uri", slapd.ldapsURI, "--ca-file", rest.first == "--tls" ? slapd.caFile : slapd.wrongCAFile]
            rest.removeFirst()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["lookup"] + source + rest
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["ASAN_OPTIONS": "detect_leaks=1", "ROLECALL_PASSWORD": "wrong"]
        ) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(!stderr.contains("LeakSanitizer"), "\(stderr)")
        #expect(!stderr.contains("AddressSanitizer"), "\(stderr)")
        #expect([0, 1, 3].contains(process.terminationStatus), "exit \(process.terminationStatus): \(stderr)")
    }
}
