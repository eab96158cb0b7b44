/// The items of the lists in an HTML page (an access list saved from a web page): the text of
/// each `<li>` element, tags removed, character references decoded, spaces collapsed, with the
/// line the item starts on.
enum HTMLListItems {
    /// Whether the file starts (after spaces) with `<` and names an HTML element a page starts with.
    static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        let start = String(decoding: bytes.prefix(512), as: UTF8.self).trimmingWhitespace().lowercased()
        return ["<!doctype html", "<html", "<ul", "<ol", "<body", "<!--", "<meta", "<head"].contains {
            start.hasPrefix($0)
        }
    }

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
        var index = 0
        while index < characters.count {
            let character = characters[index]
            guard character == "<" else {
                current?.text.append(character)
                index += 1
                continue
            }
            let close = characters[index...].firstIndex(of: ">") ?? characters.count - 1
            let tag = String(characters[(index + 1)..<max(index + 1, close)]).lowercased()
            let name = tag.prefix { $0.isLetter || $0 == "/" || $0 == "!" }
            switch name {
            case "li":
                if let item = current { items.append((item.line, text(item.text))) }
                current = (lineOf[index], [])
            case "/li", "/ul", "/ol":
                if let item = current { items.append((item.line, text(item.text))) }
                current = nil
            case "br", "p", "/p", "div", "/div":
                current?.text.append(" ")
            default:
                break  // other tags (<b>, <a href>, <span>) and comments add nothing
            }
            index = close + 1
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

/// HTML character references: the named ones a list of titles uses, and numeric ones.
enum CharacterReferences {
    private static let named: [String: Character] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "ndash": "–", "mdash": "—",
        "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“", "bull": "•", "middot": "·", "hellip": "…",
    ]

    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let after = rest[rest.index(after: ampersand)...]
            if let semicolon = after.prefix(10).firstIndex(of: ";"), let character = reference(after[..<semicolon]) {
                result.append(character)
                rest = after[after.index(after: semicolon)...]
            } else {
                result.append("&")
                rest = after
            }
        }
        return result + rest
    }

    private static func reference(_ name: Substring) -> Character? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map(visible)
        }
        if name.hasPrefix("#") { return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map(visible) }
        return named[String(name)]
    }

    /// A control character from a reference becomes U+FFFD: it must not forge an output line.
    private static func visible(_ scalar: Unicode.Scalar) -> Character {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) ? "\u{FFFD}" : Character(scalar)
    }
}
