/// A role title reduced to what identifies the role.
///
/// Two titles name the same role exactly when their ``key``s are equal. The key ignores case,
/// diacritics, Unicode compatibility forms, punctuation, dashes and spacing, reads `&` as `and`,
/// and leaves out a trailing holder count such as `(x2)`, which is kept in ``holderCount``.
public struct NormalizedTitle: Sendable, Hashable {
    /// The title as written.
    public let original: String
    /// The identity key: letters and digits only, folded.
    public let key: TitleKey
    /// The folded words in order, without the holder count.
    public let words: [String]
    /// The same words as written (case and accents kept), for messages.
    public let displayWords: [String]
    /// The words split at brackets, commas and spaced dashes: the main title first, then qualifiers.
    public let segments: [[String]]
    /// The number of holders a trailing `(x2)`, `x2` or `(2 posts)` asks for, if present.
    public let holderCount: Int?

    /// Normalises a title.
    /// - Parameter title: The title as written.
    public init(_ title: String) {
        original = title
        var tokens = TitleFolding.tokens(title)
        holderCount = HolderCountSuffix.strip(&tokens)
        words = tokens.compactMap(\.word)
        displayWords = tokens.compactMap(\.display)
        var segments: [[String]] = [[]]
        for token in tokens {
            if let word = token.word {
                segments[segments.count - 1].append(word)
            } else if !segments[segments.count - 1].isEmpty {
                segments.append([])
            }
        }
        if segments.count > 1, segments[segments.count - 1].isEmpty { segments.removeLast() }
        self.segments = segments
        key = TitleKey(rawValue: words.joined())
    }
}

/// The identity of a role title; see ``NormalizedTitle``.
public struct TitleKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The key's text: folded letters and digits with nothing between them.
    public let rawValue: String

    /// Wraps a key's text.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Whether the key has no letters or digits at all (a title of only punctuation).
    public var isEmpty: Bool { rawValue.isEmpty }
    public var description: String { rawValue }
    public static func < (lhs: TitleKey, rhs: TitleKey) -> Bool { lhs.rawValue < rhs.rawValue }
}
