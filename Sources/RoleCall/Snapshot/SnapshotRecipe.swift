public import Directory
public import TitleMatching

/// What a snapshot was built with: the attribute mapping, the account-state rules and the title
/// matcher, each as a setting name and a canonical value. A snapshot file records its recipe; one
/// built differently from the current configuration is never used.
public struct SnapshotRecipe: Sendable, Hashable, Codable {
    /// Canonical values by setting name (`attributeMapping.title`, `accountStateRules`, `titleMatcher`).
    public var settings: [String: String]

    /// The recipe of a configuration.
    /// - Parameters:
    ///   - mapping: The attribute mapping.
    ///   - policy: The account-state rules.
    ///   - matcher: The title matcher.
    public init(mapping: AttributeMapping, policy: AccountStatePolicy, matcher: TitleMatcher) {
        let vocabulary = matcher.vocabulary
        let words = [
            vocabulary.modifiers.sorted(), vocabulary.stopWords.sorted(), vocabulary.genericWords.sorted(),
            vocabulary.subjectPrepositions.sorted(),
            vocabulary.abbreviations.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" },
            vocabulary.modifierPrefixes.sorted(), vocabulary.postNouns.sorted(),
            vocabulary.subjects.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.sorted())" },
        ].map { $0.joined(separator: ",") }.joined(separator: "|")
        settings = [
            "attributeMapping.title": mapping.title,
            "attributeMapping.name": mapping.name,
            "attributeMapping.mail": mapping.mail,
            "attributeMapping.uid": mapping.uid,
            "attributeMapping.roleObjectClass": mapping.roleObjectClass,
            "attributeMapping.roleName": mapping.roleName,
            "attributeMapping.roleOccupant": mapping.roleOccupant,
            "attributeMapping.extraIdentifiers": mapping.extraIdentifiers.joined(separator: ","),
            "attributeMapping.groupMembers": mapping.groupMembers.joined(separator: ","),
            "accountStateRules":
                (policy.rules.map { "\($0.attribute) \($0.condition) \($0.reason.rawValue)" }
                + policy.subtrees.map { "under \($0.base.normalized) \($0.reason.rawValue)" })
                .joined(separator: "; "),
            "titleMatcher":
                "version \(TitleMatcher.version), vocabulary \(String(BlockChecksum.of(Array(words.utf8)), radix: 16))",
        ]
    }

    /// The first setting, in name order, whose value differs from `other`'s.
    /// - Parameter other: Another recipe.
    /// - Returns: The setting's name and both values (nil where a recipe lacks it), or nil when the recipes agree.
    public func firstDifference(from other: SnapshotRecipe) -> (setting: String, this: String?, other: String?)? {
        let names = Set(settings.keys).union(other.settings.keys).sorted()
        return names.first { settings[$0] != other.settings[$0] }.map { ($0, settings[$0], other.settings[$0]) }
    }
}
