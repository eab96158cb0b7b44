import Presentation
import RoleCall
import Testing

/// Errors and findings in words, with settings named the way the front end names them.
@Suite("Wording")
struct WordingTests {
    let flags = Wording { "--" + $0.rawValue }

    @Test(
        "directory errors get a hint naming the setting to change",
        arguments: [
            (LDAPError(.noSuchObject, "dc=x does not exist", resultCode: 32), "check --base"),
            (LDAPError(.invalidCredentials, "refused", resultCode: 49), "check --bindDN and the password"),
            (LDAPError(.tls, "TLS failed", resultCode: -1), "pass --caFile with the CA that signed it"),
            (LDAPError(.timeout, "slow", resultCode: 3), "raise --timeout or narrow --base"),
            (LDAPError(.incompleteResult, "size limit", resultCode: 4), "use paging (--pageSize)"),
            (
                LDAPError(.configuration, "cleartext", setting: .allowInsecure),
                "pass --allowInsecure only if the network is trusted"
            ),
        ]
    )
    func hints(error: LDAPError, hint: String) {
        #expect(flags.hint(for: error)?.contains(hint) == true, "\(flags.hint(for: error) ?? "no hint")")
        #expect(flags.message(RoleCallError(.directory(error))).hasPrefix(error.message + "; "))
    }

    @Test("library errors carry no wording of their own; the file and line lead the message")
    func fileErrors() {
        let error = RoleCallError(.notUTF8(.accessList, path: "list.txt", line: 3))
        #expect(error.code == .input)
        #expect(flags.message(error) == "list.txt:3: not valid UTF-8; save the file as UTF-8")
        let empty = RoleCallError(
            .noEntries(uri: "ldap://h", base: "dc=x", titleAttribute: "title", roleObjectClass: "organizationalRole")
        )
        #expect(empty.code == .emptyDirectory)
        #expect(flags.message(empty).contains("check --base, and that --bindDN may read them"))
    }

    @Test("a holder change says who joined and who left")
    func holderChanged() {
        var finding = Finding(kind: .holderChanged, severity: .warning, role: "Chief Statistician")
        let wendy = Holder(dn: "uid=w,dc=x", name: "Wendy Scott", mail: nil, title: "Chief Statistician", via: .title)
        finding.joined = [wendy]
        finding.holders = [wendy]
        finding.left = [
            Holder(dn: "uid=v,dc=x", name: "Victor Allen", mail: nil, title: "Chief Statistician", via: .title)
        ]
        #expect(
            Wording.message(finding).hasPrefix(
                "\"Chief Statistician\" changed holders since the last run: Wendy Scott joined, Victor Allen left"
            )
        )
    }
}
