import Foundation
import Testing

/// Ctrl-C while the directory is being read: the command stops, says so, exits 130 and writes
/// nothing — even when standard input has stalled mid-export.
@Suite("Interrupting a run")
struct InterruptTests {
    @Test("SIGINT during a read from a stalled standard input: exit 130, no output file")
    func interruptStalledRead() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-int-\(UUID()).txt").path
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = ["lookup", "Officer 3", "--ldif", "-", "--output", output]
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        // More than a pipe holds: once this write returns, rolecall is reading (and handles signals).
        var chunk = ""
        for index in 0..<20_000 { chunk += "dn: uid=u\(index),dc=x\ncn: U\(index)\ntitle: Officer \(index % 97)\n\n" }
        input.fileHandleForWriting.write(Data(chunk.utf8))
        // The export stops here without an end: standard input stays open.
        kill(process.processIdentifier, SIGINT)
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
        process.waitUntilExit()
        watchdog.cancel()
        try? input.fileHandleForWriting.close()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
        #expect(message.contains("cancelled; nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
