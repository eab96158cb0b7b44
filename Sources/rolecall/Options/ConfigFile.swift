import Foundation
import RoleCall

/// `--config FILE`: source options, attribute mapping and extra account-state rules in JSON.
/// Command-line flags override it. A password may be stored only if the file is private (0600).
///
/// ```json
/// {"uri": ["ldaps://ldap.example.org"], "base": "dc=example,dc=org",
///  "bindDN": "cn=rolecall,dc=example,dc=org", "passwordFile": "/etc/rolecall/password",
///  "caFile": "/etc/rolecall/ca.pem", "timeout": 30, "pageSize": 500,
///  "attributes": {"title": "title", "name": "displayName", "roleOccupant": "roleOccupant"},
///  "accountStateRules": [{"attribute": "employeeStatus", "equals": "left", "reason": "disabled"}]}
/// ```
struct ConfigFile: Decodable {
    var ldif: String?
    var uri: [String]?
    var base: String?
    var bindDN: String?
    var password: String?
    var passwordFile: String?
    var startTLS: Bool?
    var saslMech: String?
    var keytab: String?
    var principal: String?
    var clientCert: String?
    var clientKey: String?
    var caFile: String?
    var timeout: Double?
    var pageSize: Int?
    var attributes: Attributes?
    var accountStateRules: [Rule]?

    struct Attributes: Decodable {
        var title, name, mail, uid, roleObjectClass, roleName, roleOccupant: String?
        var extraIdentifiers: [String]?
    }

    /// A rule: the account is inactive for `reason` when `attribute` equals `equals` (any case),
    /// or — without `equals` — when it is present at all.
    struct Rule: Decodable {
        var attribute: String
        var equals: String?
        var reason: String
    }

    static func load(path: String) throws -> ConfigFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RoleCallError(.unreadable(.configuration, path: path))
        }
        let config: ConfigFile
        do {
            config = try JSONDecoder().decode(ConfigFile.self, from: data)
        } catch let error as DecodingError {
            let (key, detail) = describe(error)
            throw RoleCallError(.configurationSyntax(path: path, key: key, detail: detail))
        }
        if config.password != nil {
            var status = stat()
            if stat(path, &status) == 0, status.st_mode & 0o077 != 0 {
                FileHandle.standardError.write(
                    Data(
                        "rolecall: warning: \(path) holds a password but others can read it; run chmod 600 \(path) or use passwordFile\n"
                            .utf8
                    )
                )
            }
        }
        return config
    }

    private static func describe(_ error: DecodingError) -> (key: String?, detail: String) {
        switch error {
        case .dataCorrupted(let context): (nil, "not valid JSON (\(context.debugDescription))")
        case .keyNotFound(let key, _): (key.stringValue, "is missing")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            (context.codingPath.map(\.stringValue).joined(separator: "."), "has the wrong type")
        @unknown default: (nil, "not a RoleCall configuration")
        }
    }

    /// The attribute mapping, defaults filled in.
    var mapping: AttributeMapping {
        var mapping = AttributeMapping()
        guard let attributes else { return mapping }
        if let value = attributes.title { mapping.title = value }
        if let value = attributes.name { mapping.name = value }
        if let value = attributes.mail { mapping.mail = value }
        if let value = attributes.uid { mapping.uid = value }
        if let value = attributes.roleObjectClass { mapping.roleObjectClass = value }
        if let value = attributes.roleName { mapping.roleName = value }
        if let value = attributes.roleOccupant { mapping.roleOccupant = value }
        if let value = attributes.extraIdentifiers { mapping.extraIdentifiers = value }
        return mapping
    }

    /// The built-in account-state rules plus the configured ones.
    func policy(path: String) throws -> AccountStatePolicy {
        var policy = AccountStatePolicy()
        for rule in accountStateRules ?? [] {
            guard let reason = InactiveReason(rawValue: rule.reason), reason != .missing else {
                throw RoleCallError(.configurationReason(path: path, reason: rule.reason))
            }
            let condition: AccountStateRule.Condition = rule.equals.map { .equalsIgnoringCase($0) } ?? .present
            policy.rules.append(AccountStateRule(attribute: rule.attribute, condition: condition, reason: reason))
        }
        return policy
    }
}
