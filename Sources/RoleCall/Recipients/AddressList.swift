import Directory
import Foundation

/// Addresses as mail clients copy them (RFC 5322 address lists, leniently): bare addresses,
/// `Name <address>`, `"Last, First" <address>`, `mailto:` links, groups (`Team: a@x, b@x;`),
/// several on a line separated by `,` or `;` — and the uids and DNs RoleCall accepts besides.
enum AddressList {
    /// The recipients in one line (or one unfolded header value).
    /// - Parameters:
    ///   - text: The line.
    ///   - line: Its line number.
    ///   - column: The column of its first character (1 for a line, after the field name for a header).
    ///   - source: The file, for errors.
    /// - Throws: ``RoleCallError`` ``RoleCallError/Problem-swift.enum/unparsableRecipient(path:line:column:text:_:)``
    ///   at the piece that is not a recipient.
    /// - Returns: The recipients, in order.
    static func recipients(
        in text: String,
        line: Int,
        column: Int = 1,
        source: String
    ) throws(RoleCallError) -> [Recipient] {
        let characters = Array(text)
        // A DN names one entry and is full of commas (and may hold an `@`): a line that is a DN is
        // one recipient, and so is each `;`-separated part that is one. A line with `=` and neither
        // `@` nor `<` is read whole too, as the DN it tries to be (a wrong one names nobody).
        if let dn = wholeDN(characters[...], column: column, line: line, strict: false) { return [dn] }
        var recipients: [Recipient] = []
        for segment in try split(characters, at: [";"], line: line, column: column, source: source) {
            if let dn = wholeDN(segment.text[...], column: column + segment.start, line: line, strict: true) {
                recipients.append(dn)
                continue
            }
            let parts = try split(segment.text, at: [","], line: line, column: column + segment.start, source: source)
                .map { Piece(text: $0.text, start: $0.start + segment.start) }
            for piece in mergingNameFragments(parts) {
                if let recipient = try recipient(piece, line: line, column: column, source: source) {
                    recipients.append(recipient)
                }
            }
        }
        return recipients
    }

    /// The recipient a text names when it is one DN ("uid=x,ou=People,dc=example"), if it is.
    /// `strict`: only a valid DN; otherwise also text with `=` and neither `@` nor `<`.
    private static func wholeDN(
        _ text: ArraySlice<Character>,
        column: Int,
        line: Int,
        strict: Bool
    ) -> Recipient? {
        let trimmed = VisibleText.of(String(text).trimmingWhitespace())
        guard trimmed.contains("="), !trimmed.contains("<"),
            DistinguishedName.isValid(trimmed) || (!strict && !trimmed.contains("@"))
        else { return nil }
        let leading = text.prefix(while: \.isWhitespace).count
        return Recipient(written: trimmed, address: trimmed, line: line, column: column + leading)
    }

    /// Outlook copies "Smith, Ann <asmith@x>" without quotes: within one `;`-separated part, a name
    /// fragment (no `@`, no `<`) directly before a "Name <address>" piece belongs to it — once.
    private static func mergingNameFragments(_ parts: [Piece]) -> [Piece] {
        var merged: [Piece] = []
        var index = 0
        while index < parts.count {
            let piece = parts[index]
            if index + 1 < parts.count, !piece.hasAddressSign, parts[index + 1].hasAngleAddress,
                !parts[index + 1].startsWithAngle
            {
                merged.append(Piece(text: piece.text + [","] + parts[index + 1].text, start: piece.start))
                index += 2
            } else {
                merged.append(piece)
                index += 1
            }
        }
        return merged
    }

    /// A piece of a line between separators, and where it starts in the line.
    struct Piece {
        var text: [Character]
        /// Offset of its first character in the line.
        var start: Int

        var hasAddressSign: Bool { text.contains("@") || text.contains("<") }
        var hasAngleAddress: Bool { text.contains("<") }
        var startsWithAngle: Bool { text.first(where: { !$0.isWhitespace }) == "<" }
    }

    /// Splits at `separators` outside quotes, angle brackets and comments; drops group names
    /// ("Team:") and reports what is left open.
    private static func split(
        _ characters: [Character],
        at separators: Set<Character>,
        line: Int,
        column: Int,
        source: String
    ) throws(RoleCallError) -> [Piece] {
        var pieces: [Piece] = []
        var current = Piece(text: [], start: 0)
        var quoteStart: Int?
        var angleStart: Int?
        var commentStarts: [Int] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            defer { index += 1 }
            if quoteStart != nil {
                current.text.append(character)
                if character == "\\", index + 1 < characters.count {
                    index += 1
                    current.text.append(characters[index])
                } else if character == "\"" {
                    quoteStart = nil
                }
                continue
            }
            if !commentStarts.isEmpty {
                current.text.append(character)
                if character == "(" { commentStarts.append(index) }
                if character == ")" { commentStarts.removeLast() }
                continue
            }
            switch character {
            case "\"" where angleStart == nil:
                quoteStart = index
            case "(" where angleStart == nil:
                commentStarts.append(index)
            case "<" where angleStart == nil:
                angleStart = index
            case ">" where angleStart != nil:
                angleStart = nil
            case _ where angleStart == nil && separators.contains(character):
                pieces.append(current)
                current = Piece(text: [], start: index + 1)
                continue
            case ":" where angleStart == nil && isGroupName(current.text):
                // "Team: a@x, b@x;": the group's name is not a recipient.
                current = Piece(text: [], start: index + 1)
                continue
            default:
                break
            }
            current.text.append(character)
        }
        if let start = quoteStart ?? angleStart ?? commentStarts.first {
            let problem: RecipientProblem =
                start == quoteStart ? .unclosedQuote : start == angleStart ? .unclosedAngleBracket : .unclosedComment
            throw unparsable(characters, at: start, problem, line: line, column: column, source: source)
        }
        pieces.append(current)
        return pieces
    }

    /// Whether text before a `:` names a group (not `mailto`, not an address).
    private static func isGroupName(_ text: [Character]) -> Bool {
        // A group's name is short; a long run of text before a colon is not one (and checking it at
        // every colon of a hostile line would cost the square of its length).
        guard text.count <= 200 else { return false }
        let name = String(text).trimmingWhitespace()
        return !name.isEmpty && !text.contains("@") && name.lowercased() != "mailto"
    }

    private static func recipient(
        _ piece: Piece,
        line: Int,
        column: Int,
        source: String
    ) throws(RoleCallError) -> Recipient? {
        let written = VisibleText.of(EncodedWords.decode(String(piece.text).trimmingWhitespace()))
        guard !written.isEmpty else { return nil }
        let at = piece.start + leadingSpaces(piece.text)
        let text = withoutComments(piece.text)
        let fail = { (problem: RecipientProblem, offset: Int) -> RoleCallError in
            unparsable(piece.text, at: offset, problem, line: line, column: column + piece.start, source: source)
        }
        var address: String
        if let open = text.firstIndex(of: "<") {
            guard let close = text[open...].firstIndex(of: ">") else { throw fail(.unclosedAngleBracket, open) }
            guard text[(close + 1)...].allSatisfy(\.isWhitespace) else { throw fail(.textAfterAddress, close + 1) }
            address = withoutMailto(String(text[(open + 1)..<close]).trimmingWhitespace())
        } else {
            let bare = String(text).trimmingWhitespace()
            address = withoutMailto(bare)
            if address.contains(where: \.isWhitespace) {
                throw fail(address.contains("@") ? .notAnAddress : .nameWithoutAddress, leadingSpaces(piece.text))
            }
        }
        guard !address.isEmpty else { throw fail(.emptyAddress, leadingSpaces(piece.text)) }
        // One address has no spaces, tabs or line breaks in it, wherever it was written.
        guard !address.contains(where: \.isWhitespace) else { throw fail(.notAnAddress, leadingSpaces(piece.text)) }
        if address.contains("@") {
            let parts = address.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !address.contains(where: \.isWhitespace)
            else { throw fail(.notAnAddress, leadingSpaces(piece.text)) }
        }
        return Recipient(written: written, address: address, line: line, column: column + at)
    }

    /// `mailto:a@x?subject=…` → `a@x` (percent-escapes decoded).
    private static func withoutMailto(_ text: String) -> String {
        guard text.lowercased().hasPrefix("mailto:") else { return text }
        let rest = text.dropFirst("mailto:".count).prefix { $0 != "?" }
        return VisibleText.of(String(rest).removingPercentEncoding ?? String(rest))
    }

    /// The text with `(comments)` outside quotes replaced by spaces (offsets kept).
    private static func withoutComments(_ text: [Character]) -> [Character] {
        var result: [Character] = []
        var depth = 0
        var quoted = false
        var escaped = false
        for character in text {
            if escaped {
                escaped = false
            } else if quoted {
                if character == "\\" { escaped = true } else if character == "\"" { quoted = false }
            } else if character == "\"" && depth == 0 {
                quoted = true
            } else if character == "(" {
                depth += 1
            } else if character == ")" && depth > 0 {
                depth -= 1
                result.append(" ")
                continue
            }
            result.append(depth > 0 ? " " : character)
        }
        return result
    }

    private static func leadingSpaces(_ text: [Character]) -> Int { text.prefix(while: \.isWhitespace).count }

    private static func unparsable(
        _ text: [Character],
        at offset: Int,
        _ problem: RecipientProblem,
        line: Int,
        column: Int,
        source: String
    ) -> RoleCallError {
        RoleCallError(
            .unparsableRecipient(
                path: source,
                line: line,
                column: column + offset,
                text: String(text).trimmingWhitespace(),
                problem
            )
        )
    }
}
