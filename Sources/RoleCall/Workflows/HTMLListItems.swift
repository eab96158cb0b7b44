/// The items of the lists in an HTML page (an access list saved from a web page): the text of
/// each `<li>` element, tags removed, character references decoded, spaces collapsed, with the
/// line the item starts on.
enum HTMLListItems {
    /// Whether the file starts (after a byte-order mark and spaces) with an HTML element a page starts with.
    static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        let start = String(decoding: body.prefix(512), as: UTF8.self).trimmingWhitespace().lowercased()
        return ["<!doctype html", "<html", "<ul", "<ol", "<body", "<!--", "<meta", "<head"].contains {
            start.hasPrefix($0)
        }
    }

    /// Elements whose list items are not the page's content: navigation, page furniture, code.
    private static let skipped: Set<String> = ["nav", "header", "footer", "script", "style", "aside", "form"]

    /// The text of every `<li>` outside navigation and page furniture, with the line it starts on;
    /// an item that opens a nested list is a heading, not a role, and is left out.
    static func items(_ lines: [(Int, String)]) -> [(line: Int, text: String)] {
        // One string with the line each character came from.
        var characters: [Character] = []
        var lineOf: [Int] = []
        for (number, line) in lines {
            for character in line + "\n" {
                characters.append(character)
                lineOf.append(number)
            }
        }
        var items: [(line: Int, text: String)] = []
        var current: (line: Int, text: [Character])?
        var skipping: [String] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            guard character == "<" else {
                if skipping.isEmpty { current?.text.append(character) }
                index += 1
                continue
            }
            // A comment ends at "-->", whatever it holds.
            if characters[index...].starts(with: Array("<!--")) {
                index =
                    (index + 4..<max(index + 4, characters.count - 2)).first {
                        characters[$0] == "-" && characters[$0 + 1] == "-" && characters[$0 + 2] == ">"
                    }.map { $0 + 3 } ?? characters.count
                continue
            }
            let close = characters[index...].firstIndex(of: ">") ?? characters.count - 1
            let tag = String(characters[(index + 1)..<max(index + 1, close)]).lowercased()
            let name = String(tag.prefix { $0.isLetter || $0 == "/" })
            index = close + 1
            if skipped.contains(name) {
                skipping.append(name)
                continue
            }
            if name.hasPrefix("/"), skipping.last == String(name.dropFirst()) {
                skipping.removeLast()
                continue
            }
            guard skipping.isEmpty else { continue }
            switch name {
            case "li":
                if let item = current { items.append((item.line, text(item.text))) }
                current = (lineOf[close], [])
            case "/li", "/ul", "/ol":
                if let item = current { items.append((item.line, text(item.text))) }
                current = nil
            case "ul", "ol":
                current = nil  // the item that opens a nested list is its heading
            case "br", "p", "/p", "div", "/div":
                current?.text.append(" ")
            default:
                break  // other tags (<b>, <a href>, <span>) add nothing
            }
        }
        if let item = current { items.append((item.line, text(item.text))) }
        return items.filter { !$0.text.isEmpty }
    }

    /// An item's text: character references decoded, whitespace collapsed.
    private static func text(_ characters: [Character]) -> String {
        let decoded = CharacterReferences.decode(String(characters))
        return decoded.split(whereSeparator: { $0.isWhitespace || $0 == "\u{A0}" }).joined(separator: " ")
    }
}
