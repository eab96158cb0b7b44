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

    /// Names joined with ", ", or "nobody". Holders who share a name are told apart by their
    /// address (or DN): two people of one name are never shown as one.
    static func names(_ holders: [Holder]) -> String {
        guard !holders.isEmpty else { return "nobody" }
        let names = Dictionary(holders.map { (name($0), 1) }, uniquingKeysWith: +)
        let addresses = Dictionary(holders.map { ("\(name($0))\u{0}\($0.mail ?? "")", 1) }, uniquingKeysWith: +)
        return holders.map { holder in
            guard names[name(holder), default: 0] > 1, holder.name != nil else { return name(holder) }
            let mail = holder.mail.flatMap { addresses["\(name(holder))\u{0}\($0)", default: 0] > 1 ? nil : $0 }
            return "\(name(holder)) <\(mail ?? holder.dn)>"
        }.joined(separator: ", ")
    }

    /// The sentence for why a similar title could be mistaken for the one asked for.
    public static func reason(_ similar: SimilarTitle) -> String { DifferenceWording.reason(similar.differences) }
}
