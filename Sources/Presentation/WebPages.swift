public import Foundation
public import RoleCall

/// The pages of `rolecall serve`, worded as the command line's HTML output is: the same answers,
/// plus the forms that ask for them. Pages load nothing but `/style.css` and run no script; every
/// directory value is escaped.
public enum WebPages {
    /// The stylesheet the pages link to (the mail documents' CSS, plus the forms'; long mail
    /// addresses, DNs and file paths wrap, so that a page fits a phone's width without scrolling sideways).
    public static let stylesheet =
        HTMLOutput.stylesheet + """
            label { display: block; font-weight: bold; margin-top: 0.8em; }
            input[type=text], textarea, select { font: inherit; width: 100%; max-width: 40em; box-sizing: border-box; }
            textarea { min-height: 6em; }
            button { font: inherit; margin-top: 0.8em; padding: 0.3em 1em; }
            nav a { margin-right: 1em; }
            :focus { outline: 3px solid #fd0; }
            p, li, td { overflow-wrap: anywhere; }

            """

    /// What every page shows about the data: its source and how old it is.
    public struct Context: Sendable {
        /// Where the directory came from.
        public var origin: DirectorySnapshot.Origin?
        /// The instant the data reflects.
        public var reflects: Date
        /// The instant account state is evaluated at.
        public var asOf: Date

        /// Creates a context.
        public init(origin: DirectorySnapshot.Origin?, reflects: Date, asOf: Date) {
            self.origin = origin
            self.reflects = reflects
            self.asOf = asOf
        }
    }

    /// The start page: the role search, the recipient check and the configured lists' reports.
    /// - Parameters:
    ///   - lists: Names of the configured access lists.
    ///   - token: The form token the recipient check must send back.
    ///   - asksForRelease: Whether the check asks which release it is for (checks are kept as evidence).
    ///   - context: The data's source and age.
    /// - Returns: The page.
    public static func home(lists: [String], token: String, asksForRelease: Bool, context: Context) -> String {
        var body = "<h1>RoleCall</h1>\n" + header(context)
        body += "<h2>Who holds this role?</h2>\n" + lookupForm(title: "")
        body += verifyForm(lists: lists, token: token, asksForRelease: asksForRelease)
        if !lists.isEmpty {
            body += "<h2>Stale-role reports</h2>\n<ul>\n"
            for name in lists {
                body += "<li><a href=\"/report?listName=\(query(name))\">\(HTMLOutput.escape(name))</a></li>\n"
            }
            body += "</ul>\n"
        }
        return page(title: "RoleCall", body: body)
    }

    /// The answer to "who holds this role?", with the search form again.
    public static func lookup(_ results: [LookupResult], query: String, context: Context) -> String {
        let body =
            "<h1>Who holds this role?</h1>\n" + header(context) + lookupForm(title: query)
            + HTMLOutput.lookupBody(results)
        return page(title: "\(query) — RoleCall", body: body)
    }

    /// The verdicts of a recipient check.
    public static func verify(_ check: RecipientCheck, listName: String?, context: Context) -> String {
        let list = listName.map { " against \u{201C}\(HTMLOutput.escape($0))\u{201D}" } ?? ""
        let body =
            "<h1>May this release be sent?</h1>\n" + header(context) + "<p>Recipients checked\(list).</p>\n"
            + HTMLOutput.verifyBody(check) + "<p><a href=\"/\">Check other recipients</a></p>\n"
        return page(title: "Recipient check — RoleCall", body: body)
    }

    /// The stale-role report of a configured list.
    public static func report(_ report: StaleRoleReport, listName: String, context: Context) -> String {
        let body =
            "<h1>Stale-role report: \(HTMLOutput.escape(listName))</h1>\n" + header(context)
            + HTMLOutput.reportBody(report)
        return page(title: "\(listName) — RoleCall", body: body)
    }

    /// A page saying what was wrong with the request and what to do.
    public static func problem(_ message: String) -> String {
        let body =
            "<h1>That did not work</h1>\n"
            + "<p class=\"error\"><strong>\(HTMLOutput.escape(message))</strong></p>\n<p><a href=\"/\">Start again</a></p>\n"
        return page(title: "Problem — RoleCall", body: body)
    }

    // MARK: parts

    private static func header(_ context: Context) -> String {
        var text = "<nav><a href=\"/\">Start</a></nav>\n"
        text += HTMLOutput.context(origin: context.origin, asOf: context.asOf)
        text += "<p class=\"context\">The data reflects the directory as of "
        text += "\(HTMLOutput.escape(JSONDocuments.instant(context.reflects))).</p>\n"
        return text
    }

    private static func lookupForm(title: String) -> String {
        """
        <form method="get" action="/lookup">
        <label for="title">Role title, exactly as on the access list</label>
        <input type="text" id="title" name="title" value="\(HTMLOutput.escape(title))" required>
        <button type="submit">Look up</button>
        </form>

        """
    }

    private static func verifyForm(lists: [String], token: String, asksForRelease: Bool) -> String {
        var form = """
            <h2>Check recipients before sending</h2>
            <form method="post" action="/verify" enctype="multipart/form-data">
            <input type="hidden" name="token" value="\(HTMLOutput.escape(token))">

            """
        if asksForRelease {
            form += """
                <label for="release">The release (kept with the check as evidence)</label>
                <input type="text" id="release" name="release" required>

                """
        }
        if !lists.isEmpty {
            form += "<label for=\"listName\">Access list</label>\n<select id=\"listName\" name=\"listName\">\n"
            form += "<option value=\"\">(the list pasted below)</option>\n"
            for name in lists {
                form += "<option value=\"\(HTMLOutput.escape(name))\">\(HTMLOutput.escape(name))</option>\n"
            }
            form += "</select>\n"
        }
        form += """
            <label for="list">\(lists.isEmpty ? "Access list" : "Or paste an access list"): one role a line</label>
            <textarea id="list" name="list"></textarea>
            <label for="recipients">Recipients, as copied from Outlook (or a saved message's headers)</label>
            <textarea id="recipients" name="recipients"></textarea>
            <label for="message">Or the saved draft (.eml, or Outlook's .msg)</label>
            <input type="file" id="message" name="message" accept=".eml,.msg,message/rfc822,application/vnd.ms-outlook">
            <button type="submit">Check recipients</button>
            </form>

            """
        return form
    }

    private static func page(title: String, body: String) -> String {
        HTMLOutput.document(
            title: title,
            head: "<link rel=\"stylesheet\" href=\"/style.css\">",
            body: "<main>\n\(body)</main>\n"
        )
    }

    /// A value for a URL query.
    private static func query(_ value: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
