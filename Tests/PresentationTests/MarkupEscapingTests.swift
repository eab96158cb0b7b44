import Foundation
import Testing

@testable import Presentation

/// Directory values in HTML and Markdown are text, whatever Unicode they are written in.
@Suite("Markup escaping")
struct MarkupEscapingTests {
    @Test("a quote or bracket followed by a combining mark is still escaped (a browser ends the attribute there)")
    func combiningMarks() {
        let combining = "\u{301}"
        let hostile = "x\"" + combining + " onfocus=\"alert(1)" + combining + ">" + combining + "<script>"
        let escaped = HTMLOutput.escape(hostile)
        let markup = Set("\"<>".unicodeScalars)
        #expect(!escaped.unicodeScalars.contains { markup.contains($0) })
        let quoted = "&quot;" + combining
        #expect(escaped.contains(quoted))
        let bracket = "&lt;" + combining
        #expect(Table.markdownCell("<" + combining + "b>").hasPrefix(bracket))
    }

    @Test("the web page's title box keeps a hostile query inside its attribute")
    func titleBox() {
        let combining = "\u{301}"
        let page = WebPages.lookup(
            [],
            query: "\"" + combining + " autofocus onfocus=alert(1) x=\"",
            context: .init(origin: nil, reflects: Date(timeIntervalSince1970: 0), asOf: Date(timeIntervalSince1970: 0))
        )
        let broken = "\"" + combining + " autofocus"
        let kept = "value=\"&quot;" + combining + " autofocus onfocus=alert(1) x=&quot;\""
        #expect(!page.contains(broken))
        #expect(page.contains(kept))
    }
}
