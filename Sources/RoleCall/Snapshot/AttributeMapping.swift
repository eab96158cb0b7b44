public import Directory

/// Which attributes RoleCall reads, so deployments can use `displayName`, custom role attributes, etc.
public struct AttributeMapping: Sendable, Hashable {
    /// Person attribute holding role titles (multi-valued). Default `title`.
    public var title: String
    /// Attribute naming a person for display. Default `cn`.
    public var name: String
    /// Mail address attribute. Default `mail`.
    public var mail: String
    /// Login name attribute. Default `uid`.
    public var uid: String
    /// Object class of role entries. Default `organizationalRole`.
    public var roleObjectClass: String
    /// Attribute naming a role entry's role. Default `cn`.
    public var roleName: String
    /// Attribute of role entries listing holders' DNs. Default `roleOccupant`.
    public var roleOccupant: String
    /// Extra attributes recipients may be identified by (AD's `sAMAccountName`, `userPrincipalName`,
    /// `proxyAddresses`, whose `smtp:` addresses match without the prefix, and `otherMailbox`).
    public var extraIdentifiers: [String]
    /// Attributes of a distribution group listing its members' DNs (`member` for AD groups and
    /// `groupOfNames`, `uniqueMember` for `groupOfUniqueNames`). A recipient that is a group is
    /// checked member by member.
    public var groupMembers: [String]

    /// Creates a mapping; every parameter defaults to the standard schema.
    public init(
        title: String = "title",
        name: String = "cn",
        mail: String = "mail",
        uid: String = "uid",
        roleObjectClass: String = "organizationalRole",
        roleName: String = "cn",
        roleOccupant: String = "roleOccupant",
        extraIdentifiers: [String] = ["sAMAccountName", "userPrincipalName", "proxyAddresses", "otherMailbox"],
        groupMembers: [String] = ["member", "uniqueMember"]
    ) {
        self.title = title
        self.name = name
        self.mail = mail
        self.uid = uid
        self.roleObjectClass = roleObjectClass
        self.roleName = roleName
        self.roleOccupant = roleOccupant
        self.extraIdentifiers = extraIdentifiers
        self.groupMembers = groupMembers
    }

    /// Every attribute type a snapshot reads, as spelled in the mapping, each once: the mapped ones,
    /// `objectClass` and the account-state attributes of `policy` (named, since operational ones such
    /// as `pwdAccountLockedTime` are only returned by a server when asked for).
    /// - Parameter policy: The account-state rules whose attributes must be read.
    /// - Returns: The attribute types, in a fixed order.
    public func readAttributeTypes(policy: AccountStatePolicy) -> [String] {
        var seen: Set<String> = []
        let names =
            [title, name, mail, uid, roleName, roleOccupant, "objectClass"] + extraIdentifiers + groupMembers
            + policy.rules.map(\.attribute)
        return names.filter { seen.insert($0.lowercased()).inserted }
    }

    /// ``readAttributeTypes(policy:)`` lower-cased, for matching attribute names in any case.
    /// - Parameter policy: The account-state rules whose attributes must be kept.
    /// - Returns: The lower-cased attribute types.
    public func keptAttributeTypes(policy: AccountStatePolicy) -> Set<String> {
        Set(readAttributeTypes(policy: policy).map { $0.lowercased() })
    }

    /// The search that finds a recipient by one identifier attribute: the value itself, or for
    /// `proxyAddresses` the address as an `smtp:` proxy (servers compare it ignoring case, so the
    /// primary `SMTP:` address matches too).
    package static func identifierFilter(_ attribute: String, _ recipient: String) -> SearchFilter {
        attribute.lowercased() == "proxyaddresses"
            ? .equal(attribute, "smtp:" + recipient) : .equal(attribute, recipient)
    }

    /// The ways an identifier value names its holder: itself, and for an `smtp:` proxy address
    /// (any case) also the address alone.
    package static func identifierForms(_ value: String) -> [String] {
        guard value.utf8.count > 5, value.prefix(5).lowercased() == "smtp:" else { return [value] }
        return [value, String(value.dropFirst(5))]
    }
}
