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
        // A DN names one entry and is full of commas: a line with `=` and no address is one DN.
        if !characters.contains("@"), !characters.contains("<"), characters.contains("=") {
            let trimmed = text.trimmingWhitespace()
            return [
                Recipient(written: trimmed, address: trimmed, line: line, column: column + leadingSpaces(characters))
            ]
        }
        var pieces = try split(characters, line: line, column: column, source: source)
        // Outlook copies "Smith, Ann <asmith@x>" without quotes: a name fragment before a piece that
        // is itself "Name <address>" belongs to it.
        var merged: [Piece] = []
        for piece in pieces.reversed() {
            if var next = merged.last, !piece.hasAddressSign, next.hasAngleAddress, !next.startsWithAngle {
                next.text = piece.text + next.separator + next.text
                (next.start, next.separator) = (piece.start, piece.separator)
                merged[merged.count - 1] = next
            } else {
                merged.append(piece)
            }
        }
        pieces = merged.reversed()
        var recipients: [Recipient] = []
        for piece in pieces {
            if let recipient = try recipient(piece, line: line, column: column, source: source) {
                recipients.append(recipient)
            }
        }
        return recipients
    }

    /// A piece of a line between separators.
    struct Piece {
        var text: [Character]
        /// Offset of its first character in the line.
        var start: Int
        /// The separator that ended the previous piece, for re-joining a name fragment.
        var separator: [Character] = [","]

        var hasAddressSign: Bool { text.contains("@") || text.contains("<") }
        var hasAngleAddress: Bool { text.contains("<") }
        var startsWithAngle: Bool { text.first(where: { !$0.isWhitespace }) == "<" }
    }

    /// Splits at `,` and `;` outside quotes, angle brackets and comments; drops group names.
    private static func split(
        _ characters: [Character],
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
            case "," where angleStart == nil, ";" where angleStart == nil:
                pieces.append(current)
                current = Piece(text: [], start: index + 1, separator: [character])
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
        let name = String(text).trimmingWhitespace()
        return !name.isEmpty && !text.contains("@") && name.lowercased() != "mailto"
    }

    private static func recipient(
        _ piece: Piece,
        line: Int,
        column: Int,
        source: String
    ) throws(RoleCallError) -> Recipient? {
        let written = EncodedWords.decode(String(piece.text).trimmingWhitespace())
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
        return String(rest).removingPercentEncoding ?? String(rest)
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

extension String {
    /// Without leading and trailing spaces and tabs (and other whitespace).
    func trimmingWhitespace() -> String {
        let characters = Array(self)
        guard let first = characters.firstIndex(where: { !$0.isWhitespace }),
            let last = characters.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(characters[first...last])
    }
}
