import Foundation
import TitleMatching

/// A pre-release access list: the roles allowed to see something, as the list writes them.
///
/// Text: one role per line, `#` comments and blank lines ignored, an optional holder count such
/// as `(x2)`; a list marker as published (`•`, `–`, `-`, `*`, `1.`, `2)`, `(3)`, `a.`, `iv.`) is
/// not part of the role. CSV: a header row with a `role` column. HTML (a list saved from a web
/// page): the text of each `<li>` item.
public struct AccessList: Sendable, Hashable {
    /// One listed role.
    public struct Role: Sendable, Hashable {
        /// The role as written in the list.
        public var title: String
        /// The line it is on.
        public var line: Int
    }

    /// The listed roles in list order.
    public var roles: [Role]
    /// Where the list came from.
    public var source: String

    /// How a list file is written.
    public enum Format: String, Sendable, CaseIterable {
        case text, csv, html
    }

    /// Creates a list from roles.
    public init(roles: [Role], source: String = "<list>") {
        self.roles = roles
        self.source = source
    }

    /// Reads a list file.
    /// - Parameters:
    ///   - path: The file.
    ///   - format: Text, CSV or HTML; nil decides by the extension (`.csv`, `.html`, `.htm`) or, for
    ///     HTML, by content that starts with a tag.
    /// - Throws: ``RoleCallError`` `input` naming the file and line: unreadable, not UTF-8, empty,
    ///   duplicate roles, a CSV without a `role` column.
    /// - Returns: The list.
    public static func load(path: String, format: Format? = nil) throws(RoleCallError) -> AccessList {
        let bytes = try ListFile.contents(path: path, kind: .accessList)
        let lowered = path.lowercased()
        let format =
            format
            ?? (lowered.hasSuffix(".csv")
                ? .csv
                : lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") || HTMLListItems.looksLikeHTML(bytes)
                    ? .html : .text)
        return try parse(bytes, source: path, format: format)
    }

    /// Parses a list file's contents.
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - source: The name used in errors.
    ///   - format: Text, CSV or HTML.
    /// - Returns: The list.
    /// - Throws: ``RoleCallError`` `input` naming the line: not UTF-8, no roles, a duplicate role, no `role` column.
    public static func parse(_ bytes: [UInt8], source: String, format: Format) throws(RoleCallError) -> AccessList {
        // A web page's lines can be long (minified); a role is still at most a line of a text list.
        let lines = try TextLines.split(
            bytes,
            source: source,
            kind: .accessList,
            longestLine: format == .html ? TextLines.longestPastedLine : TextLines.longestLine
        )
        var roles: [Role] = []
        switch format {
        case .text:
            roles = ListFile.items(lines).map { Role(title: ListMarker.removed(from: $0.text), line: $0.line) }
        case .csv:
            roles = try csvRoles(lines, source: source)
        case .html:
            roles = HTMLListItems.items(lines).map { Role(title: ListMarker.removed(from: $0.text), line: $0.line) }
        }
        guard !roles.isEmpty else {
            throw RoleCallError(.emptyList(.accessList, path: source))
        }
        var seen: [TitleKey: Role] = [:]
        for role in roles {
            let key = NormalizedTitle(role.title).key
            guard !key.isEmpty else {
                throw RoleCallError(.roleWithoutLetters(path: source, line: role.line, role: role.title))
            }
            if let earlier = seen[key] {
                throw RoleCallError(
                    .duplicateRole(
                        path: source,
                        line: role.line,
                        role: role.title,
                        earlierLine: earlier.line,
                        earlierRole: earlier.title
                    )
                )
            }
            seen[key] = role
        }
        return AccessList(roles: roles, source: source)
    }

    private static func csvRoles(_ lines: [(Int, String)], source: String) throws(RoleCallError) -> [Role] {
        guard let header = lines.first else { return [] }
        let columns = try CSVLine.fields(header.1, source: source, line: header.0).map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        guard let column = columns.firstIndex(of: "role") else {
            throw RoleCallError(.noRoleColumn(path: source, line: header.0))
        }
        var roles: [Role] = []
        for (number, line) in lines.dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let fields = try CSVLine.fields(line, source: source, line: number)
            let value = column < fields.count ? fields[column].trimmingCharacters(in: .whitespaces) : ""
            if !value.isEmpty { roles.append(Role(title: value, line: number)) }
        }
        return roles
    }
}

/// A plain list file: one item per line; blank lines and `#` comments ignored.
package enum ListFile {
    /// The items of a list file with their line numbers, trimmed.
    /// - Throws: ``RoleCallError`` `input` when the file is unreadable, not UTF-8, or lists nothing.
    package static func items(
        path: String,
        kind: RoleCallError.FileKind
    ) throws(RoleCallError) -> [(line: Int, text: String)] {
        let items = Self.items(try TextLines.split(try contents(path: path, kind: kind), source: path, kind: kind))
        guard !items.isEmpty else { throw RoleCallError(.emptyList(kind, path: path)) }
        return items
    }

    /// The lines that hold an item, trimmed: not blank, not a `#` comment.
    static func items(_ lines: [(Int, String)]) -> [(line: Int, text: String)] {
        lines.compactMap { number, line in
            let text = line.trimmingCharacters(in: .whitespaces)
            return text.isEmpty || text.hasPrefix("#") ? nil : (number, text)
        }
    }

    /// A list file's bytes, or an error that names it and says what to check.
    static func contents(path: String, kind: RoleCallError.FileKind) throws(RoleCallError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RoleCallError(.unreadable(kind, path: path))
        }
        return Array(data)
    }
}

/// Splits a UTF-8 file into numbered lines, refusing bytes that are not UTF-8 with the line number.
enum TextLines {
    /// The longest line a list of roles may hold: far beyond any real title.
    static let longestLine = 1_000
    /// The longest line of pasted recipients (a few thousand on one line) or of a saved web page.
    static let longestPastedLine = 200_000

    static func split(
        _ bytes: some Collection<UInt8>,
        source: String,
        kind: RoleCallError.FileKind,
        longestLine: Int = longestLine
    ) throws(RoleCallError) -> [(Int, String)] {
        var bytes = Array(bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var lines: [(Int, String)] = []
        for (index, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            var line = line
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            guard let text = String(validating: line, as: UTF8.self) else {
                throw RoleCallError(.notUTF8(kind, path: source, line: index + 1))
            }
            if let control = line.first(where: { ($0 < 0x20 && $0 != UInt8(ascii: "\t")) || $0 == 0x7F }) {
                throw RoleCallError(.controlCharacter(kind, path: source, line: index + 1, byte: control))
            }
            guard text.count <= longestLine else {
                throw RoleCallError(.lineTooLong(kind, path: source, line: index + 1, length: text.count))
            }
            lines.append((index + 1, text))
        }
        if lines.last?.1.isEmpty == true { lines.removeLast() }
        return lines
    }
}

/// One line of RFC 4180 CSV (quoted fields may hold commas and doubled quotes; not line breaks).
enum CSVLine {
    static func fields(_ line: String, source: String, line number: Int) throws(RoleCallError) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var iterator = Array(line).makeIterator()
        var atStart = true
        while let character = iterator.next() {
            if quoted {
                if character == "\"" {
                    var peek = iterator
                    if peek.next() == "\"" {
                        field.append("\"")
                        iterator = peek
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "," {
                fields.append(field)
                field = ""
                atStart = true
                continue
            } else if character == "\"" && atStart {
                quoted = true
            } else {
                field.append(character)
            }
            atStart = false
        }
        guard !quoted else { throw RoleCallError(.unclosedQuote(path: source, line: number)) }
        fields.append(field)
        return fields
    }
}
