import Foundation

/// Servers started by the scripts in `Tests/ServerScripts`: each script's `run` command starts
/// its server, writes a file of `KEY=value` lines when it is ready, and stops the server and
/// removes every file of it once this test process is gone (it checks twice a second) or on
/// SIGTERM.
enum ServerScript {
    /// The full path of a script in `Tests/ServerScripts`.
    static func path(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ServerScripts/\(name)").path
    }

    /// Runs `script run arguments…` and waits until it has written `ready`.
    /// - Returns: The `KEY=value` lines of `ready` (an `export ` prefix and quotes removed).
    /// - Throws: ``FixtureError`` with the script's output when the server does not start.
    static func start(_ script: String, _ arguments: [String], ready: String) throws(FixtureError) -> [String: String] {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-server-\(UUID()).log").path
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let process = Process()
        // A session of its own: whatever signals this process's group as the test run ends, the
        // script outlives it long enough to stop its server and remove its files.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        process.arguments = [path(script), "run"] + arguments
        process.standardOutput = FileHandle(forWritingAtPath: log)
        process.standardError = FileHandle(forWritingAtPath: log)
        do { try process.run() } catch { throw FixtureError("cannot run \(script): \(error)") }
        running.withLock { processes in
            if processes.isEmpty { atexit { ServerScript.stopAll() } }
            processes.append(process)
        }
        // A bound on a hang only: a busy machine may take a while.
        let deadline = Date().addingTimeInterval(300)
        while !FileManager.default.fileExists(atPath: ready) {
            guard process.isRunning, Date() < deadline else {
                let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                throw FixtureError("\(script) did not start its server: \(output)")
            }
            usleep(50_000)
        }
        try? FileManager.default.removeItem(atPath: log)
        var values: [String: String] = [:]
        let text = (try? String(contentsOfFile: ready, encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") {
            var line = Substring(line)
            if line.hasPrefix("export ") { line = line.dropFirst(7) }
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            values[String(parts[0])] = String(parts[1]).trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
        }
        return values
    }

    private static let running = Locked<[Process]>([])

    /// Tells each script to stop its server when this process ends. It does not wait: waiting for
    /// a child at exit can spin for ever, and the scripts also stop by themselves.
    private static func stopAll() {
        running.withLock { processes in
            for process in processes { kill(process.processIdentifier, SIGTERM) }
        }
    }
}

/// A server started at most once per test process: the first caller starts it, later callers get
/// the same server, or the same failure.
final class StartedOnce<Server: Sendable>: Sendable {
    private let outcome = Locked<Result<Server, FixtureError>?>(nil)

    func get(_ start: () throws(FixtureError) -> Server) throws(FixtureError) -> Server {
        let started = outcome.withLock { result in
            let started = result ?? Result { () throws(FixtureError) -> Server in try start() }
            result = started
            return started
        }
        return try started.get()
    }
}
