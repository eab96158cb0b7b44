public import Foundation

/// Why an account does not count as a holder.
public enum InactiveReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// The account is switched off.
    case disabled
    /// The account is locked out.
    case locked
    /// The account's end date has passed.
    case expired
    /// A `roleOccupant` names an entry that does not exist.
    case missing
}

/// One account-state rule: when `attribute` meets `condition`, the account is inactive for `reason`.
///
/// Rules are data, so deployments can add their own to ``AccountStateRule/defaults``.
public struct AccountStateRule: Sendable, Hashable {
    /// A test on an attribute's values.
    public enum Condition: Sendable, Hashable {
        /// The attribute has any value.
        case present
        /// A value equals this text, ignoring case (`TRUE`, `true`).
        case equalsIgnoringCase(String)
        /// A decimal integer value has any of these bits set (AD stores flags as signed 32-bit).
        case anyBitSet(Int64)
        /// A decimal integer value is not zero.
        case nonZero
        /// A Windows file time (100 ns ticks since 1601-01-01 UTC) at or before the as-of
        /// instant; `0` and `9223372036854775807` mean never.
        case windowsFileTimeReached
        /// A day count since 1970-01-01 at or before the as-of day; `-1` means never.
        case epochDayReached
    }

    /// The attribute type the rule reads.
    public var attribute: String
    /// What its values must satisfy.
    public var condition: Condition
    /// The state the account is in when they do.
    public var reason: InactiveReason

    /// Creates a rule.
    public init(attribute: String, condition: Condition, reason: InactiveReason) {
        self.attribute = attribute
        self.condition = condition
        self.reason = reason
    }

    /// The built-in rules for Active Directory, OpenLDAP ppolicy, 389 DS, eDirectory and shadow accounts.
    public static let defaults: [AccountStateRule] = [
        .init(attribute: "userAccountControl", condition: .anyBitSet(0x2), reason: .disabled),
        .init(attribute: "msDS-UserAccountDisabled", condition: .equalsIgnoringCase("TRUE"), reason: .disabled),
        .init(attribute: "nsAccountLock", condition: .equalsIgnoringCase("true"), reason: .disabled),
        .init(attribute: "loginDisabled", condition: .equalsIgnoringCase("TRUE"), reason: .disabled),
        .init(attribute: "pwdAccountLockedTime", condition: .present, reason: .locked),
        .init(attribute: "lockoutTime", condition: .nonZero, reason: .locked),
        .init(attribute: "msDS-User-Account-Control-Computed", condition: .anyBitSet(0x10), reason: .locked),
        .init(attribute: "accountExpires", condition: .windowsFileTimeReached, reason: .expired),
        .init(attribute: "shadowExpire", condition: .epochDayReached, reason: .expired),
    ]

    /// Whether the rule makes an entry inactive at `asOf`.
    /// - Parameters:
    ///   - values: The values of ``attribute`` on the entry.
    ///   - asOf: The instant the state is evaluated at.
    /// - Returns: Whether the rule makes the account inactive.
    public func applies(to values: [String], asOf: Date) -> Bool {
        values.contains { value in
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            switch condition {
            case .present:
                return true
            case .equalsIgnoringCase(let expected):
                return trimmed.caseInsensitiveCompare(expected) == .orderedSame
            case .anyBitSet(let mask):
                return Int64(trimmed).map { $0 & mask != 0 } ?? false
            case .nonZero:
                return Int64(trimmed).map { $0 != 0 } ?? false
            case .windowsFileTimeReached:
                guard let ticks = Int64(trimmed), ticks != 0, ticks != Int64.max else { return false }
                let secondsFrom1601To1970: Int64 = 11_644_473_600
                let unixSeconds = Double(ticks / 10_000_000 - secondsFrom1601To1970)
                return unixSeconds <= asOf.timeIntervalSince1970
            case .epochDayReached:
                guard let days = Int64(trimmed), days >= 0 else { return false }
                return Double(days) * 86_400 <= asOf.timeIntervalSince1970
            }
        }
    }
}

/// Every account below a DN is inactive for a reason: leavers moved to `OU=Leavers` rather than
/// disabled, say.
public struct AccountStateSubtree: Sendable, Hashable {
    /// The subtree's top entry; it and every entry below it are inactive.
    public var base: DistinguishedName
    /// Why.
    public var reason: InactiveReason

    /// Creates a subtree rule.
    public init(base: DistinguishedName, reason: InactiveReason) {
        self.base = base
        self.reason = reason
    }
}

/// Decides whether an entry is an active account at a given instant.
public struct AccountStatePolicy: Sendable {
    /// The rules, tried in order; the first that applies gives the reason.
    public var rules: [AccountStateRule]
    /// Subtrees whose accounts are inactive, tried before the rules.
    public var subtrees: [AccountStateSubtree]

    /// Creates a policy.
    /// - Parameters:
    ///   - rules: The rules; defaults to ``AccountStateRule/defaults``.
    ///   - subtrees: Subtrees whose accounts are inactive; none by default.
    public init(rules: [AccountStateRule] = AccountStateRule.defaults, subtrees: [AccountStateSubtree] = []) {
        self.rules = rules
        self.subtrees = subtrees
    }

    /// The attribute types the rules read, lower-cased.
    public var attributes: Set<String> { Set(rules.map { $0.attribute.lowercased() }) }

    /// Why the entry is inactive at `asOf`, or nil when it is active.
    /// - Parameters:
    ///   - dn: The entry's DN as written (for ``subtrees``; nil skips them).
    ///   - values: Looks up an attribute's values as text by type.
    ///   - asOf: The instant the state is evaluated at.
    /// - Returns: The reason, or nil for an active account.
    public func inactiveReason(dn: String? = nil, values: (String) -> [String], asOf: Date) -> InactiveReason? {
        if !subtrees.isEmpty, let dn, let parsed = try? DistinguishedName(dn),
            let subtree = subtrees.first(where: { parsed.isWithin($0.base) })
        {
            return subtree.reason
        }
        return rules.first { $0.applies(to: values($0.attribute), asOf: asOf) }?.reason
    }

    /// Why the entry is inactive at `asOf`, or nil when it is active, from the values of its
    /// account-state attributes by lower-cased type (as a snapshot keeps them).
    public func inactiveReason(dn: String?, state: [String: [String]], asOf: Date) -> InactiveReason? {
        // Most accounts carry no state attribute, and a rule needs a value to apply: only the
        // subtrees can make them inactive.
        if state.isEmpty && subtrees.isEmpty { return nil }
        return inactiveReason(dn: dn, values: { state.isEmpty ? [] : state[$0.lowercased()] ?? [] }, asOf: asOf)
    }
}
