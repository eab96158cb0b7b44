import Foundation
public import Directory

/// A configuration file (JSON): source settings, the attribute mapping and extra
/// account-state rules. Every key is optional; an unknown key or a wrong type is an error naming
/// the key and the file, and paths are relative to the file's folder.
///
/// ```json
/// {"uri": ["ldaps://ldap.example.org"], "base": "dc=example,dc=org",
///  "bindDN": "cn=rolecall,dc=example,dc=org", "passwordFile": "password",
///  "caFile": "/etc/rolecall/ca.pem", "timeout": 30, "pageSize": 500,
///  "attributes": {"title": "title", "name": "displayName", "roleOccupant": "roleOccupant"},
///  "accountStateRules": [{"attribute": "employeeStatus", "equals": "left", "reason": "disabled"}]}
/// ```
public struct Configuration: Sendable {
    /// An LDIF export to read (`-` for standard input), relative to the file.
    public var ldif: String?
    /// A snapshot file to read (written by `rolecall snapshot`), relative to the file.
    public var snapshot: String?
    /// How old the instant a snapshot reflects may be (`15m`, `2h`), as written.
    public var maxAge: String?
    /// Server URIs, tried in order.
    public var uri: [String]?
    /// The search base.
    public var base: String?
    /// The DN (or `user@domain`, `DOMAIN\user`) to bind as.
    public var bindDN: String?
    /// A stored password; allowed, but ``passwordReadableByOthers`` says when the file is not private.
    public var password: String?
    /// A file holding the bind password, relative to the file.
    public var passwordFile: String?
    /// Whether to upgrade `ldap://` with StartTLS.
    public var startTLS: Bool?
    /// A SASL mechanism to bind with: `EXTERNAL` or `GSSAPI`.
    public var saslMech: String?
    /// A Kerberos keytab for GSSAPI, relative to the file.
    public var keytab: String?
    /// The Kerberos principal for GSSAPI.
    public var principal: String?
    /// A TLS client certificate (PEM), relative to the file.
    public var clientCert: String?
    /// The client certificate's private key (PEM), relative to the file.
    public var clientKey: String?
    /// CA certificates (PEM) to trust, relative to the file.
    public var caFile: String?
    /// Seconds to wait for a server.
    public var timeout: Double?
    /// Entries per page of a paged search.
    public var pageSize: Int?
    /// Whether a password may go in cleartext to a host that is not this machine.
    public var allowInsecure: Bool?
    /// Whether the LDIF export may read `:<` file URLs.
    public var allowFileURLs: Bool?
    /// The IANA time zone of times without an offset.
    public var timeZone: String?
    /// The attribute mapping, defaults filled in for keys not given.
    public var mapping: AttributeMapping
    /// The built-in account-state rules plus the file's.
    public var policy: AccountStatePolicy
    /// Whether the file holds a password and others than its owner may read it.
    public var passwordReadableByOthers: Bool

    /// Reads a configuration file.
    /// - Throws: ``RoleCallError`` naming the file (and the key): unreadable, not JSON, an unknown
    ///   key, a wrong type, an account-state rule with another reason than disabled, locked, expired.
    public static func load(path: String) throws(RoleCallError) -> Configuration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RoleCallError(.unreadable(.configuration, path: path))
        }
        let file: File
        do {
            try UnknownKeys.check(data, path: path)
            file = try JSONDecoder().decode(File.self, from: data)
        } catch let error as RoleCallError {
            throw error
        } catch let error as DecodingError {
            let (key, issue) = describe(error)
            throw RoleCallError(.configurationSyntax(path: path, key: key, issue: issue))
        } catch {
            throw RoleCallError(.configurationSyntax(path: path, key: nil, issue: .notJSON))
        }
        return try Configuration(file, path: path)
    }

    private init(_ file: File, path: String) throws(RoleCallError) {
        let folder = (path as NSString).deletingLastPathComponent
        let relative = { (value: String?) in
            value.map { $0.hasPrefix("/") || folder.isEmpty ? $0 : folder + "/" + $0 }
        }
        ldif = file.ldif == "-" ? "-" : relative(file.ldif)
        (snapshot, maxAge) = (relative(file.snapshot), file.maxAge)
        (uri, base, bindDN, password) = (file.uri, file.base, file.bindDN, file.password)
        passwordFile = relative(file.passwordFile)
        (startTLS, saslMech, principal) = (file.startTLS, file.saslMech, file.principal)
        (keytab, clientCert, clientKey, caFile) = (
            relative(file.keytab), relative(file.clientCert), relative(file.clientKey), relative(file.caFile)
        )
        (timeout, pageSize) = (file.timeout, file.pageSize)
        mapping = (file.attributeMapping ?? file.attributes)?.mapping ?? AttributeMapping()
        (allowInsecure, allowFileURLs, timeZone) = (file.allowInsecure, file.allowFileURLs, file.timeZone)
        policy = AccountStatePolicy()
        for (index, rule) in (file.accountStateRules ?? []).enumerated() {
            guard let reason = InactiveReason(rawValue: rule.reason), reason != .missing else {
                throw RoleCallError(.configurationReason(path: path, reason: rule.reason))
            }
            if let under = rule.under {
                // A subtree rule: every account below this DN (leavers moved, not disabled).
                // An empty DN would hold every account: refused like a malformed one.
                guard rule.attribute == nil, rule.equals == nil, let base = try? DistinguishedName(under),
                    !base.rdns.isEmpty
                else {
                    throw RoleCallError(
                        .configurationSyntax(path: path, key: "accountStateRules.\(index).under", issue: .wrongType)
                    )
                }
                policy.subtrees.append(AccountStateSubtree(base: base, reason: reason))
                continue
            }
            guard let attribute = rule.attribute else {
                throw RoleCallError(
                    .configurationSyntax(path: path, key: "accountStateRules.\(index).attribute", issue: .missing)
                )
            }
            let condition: AccountStateRule.Condition = rule.equals.map { .equalsIgnoringCase($0) } ?? .present
            policy.rules.append(AccountStateRule(attribute: attribute, condition: condition, reason: reason))
        }
        var status = stat()
        passwordReadableByOthers = file.password != nil && stat(path, &status) == 0 && status.st_mode & 0o077 != 0
    }

    private static func describe(_ error: DecodingError) -> (key: String?, issue: RoleCallError.ConfigurationIssue) {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty: (nil, .notJSON)
        case .keyNotFound(let key, let context): (dotted(context.codingPath + [key]), .missing)
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            (dotted(context.codingPath), .wrongType)
        @unknown default: (nil, .notJSON)
        }
    }

    /// `accountStateRules.0.reason`: keys by name, array elements by index, as the unknown-key check writes them.
    private static func dotted(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    /// The file as written.
    private struct File: Decodable {
        var ldif, snapshot, maxAge, base, bindDN, password, passwordFile, saslMech, keytab, principal: String?
        var clientCert, clientKey, caFile: String?
        var uri: [String]?
        var startTLS, allowInsecure, allowFileURLs: Bool?
        var timeZone: String?
        var timeout: Double?
        var pageSize: Int?
        var attributeMapping: Attributes?
        var attributes: Attributes?
        var accountStateRules: [Rule]?
    }

    private struct Attributes: Decodable {
        var title, name, mail, uid, roleObjectClass, roleName, roleOccupant: String?
        var extraIdentifiers, groupMembers: [String]?

        var mapping: AttributeMapping {
            var mapping = AttributeMapping()
            if let title { mapping.title = title }
            if let name { mapping.name = name }
            if let mail { mapping.mail = mail }
            if let uid { mapping.uid = uid }
            if let roleObjectClass { mapping.roleObjectClass = roleObjectClass }
            if let roleName { mapping.roleName = roleName }
            if let roleOccupant { mapping.roleOccupant = roleOccupant }
            if let extraIdentifiers { mapping.extraIdentifiers = extraIdentifiers }
            if let groupMembers { mapping.groupMembers = groupMembers }
            return mapping
        }
    }

    /// A rule: the account is inactive for `reason` when `attribute` equals `equals` (any case),
    /// or — without `equals` — when it is present at all; or, with `under` instead, when its entry
    /// lies in that subtree.
    private struct Rule: Decodable {
        var attribute: String?
        var equals: String?
        var under: String?
        var reason: String
    }

    /// Refuses keys the file format does not have: a misspelt rule must not pass silently.
    private enum UnknownKeys {
        static let top: Set<String> = [
            "ldif", "uri", "base", "bindDN", "password", "passwordFile", "startTLS", "saslMech", "keytab", "principal",
            "clientCert", "clientKey", "caFile", "timeout", "pageSize", "allowInsecure", "allowFileURLs", "timeZone",
            "attributeMapping", "attributes", "accountStateRules", "snapshot", "maxAge",
        ]
        static let attributes: Set<String> = [
            "title", "name", "mail", "uid", "roleObjectClass", "roleName", "roleOccupant", "extraIdentifiers",
            "groupMembers",
        ]
        static let rule: Set<String> = ["attribute", "equals", "under", "reason"]

        static func check(_ data: Data, path: String) throws {
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw RoleCallError(.configurationSyntax(path: path, key: nil, issue: .notObject))
            }
            try refuse(object, allowed: top, prefix: "", path: path)
            for key in ["attributeMapping", "attributes"] {
                if let attributes = object[key] as? [String: Any] {
                    try refuse(attributes, allowed: Self.attributes, prefix: key + ".", path: path)
                }
            }
            if object["attributeMapping"] != nil, object["attributes"] != nil {
                throw RoleCallError(.configurationSyntax(path: path, key: "attributes", issue: .duplicate))
            }
            for (index, rule) in ((object["accountStateRules"] as? [Any]) ?? []).enumerated() {
                guard let rule = rule as? [String: Any] else { continue }
                try refuse(rule, allowed: Self.rule, prefix: "accountStateRules.\(index).", path: path)
            }
        }

        private static func refuse(_ object: [String: Any], allowed: Set<String>, prefix: String, path: String) throws {
            if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
                throw RoleCallError(.configurationUnknownKey(path: path, key: prefix + unknown))
            }
        }
    }
}
