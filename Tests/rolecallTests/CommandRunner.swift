import Foundation
import Testing

/// Runs the built `rolecall` binary and captures stdout, stderr and the exit status apart.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CommandRunner {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let example = packageRoot.appendingPathComponent("Docs/examples/department.ldif").path

    /// The `rolecall` built next to this test bundle.
    static let binary: URL = {
        if let override = ProcessInfo.processInfo.environment["ROLECALL_BINARY"] {
            return URL(fileURLWithPath: override)
        }
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("rolecall")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/rolecall")
    }()

    /// Runs `rolecall` and returns what it wrote to each stream and its exit status.
    ///
    /// Standard output, standard error and standard input are served at the same time, so a child
    /// that fills one pipe before it touches the others never stalls. `hangLimit` only stops a
    /// run that hangs (it fails the test); it is minutes, never a judgement of speed.
    static func run(
        _ arguments: [String],
        stdin: String? = nil,
        environment: [String: String] = [:],
        hangLimit: Double = 600,
        executable: URL? = nil
    ) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        // The same answers on every machine: a date alone means midnight UTC unless a test says otherwise.
        process.environment = ProcessInfo.processInfo.environment.merging(["TZ": "UTC"].merging(environment) { $1 }) {
            $1
        }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + hangLimit, execute: watchdog)
        defer { watchdog.cancel() }
        let streams = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        DispatchQueue.global().async(group: streams) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: streams) {
            if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
            try? input.fileHandleForWriting.close()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        streams.wait()
        process.waitUntilExit()
        if process.terminationReason == .uncaughtSignal, process.terminationStatus == SIGTERM {
            Issue.record(
                "rolecall \(arguments.prefix(2).joined(separator: " ")) hung for \(Int(hangLimit)) s and was stopped"
            )
        }
        return CommandResult(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self)
        )
    }
}
