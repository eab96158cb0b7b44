import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A headless Chromium driven through chromedriver's WebDriver protocol (W3C), for one test: a
/// person's clicks and typing on the real page. chromedriver listens on loopback only, and the
/// browser resolves no host name and makes no background requests: it talks to the test's server.
final class WebDriver {
    private let driver = Process()
    private let http: LoopbackHTTP
    private let session: String
    private let profile: String

    /// Starts chromedriver on a free port and opens a browser window of the given size (CSS pixels).
    /// - Parameters:
    ///   - width: The window's width.
    ///   - height: The window's height.
    ///   - negotiateWith: Hosts the browser may sign in to by Kerberos (HTTP Negotiate), as an
    ///     intranet's policy allows; empty for none.
    ///   - environment: Variables added to the browser's environment (`KRB5_CONFIG`, `KRB5CCNAME`).
    init(
        width: Int = 1000,
        height: Int = 1300,
        negotiateWith hosts: [String] = [],
        environment: [String: String] = [:]
    ) throws {
        let output = Pipe()
        // Line-buffered (stdbuf execs chromedriver itself), so the line naming its port arrives now.
        driver.executableURL = URL(fileURLWithPath: "/usr/bin/stdbuf")
        driver.arguments = ["-oL", "/usr/bin/chromedriver", "--port=0", "--log-path=/dev/null"]
        driver.standardOutput = output
        driver.standardError = FileHandle.nullDevice
        if !environment.isEmpty {
            driver.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        try driver.run()
        // A driver that hangs fails the test instead of stopping the run; minutes, never a speed judgement.
        let watchdog = DispatchWorkItem { [driver] in if driver.isRunning { kill(driver.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 300, execute: watchdog)
        var text = ""
        var port: UInt16?
        while port == nil {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
            if let line = text.range(of: #"successfully on port \d+"#, options: .regularExpression) {
                port = UInt16(text[line].split(separator: " ").last ?? "")
            }
        }
        watchdog.cancel()
        guard let port else {
            kill(driver.processIdentifier, SIGKILL)
            throw ServeFailure(message: "chromedriver did not start: \(text)")
        }
        http = LoopbackHTTP(port: port)
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID())").path
        var arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-pings",
            "--disable-default-apps", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
            // Every host name but localhost (which Chromium answers itself) fails to resolve: the page
            // is on 127.0.0.1 and nothing else is asked.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
            "--user-data-dir=\(profile)", "--window-size=\(width),\(height)",
        ]
        if !hosts.isEmpty {
            // The service is named by the URL's host as written: no DNS lookup of its canonical name.
            arguments += [
                "--auth-server-allowlist=\(hosts.joined(separator: ","))", "--disable-auth-negotiate-cname-lookup",
            ]
        }
        let capabilities: [String: Any] = [
            "capabilities": [
                "alwaysMatch": [
                    "browserName": "chrome",
                    "goog:chromeOptions": ["binary": "/usr/bin/chromium", "args": arguments],
                    "timeouts": ["script": 120_000, "pageLoad": 120_000, "implicit": 0],
                ]
            ]
        ]
        do {
            let value = try Self.call(http, "POST", "/session", capabilities)
            guard let id = (value as? [String: Any])?["sessionId"] as? String else {
                throw ServeFailure(message: "chromedriver opened no session: \(String(describing: value))")
            }
            session = id
            // Headless Chromium keeps a window at least 500 px wide: a phone's width is emulated.
            try command(
                "POST",
                "goog/cdp/execute",
                [
                    "cmd": "Emulation.setDeviceMetricsOverride",
                    "params": ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600],
                ]
            )
        } catch {
            kill(driver.processIdentifier, SIGKILL)
            throw error
        }
    }

    deinit {
        _ = try? Self.call(http, "DELETE", "/session/\(session)", nil)
        // chromedriver does not stop on SIGTERM; with its session (and browser) closed, nothing is lost.
        kill(driver.processIdentifier, SIGKILL)
        driver.waitUntilExit()
        try? FileManager.default.removeItem(atPath: profile)
    }

    /// Opens an address and waits for the page to load.
    func open(_ url: String) throws {
        try command("POST", "url", ["url": url])
    }

    /// Types into the field the CSS selector names (a file input takes a file's path).
    func type(_ text: String, into selector: String) throws {
        try command("POST", "element/\(element(selector))/value", ["text": text])
    }

    /// Clicks what the CSS selector names.
    func click(_ selector: String) throws {
        try command("POST", "element/\(element(selector))/click", [:])
    }

    /// Clicks a form's button and waits until the page it leads to has loaded: a click returns
    /// once the browser started to navigate, not when the answer arrived. Minutes at most.
    func submit(_ selector: String) throws {
        _ = try run("window.rolecallPageBefore = true")
        try click(selector)
        for _ in 0..<6_000 {
            let loaded = try? run(
                "return document.readyState === 'complete' && window.rolecallPageBefore === undefined"
            )
            if loaded as? Bool == true { return }
            usleep(50_000)
        }
        throw ServeFailure(message: "no page came after clicking \(selector)")
    }

    /// The text the person sees in what the CSS selector names.
    func text(_ selector: String) throws -> String {
        try command("GET", "element/\(element(selector))/text", nil) as? String ?? ""
    }

    /// The page's title.
    func title() throws -> String {
        try command("GET", "title", nil) as? String ?? ""
    }

    /// Runs a script in the page and returns its value.
    func run(_ script: String) throws -> Any? {
        try command("POST", "execute/sync", ["script": script, "args": []])
    }

    /// The page as a PNG.
    func screenshot() throws -> Data {
        Data(base64Encoded: try command("GET", "screenshot", nil) as? String ?? "") ?? Data()
    }

    /// axe-core's WCAG 2.2 A and AA violations on the page, one line each (rule, help, the
    /// elements' selectors); none is the answer a page must give.
    func accessibilityViolations(axe: String) throws -> [String] {
        _ = try run(axe + "\n;return typeof axe;")
        let script = """
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
                .then(result => done(result.violations.map(v =>
                    v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                .catch(error => done(['axe did not run: ' + error]));
            """
        let value = try command("POST", "execute/async", ["script": script, "args": []])
        return try #require(value as? [String], "axe answered \(String(describing: value))")
    }

    // MARK: protocol

    private func element(_ selector: String) throws -> String {
        let value = try command("POST", "element", ["using": "css selector", "value": selector])
        guard let found = value as? [String: Any], let id = found.values.first as? String else {
            throw ServeFailure(message: "no element \(selector)")
        }
        return id
    }

    @discardableResult
    private func command(_ method: String, _ path: String, _ body: [String: Any]?) throws -> Any? {
        try Self.call(http, method, "/session/\(session)/\(path)", body)
    }

    /// One WebDriver command; an error answer throws with the driver's message.
    private static func call(
        _ http: LoopbackHTTP,
        _ method: String,
        _ path: String,
        _ body: [String: Any]?
    ) throws
        -> Any?
    {
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data()
        let answer = try http.exchange(
            method: method,
            path: path,
            headers: body == nil ? [] : [("Content-Type", "application/json; charset=utf-8")],
            body: data
        )
        let document = try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]
        let value = document?["value"]
        guard answer.status == 200 else {
            let error = value as? [String: Any]
            throw ServeFailure(
                message:
                    "WebDriver \(method) \(path): \(answer.status) \(error?["error"] ?? "") \(error?["message"] ?? "")"
            )
        }
        return value is NSNull ? nil : value
    }
}
