import Directory
import TitleMatching

/// The nightly check of an access list: is every listed role still held, by the expected number of
/// active people, by the same people as last time, and is it clearly distinct from other titles?
public struct StaleRoleReport: Sendable {
    /// One lookup result per listed role, in list order.
    public let results: [LookupResult]
    /// What the list's keepers should know, most severe first within each role.
    public let findings: [Finding]
    /// Who holds each listed role now (DNs), to save as the next run's state.
    public let holders: [String: [String]]

    /// Runs the report.
    /// - Parameters:
    ///   - list: The access list.
    ///   - resolver: The directory and instant.
    ///   - previous: The last run's holders by listed role, when there was a last run.
    public init(list: AccessList, resolver: Resolver, previous: ReportState?) {
        var results: [LookupResult] = []
        var findings: [Finding] = []
        var holders: [String: [String]] = [:]
        // A title that is itself on the list is authorised on its own account: not a confusable risk.
        let listed = Set(list.roles.map { NormalizedTitle($0.title).key })
        for role in list.roles {
            let result = resolver.resolve(role.title)
            results.append(result)
            let current = result.holders.map(\.dn)
            if result.status != .notFound { holders[role.title] = current }
            var unlisted = result
            unlisted.similar.removeAll { listed.contains(NormalizedTitle($0.title).key) }
            findings += Self.findings(for: role.title, result: unlisted)
            if let before = previous?.holders[role.title], result.status != .notFound,
                Set(before.map(DistinguishedName.comparisonKey)) != Set(current.map(DistinguishedName.comparisonKey))
            {
                findings.append(
                    Finding(
                        kind: .holderChanged,
                        severity: .warning,
                        role: role.title,
                        message:
                            "\"\(role.title)\" is now held by \(Self.names(result.holders)) instead of \(Self.list(before)) "
                            + "(last run). Check that the new holder should see pre-release material and that the old one no longer receives it.",
                        details: [("previousHolders", before), ("holders", current)]
                    )
                )
            }
        }
        self.results = results
        self.findings = findings
        self.holders = holders
    }

    /// The most severe finding, if any.
    public var worstSeverity: Finding.Severity? { findings.map(\.severity).max() }

    private static func findings(for role: String, result: LookupResult) -> [Finding] {
        var findings: [Finding] = []
        switch result.status {
        case .notFound:
            findings.append(
                Finding(
                    kind: .notFound,
                    severity: .error,
                    role: role,
                    message:
                        "No one in the directory has the title \"\(role)\". The role may have been renamed or abolished "
                        + "in a reorganisation; update the access list."
                        + (result.similar.first.map {
                            " The closest title is \"\($0.title)\" (\($0.reason)), which is a different role."
                        } ?? "")
                )
            )
        case .vacant:
            findings.append(
                Finding(
                    kind: .vacant,
                    severity: .error,
                    role: role,
                    message: "\"\(role)\" exists but has no active holder, so nobody should receive material for it.",
                    details: [("inactiveHolders", result.inactiveHolders.map(\.dn))]
                )
            )
        case .ambiguous:
            findings.append(
                Finding(
                    kind: .multipleHolders,
                    severity: .warning,
                    role: role,
                    message:
                        "\"\(role)\" is held by \(result.holders.count) people (\(names(result.holders))) but the list expects "
                        + "\(result.expectedHolders). Decide who should receive material, or add \"(x\(result.holders.count))\" to the list.",
                    details: [("holders", result.holders.map(\.dn))]
                )
            )
        case .incomplete:
            findings.append(
                Finding(
                    kind: .incomplete,
                    severity: .warning,
                    role: role,
                    message:
                        "\"\(role)\" should have \(result.expectedHolders) holders but only \(result.holders.count) are active "
                        + "(\(names(result.holders))).",
                    details: [("holders", result.holders.map(\.dn))]
                )
            )
        case .resolved:
            break
        }
        for holder in result.inactiveHolders {
            if holder.reason == .missing {
                findings.append(
                    Finding(
                        kind: .danglingOccupant,
                        severity: .warning,
                        role: role,
                        message:
                            "The role entry for \"\(role)\" lists \(holder.dn) as an occupant, but no such entry exists; "
                            + "remove it from the role entry.",
                        details: [("holder", [holder.dn])]
                    )
                )
            } else {
                let reason = holder.reason?.rawValue ?? "inactive"
                findings.append(
                    Finding(
                        kind: .inactiveHolder,
                        severity: .warning,
                        role: role,
                        message:
                            "\(holder.name ?? holder.dn) still has \"\(role)\" but the account is \(reason); they do not count "
                            + "as a holder. Remove the title or the role occupancy.",
                        details: [("holder", [holder.dn]), ("reason", [reason])]
                    )
                )
            }
        }
        for similar in result.similar {
            findings.append(
                Finding(
                    kind: .confusable,
                    severity: .info,
                    role: role,
                    message:
                        "\"\(similar.title)\" (\(similar.reason)) could be mistaken for \"\(role)\"; make sure its holders "
                        + "(\(similar.holders.isEmpty ? "none" : names(similar.holders))) do not receive material meant for \"\(role)\".",
                    details: [("similarTitle", [similar.title]), ("holders", similar.holders.map(\.dn))]
                )
            )
        }
        return findings
    }

    private static func names(_ holders: [Holder]) -> String {
        holders.isEmpty ? "nobody" : holders.map { $0.name ?? $0.dn }.joined(separator: ", ")
    }

    private static func list(_ dns: [String]) -> String { dns.isEmpty ? "nobody" : dns.joined(separator: "; ") }

}
