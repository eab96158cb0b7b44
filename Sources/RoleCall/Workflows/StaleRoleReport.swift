import Directory
import TitleMatching

/// The nightly check of an access list: is every listed role still held, by the expected number of
/// active people, by the same people as last time, and is it clearly distinct from other titles?
public struct StaleRoleReport: Sendable {
    /// One lookup result per listed role, in list order.
    public let results: [LookupResult]
    /// What the list's keepers should know, most severe first within each role.
    public let findings: [Finding]
    /// Who holds each listed role now, to save as the next run's state (a title gone from the
    /// directory keeps its last holders, so it is reported until the list is fixed).
    public let holders: [String: [Holder]]

    /// Runs the report.
    /// - Parameters:
    ///   - list: The access list.
    ///   - resolver: The directory and instant.
    ///   - previous: The last run's holders by listed role, when there was a last run.
    public init(list: AccessList, resolver: Resolver, previous: ReportState?) {
        var results: [LookupResult] = []
        var findings: [Finding] = []
        var holders: [String: [Holder]] = [:]
        // A title that is itself on the list is authorised on its own account: not a confusable risk.
        let listed = Set(list.roles.map { NormalizedTitle($0.title).key })
        for (role, result) in zip(list.roles, resolver.resolveAll(list.roles.map(\.title))) {
            results.append(result)
            var unlisted = result
            unlisted.similar.removeAll { listed.contains(NormalizedTitle($0.title).key) }
            let before = previous?.holders[role.title]
            if result.status == .notFound, let before, !before.isEmpty {
                var gone = Finding(
                    kind: .titleGone,
                    severity: .error,
                    role: role.title,
                    expectedHolders: result.expectedHolders
                )
                gone.lastHolders = before
                gone.similar = unlisted.similar.first
                findings.append(gone)
                holders[role.title] = before
                findings += Self.findings(for: role.title, result: unlisted).filter { $0.kind != .notFound }
                continue
            }
            findings += Self.findings(for: role.title, result: unlisted)
            guard result.status != .notFound else { continue }
            holders[role.title] = result.holders
            if let before, let change = Self.change(role: role.title, from: before, to: result) {
                findings.append(change)
            }
        }
        self.results = results
        self.findings = findings
        self.holders = holders
    }

    /// The most severe finding, if any.
    public var worstSeverity: Finding.Severity? { findings.map(\.severity).max() }

    /// A `holderChanged` finding when the set of active holders differs from the last run's.
    private static func change(role: String, from before: [Holder], to result: LookupResult) -> Finding? {
        let beforeKeys = Set(before.map { DistinguishedName.comparisonKey($0.dn) })
        let nowKeys = Set(result.holders.map { DistinguishedName.comparisonKey($0.dn) })
        guard beforeKeys != nowKeys else { return nil }
        var finding = Finding(
            kind: .holderChanged,
            severity: .warning,
            role: role,
            expectedHolders: result.expectedHolders
        )
        finding.holders = result.holders
        finding.joined = result.holders.filter { !beforeKeys.contains(DistinguishedName.comparisonKey($0.dn)) }
        finding.left = before.filter { !nowKeys.contains(DistinguishedName.comparisonKey($0.dn)) }
        return finding
    }

    private static func findings(for role: String, result: LookupResult) -> [Finding] {
        var findings: [Finding] = []
        let expected = result.expectedHolders
        switch result.status {
        case .notFound:
            var finding = Finding(kind: .notFound, severity: .error, role: role, expectedHolders: expected)
            finding.similar = result.similar.first
            findings.append(finding)
        case .vacant:
            var finding = Finding(kind: .vacant, severity: .error, role: role, expectedHolders: expected)
            finding.inactiveHolders = result.inactiveHolders
            findings.append(finding)
        case .ambiguous, .incomplete:
            let kind: Finding.Kind = result.status == .ambiguous ? .multipleHolders : .incomplete
            var finding = Finding(kind: kind, severity: .warning, role: role, expectedHolders: expected)
            finding.holders = result.holders
            findings.append(finding)
        case .resolved:
            break
        }
        for holder in result.inactiveHolders {
            let kind: Finding.Kind = holder.reason == .missing ? .danglingOccupant : .inactiveHolder
            var finding = Finding(kind: kind, severity: .warning, role: role, expectedHolders: expected)
            finding.holder = holder
            findings.append(finding)
        }
        for similar in result.similar {
            var finding = Finding(kind: .confusable, severity: .info, role: role, expectedHolders: expected)
            finding.similar = similar
            finding.holders = similar.holders
            findings.append(finding)
        }
        return findings
    }
}
