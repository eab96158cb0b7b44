public import RoleCall

/// RoleCall's words for people: findings, verdicts, errors and warnings, from the typed values
/// the libraries return. One wording for every front end; each says how its settings are named.
public struct Wording: Sendable {
    /// How this front end names a setting in a hint (`--base` on the command line).
    public let settingName: @Sendable (Setting) -> String

    /// Creates a wording.
    /// - Parameter settingName: How a setting is named in hints.
    public init(settingName: @escaping @Sendable (Setting) -> String) {
        self.settingName = settingName
    }

    /// A holder's name, or their DN when the entry has no name.
    static func name(_ holder: Holder) -> String { holder.name ?? holder.dn }

    /// Names joined with ", ", or "nobody".
    static func names(_ holders: [Holder]) -> String {
        holders.isEmpty ? "nobody" : holders.map(name).joined(separator: ", ")
    }

    /// The sentence for why a similar title could be mistaken for the one asked for.
    public static func reason(_ similar: SimilarTitle) -> String { DifferenceWording.reason(similar.differences) }
}
