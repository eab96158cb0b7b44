import Foundation
import LDIF
import Presentation
import RoleCall
import Testing

/// Errors and findings in words, with settings named the way the front end names them.
@Suite("Wording")
struct WordingTests {
    let flags = Wording { "--" + $0.rawValue }

    @Test(
        "directory errors in words, with a hint naming the setting to change",
        arguments: [
            (
                LDAPError(.noSuchObject, .search(base: "dc=x"), uri: "ldap://h", resultCode: 32),
                "dc=x does not exist on ldap://h; check --base"
            ),
            (
                LDAPError(.invalidCredentials, .bind, uri: "ldap://h", resultCode: 49, diagnostic: "80090308: LdapErr"),
                "ldap://h refused the bind: invalid credentials (80090308: LdapErr); check --bindDN and the password"
            ),
            (
                LDAPError(.tls, .bind, uri: "ldaps://h", resultCode: -1),
                "TLS with ldaps://h failed: the server's certificate is not trusted, has expired, or does not match the host name; pass --caFile with the CA that signed it, and use the host name in the certificate"
            ),
            (
                LDAPError(.timeout, .search(base: "dc=x"), uri: "ldap://h", resultCode: 3),
                "ldap://h did not finish the search in time; raise --timeout or narrow --base"
            ),
            (
                LDAPError(.incompleteResult, .search(base: "dc=x"), uri: "ldap://h", resultCode: 4),
                "ldap://h stopped the search at its size limit; use paging (--pageSize) or ask"
            ),
            (
                LDAPError(.configuration, .cleartextPassword, uri: "ldap://h", setting: .allowInsecure),
                "refusing to send a password in cleartext to ldap://h; use ldaps:// or --startTLS; pass --allowInsecure only if the network is trusted"
            ),
            (
                LDAPError(
                    .refused,
                    .bind,
                    uri: "ldap://dc",
                    resultCode: 8,
                    resultName: "Strong(er) authentication required"
                ),
                "ldap://dc requires an encrypted connection; use ldaps:// or --startTLS"
            ),
        ]
    )
    func hints(error: LDAPError, message: String) {
        #expect(flags.message(RoleCallError(.directory(error))).hasPrefix(message), "\(flags.message(error))")
    }

    @Test("Kerberos failures name what they concern")
    func kerberos() {
        let wrong = LDAPError(
            .kerberosCredentialsUnavailable,
            .otherPrincipal(cached: "alice@EXAMPLE.ORG", wanted: "rolecall@EXAMPLE.ORG")
        )
        #expect(
            flags.message(wrong)
                == "the credential cache holds a ticket for alice@EXAMPLE.ORG, not rolecall@EXAMPLE.ORG"
        )
        let ticket = LDAPError(
            .kerberosPrincipalUnknown,
            .kerberos(.getTicket, subject: nil),
            resultCode: -1765328378,
            resultName: "Client not found in Kerberos database"
        )
        #expect(
            flags.message(ticket)
                == "getting a ticket for the keytab's principal with the keytab failed: Client not found in Kerberos database"
        )
    }

    @Test("every server's failure is named when failover tried several")
    func attempts() {
        var error = LDAPError(.unreachable, .bind, uri: "ldap://b", resultCode: -1)
        error.attempts = [LDAPError(.timeout, .bind, uri: "ldap://a", resultCode: -5), error]
        #expect(
            flags.message(error)
                == "no server answered (ldap://a: ldap://a did not answer the bind in time; ldap://b: cannot reach ldap://b); check --uri and that the server is up"
        )
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

@Suite("LDIF errors in words")
struct LDIFWordingTests {
    @Test(
        "file:line first, then what is wrong and what to do",
        arguments: [
            (LDIFError.Problem.noColon("cn No Colon"), "f.ldif:2: \"cn No Colon\" has no colon; write \"type: value\""),
            (
                .invalidBase64(attribute: "description", .misplacedPadding(offset: 2)),
                "padding in the wrong place at position 3"
            ),
            (.missingDN(startsWith: "objectClass"), "record starts with \"objectClass:\" but must start with \"dn:\""),
            (.urlRefused(attribute: "jpegPhoto", url: "file:///etc/passwd"), "URL values are refused by default"),
            (.cannotOpen(errno: ENOENT), "cannot open: No such file or directory; check the path and permissions"),
        ]
    )
    func words(problem: LDIFError.Problem, text: String) {
        let message = Wording.message(LDIFError(.syntax, source: "f.ldif", line: 2, problem: problem))
        #expect(message.hasPrefix("f.ldif:2: "))
        #expect(message.contains(text), "\(message)")
    }
}
