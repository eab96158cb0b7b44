import Foundation
import Testing

/// Output and state files on a disk that is full, read-only or over the file-size limit: exit 2
/// naming the file, the previous files byte-identical, no temporary file left behind.
@Suite("rolecall on a failing disk", .serialized)
struct FileFaultTests {
    private static let list = CommandRunner.packageRoot.appendingPathComponent("Docs/examples/access-list.txt").path
    private static let source = ["--ldif", CommandRunner.example, "--as-of", "2026-11-25", "--format", "json"]
    private static let previous = "{\"previous\": true}\n"

    /// A small tmpfs (root only; nil elsewhere), unmounted and removed by `release`.
    private static func mountTmpfs(kilobytes: Int) -> String? {
        guard geteuid() == 0 else { return nil }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-fs-\(UUID())").path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return shell("mount -t tmpfs -o size=\(kilobytes)k tmpfs '\(directory)'") == 0 ? directory : nil
    }

    private static func release(_ directory: String) {
        _ = shell("umount '\(directory)'")
        try? FileManager.default.removeItem(atPath: directory)
    }

    @discardableResult
    private static func shell(_ command: String) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// The output and state a previous run left in `directory`.
    private static func writePreviousFiles(in directory: String) throws {
        for name in ["report.json", "state.json"] {
            try previous.write(toFile: directory + "/" + name, atomically: false, encoding: .utf8)
        }
    }

    /// Runs a report writing `--output` and `--state` into `directory`, whose old files must survive.
    private func expectRefusedWrite(in directory: String, shell script: String? = nil) throws {
        let output = directory + "/report.json"
        let state = directory + "/state.json"
        let before = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        let arguments = ["report", Self.list, "--output", output, "--state", state] + Self.source
        let result =
            if let script {
                try CommandRunner.run(
                    ["-c", script, CommandRunner.binary.path] + arguments,
                    executable: URL(fileURLWithPath: "/bin/sh")
                )
            } else {
                try CommandRunner.run(arguments)
            }
        #expect(result.status == 2)
        #expect(result.stderr.contains(output) || result.stderr.contains(state), "\(result.stderr)")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == Self.previous)
        #expect(try String(contentsOfFile: state, encoding: .utf8) == Self.previous)
        let after = try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasSuffix(".lock") }
        #expect(after.sorted() == before, "no temporary file is left behind")
    }

    @Test(
        "a full disk: exit 2, the old output and state unchanged",
        .enabled(if: geteuid() == 0, "mounting a small tmpfs needs root")
    )
    func diskFull() throws {
        let directory = try #require(Self.mountTmpfs(kilobytes: 64), "mount a tmpfs (root)")
        defer { Self.release(directory) }
        try Self.writePreviousFiles(in: directory)
        // Fill what is left.
        Self.shell("dd if=/dev/zero of='\(directory)/filler' bs=1k count=1024")
        try expectRefusedWrite(in: directory)
    }

    @Test("a read-only folder: exit 2, the old output and state unchanged")
    func readOnly() throws {
        if let directory = Self.mountTmpfs(kilobytes: 64) {
            defer { Self.release(directory) }
            try Self.writePreviousFiles(in: directory)
            #expect(Self.shell("mount -o remount,ro '\(directory)'") == 0)
            try expectRefusedWrite(in: directory)
        } else {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-ro-\(UUID())").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            try Self.writePreviousFiles(in: directory)
            chmod(directory, 0o500)
            defer { chmod(directory, 0o700) }
            try expectRefusedWrite(in: directory)
        }
    }

    @Test(
        "over the file-size limit (SIGXFSZ ignored): exit 2, the old output and state unchanged",
        .disabled(
            if: ProcessInfo.processInfo.environment["ROLECALL_SANITIZED"] == "thread",
            "ThreadSanitizer's own runtime faults under a file-size limit"
        )
    )
    func fileSizeLimit() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-fsize-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.writePreviousFiles(in: directory)
        // 1 KiB: the old files fit, a report does not.
        try expectRefusedWrite(in: directory, shell: "trap '' XFSZ; ulimit -f 2; exec \"$0\" \"$@\"")
    }
}
