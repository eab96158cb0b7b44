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

    static func run(
        _ arguments: [String],
        stdin: String? = nil,
        environment: [String: String] = [:],
        timeLimit: Double = 120,
        executable: URL? = nil
    ) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // A hang fails the test instead of stalling the suite.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        // Sanitized builds run several times slower.
        let limit = ProcessInfo.processInfo.environment["ROLECALL_SANITIZED"] == nil ? timeLimit : timeLimit * 6
        DispatchQueue.global().asyncAfter(deadline: .now() + limit, execute: watchdog)
        defer { watchdog.cancel() }
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationReason == .uncaughtSignal, process.terminationStatus == SIGTERM {
            Issue.record("rolecall \(arguments.prefix(2).joined(separator: " ")) ran past its time limit and was stopped")
        }
        return CommandResult(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self)
        )
    }
}
