/// An LDAP search filter (RFC 4515), built from parts so that every value is escaped.
///
/// ```swift
/// let filter: SearchFilter = .or([.equal("title", userInput), .equal("objectClass", "organizationalRole")])
/// filter.description  // (|(title=\2a\29\28uid=\2a)(objectClass=organizationalRole))
/// ```
public indirect enum SearchFilter: Sendable, Hashable, CustomStringConvertible {
    /// `(attribute=value)`, value escaped.
    case equal(String, String)
    /// `(attribute=*)`.
    case present(String)
    /// `(attribute>=value)`, value escaped.
    case greaterOrEqual(String, String)
    /// `(attribute=initial*any*final)`, every piece escaped.
    case substring(String, initial: String?, any: [String], final: String?)
    /// `(&…)`.
    case and([SearchFilter])
    /// `(|…)`.
    case or([SearchFilter])
    /// `(!…)`.
    case not(SearchFilter)

    /// The filter's string form.
    public var description: String {
        switch self {
        case .equal(let attribute, let value): "(\(attribute)=\(Self.escape(value)))"
        case .present(let attribute): "(\(attribute)=*)"
        case .greaterOrEqual(let attribute, let value): "(\(attribute)>=\(Self.escape(value)))"
        case .substring(let attribute, let initial, let any, let final):
            "(\(attribute)=\(initial.map(Self.escape) ?? "")*\(any.map { Self.escape($0) + "*" }.joined())\(final.map(Self.escape) ?? ""))"
        case .and(let filters): "(&\(filters.map(\.description).joined()))"
        case .or(let filters): "(|\(filters.map(\.description).joined()))"
        case .not(let filter): "(!\(filter.description))"
        }
    }

    /// Escapes a value per RFC 4515: `*`, `(`, `)`, `\` and NUL become `\2a`, `\28`, `\29`, `\5c`, `\00`.
    /// - Parameter value: Any text, including user input.
    /// - Returns: The escaped value.
    public static func escape(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "*": result += "\\2a"
            case "(": result += "\\28"
            case ")": result += "\\29"
            case "\\": result += "\\5c"
            case "\0": result += "\\00"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
