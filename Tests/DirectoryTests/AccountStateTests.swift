import Directory
import Foundation
import Testing

@Suite("Account state rules")
struct AccountStateTests {
    /// 2026-06-01T00:00:00Z
    static let asOf = Date(timeIntervalSince1970: 1_780_272_000)
    let policy = AccountStatePolicy()

    private func reason(_ attributes: [String: [String]], asOf: Date = asOf) -> InactiveReason? {
        let lowered = Dictionary(uniqueKeysWithValues: attributes.map { ($0.key.lowercased(), $0.value) })
        return policy.inactiveReason(values: { lowered[$0.lowercased()] ?? [] }, asOf: asOf)
    }

    @Test(
        "each rule",
        arguments: [
            (["userAccountControl": ["514"]], InactiveReason?.some(.disabled)),
            (["userAccountControl": ["512"]], nil),
            (["userAccountControl": ["-2147483646"]], .disabled),
            (["msDS-UserAccountDisabled": ["TRUE"]], .disabled),
            (["msDS-UserAccountDisabled": ["FALSE"]], nil),
            (["nsAccountLock": ["true"]], .disabled),
            (["nsAccountLock": ["false"]], nil),
            (["loginDisabled": ["TRUE"]], .disabled),
            (["pwdAccountLockedTime": ["000001010000Z"]], .locked),
            (["pwdAccountLockedTime": ["20260101120000Z"]], .locked),
            (["lockoutTime": ["133500000000000000"]], .locked),
            (["lockoutTime": ["0"]], nil),
            (["msDS-User-Account-Control-Computed": ["16"]], .locked),
            (["msDS-User-Account-Control-Computed": ["8388608"]], nil),
            // 2026-01-01 in Windows file time: expired by June.
            (["accountExpires": ["134116992000000000"]], .expired),
            // 2027-01-01: still valid.
            (["accountExpires": ["134432352000000000"]], nil),
            (["accountExpires": ["0"]], nil),
            (["accountExpires": ["9223372036854775807"]], nil),
            (["shadowExpire": ["20454"]], .expired),
            (["shadowExpire": ["20700"]], nil),
            (["shadowExpire": ["-1"]], nil),
            ([:], nil),
        ]
    )
    func rule(attributes: [String: [String]], expected: InactiveReason?) {
        #expect(reason(attributes) == expected)
    }

    @Test("as-of decides expiry")
    func asOfMatters() {
        let attributes = ["shadowExpire": ["20454"]]  // 2026-01-01
        #expect(reason(attributes, asOf: Date(timeIntervalSince1970: 1_767_139_200)) == nil)  // 2025-12-31
        #expect(reason(attributes, asOf: Date(timeIntervalSince1970: 1_767_225_600)) == .expired)  // 2026-01-01
    }

    @Test("deployments can add rules")
    func customRule() {
        var policy = AccountStatePolicy()
        policy.rules.append(
            .init(attribute: "employeeStatus", condition: .equalsIgnoringCase("left"), reason: .disabled)
        )
        #expect(policy.inactiveReason(values: { $0 == "employeeStatus" ? ["Left"] : [] }, asOf: Self.asOf) == .disabled)
    }
}
