/// Directory values made safe to print: anything in a directory is input from strangers, and a
/// `cn` holding a newline must not forge a holder line, nor an escape sequence reach a terminal.
public enum SafeText {
    /// `text` with control characters, line and paragraph separators and bidirectional overrides
    /// written as visible escapes (`\n`, `\u{1B}`); everything else unchanged.
    public static func shown(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where needsEscape(scalar): result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// ``shown(_:)``, then each scalar found in `replacements` (a markup's special characters)
    /// written as its replacement. Scalars, not characters: a `"` followed by a combining mark is one
    /// Swift character, yet a browser still ends an attribute at the `"`.
    public static func shown(_ text: String, replacing replacements: [Unicode.Scalar: String]) -> String {
        var result = ""
        for scalar in shown(text).unicodeScalars {
            if let replacement = replacements[scalar] {
                result += replacement
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A CSV cell a spreadsheet will not run as a formula: one starting with `=`, `+`, `-`, `@`, a tab
    /// or a carriage return gets a leading `'` (OWASP's advice), which spreadsheets show as text.
    public static func csvCell(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true  // C0 and C1 controls, DEL
        case 0x2028, 0x2029: true  // line and paragraph separators
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true  // bidirectional controls
        default: false
        }
    }
}
