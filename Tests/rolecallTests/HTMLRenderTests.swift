import Foundation
import Testing

/// The HTML report rendered by a real browser (Debian's headless Chromium, installed by
/// `Scripts/setup.sh`): the printed page names every finding, and the document loads nothing.
@Suite("HTML output renders in a browser", .serialized)
struct HTMLRenderTests {
    static let examples = CommandRunner.packageRoot.appendingPathComponent("Docs/examples").path
    static let source = ["--ldif", CommandRunner.example, "--as-of", "2026-11-25"]

    /// The page's text as Chromium prints it to PDF, whitespace folded.
    private func renderedText(of html: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-html-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try html.write(toFile: folder + "/page.html", atomically: true, encoding: .utf8)
        try run(
            "/usr/bin/chromium",
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-pings", "--user-data-dir=\(folder)/profile",
                "--no-pdf-header-footer", "--print-to-pdf=\(folder)/page.pdf", "file://\(folder)/page.html",
            ]
        )
        try run("/usr/bin/pdftotext", ["-enc", "UTF-8", folder + "/page.pdf", folder + "/page.txt"])
        return fold(try String(contentsOfFile: folder + "/page.txt", encoding: .utf8))
    }

    private func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        #expect(
            FileManager.default.isExecutableFile(atPath: executable),
            "\(executable) is missing: run Scripts/setup.sh (it installs chromium and poppler-utils)"
        )
        try process.run()
        // A browser that hangs fails the test instead of stopping the run; minutes, never a speed judgement.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 300, execute: watchdog)
        process.waitUntilExit()
        watchdog.cancel()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(executable) failed")
    }

    private func fold(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try CommandRunner.run(arguments + Self.source + ["--format", "json"])
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test("the report: every finding's message and severity appear on the printed page; nothing is loaded")
    func report() throws {
        let arguments = ["report", "\(Self.examples)/access-list.txt"]
        let html = try CommandRunner.run(arguments + Self.source + ["--format", "html"]).stdout
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"))
        for forbidden in ["<script", "src=", "href=", "http://", "https://", "@import", "url("] {
            #expect(!html.contains(forbidden), "the document must be self-contained: \(forbidden)")
        }
        let text = try renderedText(of: html)
        let findings = try #require(try json(arguments)["findings"] as? [[String: Any]])
        #expect(findings.count == 25)
        for finding in findings {
            let message = try #require(finding["message"] as? String)
            #expect(text.contains(fold(message)), "not on the page: \(message)")
        }
        #expect(text.contains("Errors (4)") && text.contains("Warnings (9)") && text.contains("For information (12)"))
        #expect(text.components(separatedBy: "ERROR ").count - 1 == 4, "the severity is written out, not only coloured")
    }

    @Test("verify and lookup: every recipient and verdict, every title and status")
    func verifyAndLookup() throws {
        let verify = try CommandRunner.run(
            ["verify", "\(Self.examples)/access-list.txt", "--recipients", "\(Self.examples)/recipients.txt"]
                + Self.source + ["--format", "html"]
        )
        let verdicts = try renderedText(of: verify.stdout)
        #expect(verdicts.contains("No: 3 of 9 recipients must not receive this."))
        for recipient in try String(contentsOfFile: "\(Self.examples)/recipients.txt", encoding: .utf8)
            .split(separator: "\n") where !recipient.hasPrefix("#")
        {
            #expect(verdicts.contains(String(recipient)), "\(recipient)")
        }
        #expect(verdicts.contains("UNAUTHORISED") && verdicts.contains("UNKNOWN"))
        let lookup = try CommandRunner.run(
            ["lookup", "Chief Statistician", "No Such Role"] + Self.source + ["--format", "html"]
        )
        let page = try renderedText(of: lookup.stdout)
        #expect(page.contains("Resolved: 1 active holder") && page.contains("Victor Allen"))
        #expect(page.contains("NOT FOUND: no entry has this title"))
    }
}
