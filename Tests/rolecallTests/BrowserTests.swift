import Foundation
import Testing

/// The web page as the publications team meets it: a real Chromium, driven through WebDriver,
/// types a title, pastes Outlook's recipients, uploads a saved draft, and reads the answers; every
/// page passes axe-core's WCAG 2.2 AA rules, at a desktop's width and a phone's.
@Suite("the web page in a real browser", .serialized)
struct BrowserTests {
    static let listName = ServeCommandTests.listName
    /// axe-core's script, as `Scripts/setup.sh` installs it (or where `ROLECALL_AXE_CORE` says).
    static let axePath =
        ProcessInfo.processInfo.environment["ROLECALL_AXE_CORE"] ?? "/usr/local/share/rolecall-tests/axe.min.js"

    /// The example department served with its access list, and a browser of the given width. The
    /// directory is read from a deep path with long names, as a server's might be: the pages show
    /// it, and it must wrap rather than widen the page.
    private func start(width: Int = 1000, height: Int = 1300) throws -> (ServedRoleCall, WebDriver, String) {
        let lists = try ServeCommandTests.listsFolder()
        let deep = lists + "/srv_rolecall_directory_exports/DepartmentOfDefenceStatisticsFullExport"
        try FileManager.default.createDirectory(atPath: deep, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CommandRunner.example, toPath: deep + "/department.ldif")
        let source = ["--ldif", deep + "/department.ldif"] + ServeCommandTests.source.dropFirst(2)
        let server = try ServedRoleCall(source + ["--lists", lists])
        return (server, try WebDriver(width: width, height: height), lists)
    }

    @Test("typing a role title shows its holders, inactive holders and the titles not to confuse it with")
    func lookUpARole() throws {
        let (server, browser, lists) = try start()
        defer { try? FileManager.default.removeItem(atPath: lists) }
        try browser.open(server.url + "/")
        try browser.type("Head of Defence Statistics", into: "#title")
        try browser.submit("form[action='/lookup'] button")
        #expect(try browser.title() == "Head of Defence Statistics — RoleCall")
        let answer = try browser.text("main")
        #expect(answer.contains("Ann Smith"), "\(answer)")
        #expect(answer.contains("no — expired"), "\(answer)")
        #expect(answer.contains("Head of Defence Statistics (Navy) — adds qualifier 'Navy'"), "\(answer)")
        #expect(answer.contains("Deputy Head of Defence Statistics — adds 'Deputy'"), "\(answer)")
        // The search box keeps the title, for the next search.
        #expect(
            try browser.run("return document.getElementById('title').value") as? String == "Head of Defence Statistics"
        )
    }

    @Test("recipients pasted from Outlook, or the saved draft uploaded, get a verdict each and one in all")
    func checkRecipients() throws {
        let (server, browser, lists) = try start()
        defer { try? FileManager.default.removeItem(atPath: lists) }
        let pasted = try String(contentsOfFile: ServeCommandTests.examples + "/pasted.txt", encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
        try browser.open(server.url + "/")
        try browser.click("#listName option[value='\(Self.listName)']")
        try browser.type(pasted, into: "#recipients")
        try browser.submit("form[action='/verify'] button")
        let verdicts = try browser.text("main")
        #expect(verdicts.contains("No: 3 of 9 recipients must not receive this."), "\(verdicts)")
        #expect(verdicts.contains("someone@elsewhere.example"), "\(verdicts)")
        #expect(verdicts.contains("against “\(Self.listName)”"), "\(verdicts)")

        try browser.open(server.url + "/")
        try browser.click("#listName option[value='\(Self.listName)']")
        try browser.type(ServeCommandTests.examples + "/draft.eml", into: "#message")
        try browser.submit("form[action='/verify'] button")
        let uploaded = try browser.text("main")
        #expect(uploaded.contains("No: 3 of 9 recipients must not receive this."), "\(uploaded)")
        #expect(uploaded.contains("Victor Allén") || uploaded.contains("vallen@dda.example"), "\(uploaded)")
    }

    @Test("every page passes axe-core's WCAG 2.2 AA rules and fits a phone's width", arguments: [1000, 360])
    func accessible(width: Int) throws {
        let axe = try String(contentsOfFile: Self.axePath, encoding: .utf8)
        let (server, browser, lists) = try start(width: width, height: width < 600 ? 780 : 1300)
        defer { try? FileManager.default.removeItem(atPath: lists) }
        let list = Self.listName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let pages = [
            "start": "/", "lookup": "/lookup?title=Chief%20Press%20Officer", "report": "/report?listName=\(list)",
            "problem": "/lookup?title=%20",
        ]
        for (name, path) in pages.sorted(by: { $0.key < $1.key }) {
            try browser.open(server.url + path)
            #expect(try browser.run("return window.innerWidth") as? Int == width, "\(name) page's width")
            #expect(try browser.accessibilityViolations(axe: axe) == [], "\(name) page at \(width) px")
            let overflow = try browser.run(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            #expect((overflow as? Int ?? 1) <= 0, "\(name) page scrolls sideways at \(width) px")
        }
        // The recipient check's answer is reached by the form only.
        try browser.open(server.url + "/")
        try browser.click("#listName option[value='\(Self.listName)']")
        try browser.type("asmith@dda.example\nsomeone@elsewhere.example", into: "#recipients")
        try browser.submit("form[action='/verify'] button")
        #expect(try browser.text("main").contains("must not receive this"))
        #expect(try browser.accessibilityViolations(axe: axe) == [], "verify page at \(width) px")
    }
}
