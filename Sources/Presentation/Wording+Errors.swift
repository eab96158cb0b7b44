public import RoleCall

import Foundation
import LDIF

extension Wording {
    /// What went wrong and what to do, starting with the file and line when there is one.
    public func message(_ error: RoleCallError) -> String {
        switch error.problem {
        case .unreadable(let kind, let path):
            return "\(path): cannot read the \(Self.noun(kind)); check the path and permissions"
        case .emptyList(.accessList, let path):
            return "\(path): the access list names no roles; write one role per line"
        case .emptyList(let kind, let path):
            return "\(path): the \(Self.noun(kind)) is empty; write one item per line"
        case .notUTF8(_, let path, let line):
            return "\(path):\(line): not valid UTF-8; save the file as UTF-8"
        case .controlCharacter(_, let path, let line, let byte):
            return
                "\(path):\(line): contains the control character 0x\(String(byte, radix: 16, uppercase: true)); remove it"
        case .lineTooLong(_, let path, let line, let length):
            return "\(path):\(line): a line of \(length) characters is not a role or an address; check the file"
        case .unclosedQuote(let path, let line):
            return "\(path):\(line): a quoted field is not closed"
        case .unparsableRecipient(let path, let line, let column, let text, let problem):
            return "\(path):\(line):\(column): \"\(text.excerpt())\" " + Self.recipientFailure(problem)
        case .unreadableMessage(let path, let problem):
            return "\(path): " + Self.messageFailure(problem)
        case .evidenceNeedsKey(let path):
            return "\(path) is sealed: give the key it was sealed with (\(settingName(.evidenceKey)) FILE); "
                + "without it, rewritten records could pass as intact"
        case .evidenceHalfWritten(let path):
            return "\(path) ends in a record cut short; run 'rolecall evidence verify \(path)' and keep the file "
                + "for inspection; nothing was added"
        case .noRoleColumn(let path, let line):
            return "\(path):\(line): no \"role\" column in the header; name the column of roles \"role\""
        case .roleWithoutLetters(let path, let line, let role):
            return "\(path):\(line): \"\(role.excerpt())\" has no letters or digits; write a role title"
        case .duplicateRole(let path, let line, let role, let earlierLine, let earlierRole):
            return "\(path):\(line): \"\(role)\" is the same role as line \(earlierLine) (\"\(earlierRole)\"); "
                + "list each role once, with (x2) for two holders"
        case .ldif(let error):
            return Self.message(error)
        case .invalidDN(let path, let line, let dn):
            return "\(path):\(line): " + Self.dnFailure(dn)
        case .emptyExport(let path):
            return "\(path) holds no entries; check that it is the right export"
        case .directory(let error):
            return message(error)
        case .noEntries(let uri, let base, let title, let roleObjectClass):
            return "\(uri) returned no entries with a \(title) or a \(roleObjectClass) under \(base); check "
                + "\(settingName(.base)), and that \(settingName(.bindDN)) may read them (an anonymous search often sees nothing)"
        case .namingContexts(let uri, let contexts):
            return "\(uri) has \(contexts.isEmpty ? "no" : "several") naming contexts"
                + (contexts.isEmpty ? "" : " (\(contexts.joined(separator: "; ")))")
                + "; say which with \(settingName(.base))"
        case .unparsableEntryDN(let uri, let dn):
            return "\(uri) returned an entry whose DN does not parse: \(dn.excerpt())"
        case .entryNotShown(let dn, let error):
            return "the server would not show \(dn.excerpt()): \(message(error)); check that \(settingName(.bindDN)) "
                + "may read it, and that it is held by this server rather than one it refers to"
        case .stateNotJSON(let path):
            return
                "\(path): the state file is not valid JSON (half-written or edited?); restore it, or move it away to start afresh"
        case .stateNotRoleCall(let path):
            return
                "\(path): not a RoleCall report state file (or from another version); give \(settingName(.state)) a file of its own"
        case .stateForAnotherList(let path, let listName, let expected):
            return "\(path) is the state of the access list \"\(listName.excerpt())\", not \"\(expected.excerpt())\"; "
                + "give \(settingName(.state)) a file of its own for each list (it is left unchanged)"
        case .outputIsInput(let path, let input):
            return
                "\(path) is also this run's \(Self.noun(input)); write the results to another file (nothing was written)"
        case .stateInUse(let path):
            return "\(path) is in use by another rolecall report; wait for it to finish"
        case .cannotWrite(.stateLock, let path, _):
            return "\(path): cannot create the lock file"
        case .cannotWrite(_, let path, let code):
            return
                "\(path): writing failed (\(String(cString: strerror(code)))); check the folder exists and is writable; "
                + "the old file is unchanged"
        case .configurationSyntax(let path, let key, let issue):
            let detail =
                switch issue {
                case .notJSON: "not valid JSON"
                case .notObject: "is not a JSON object"
                case .missing: "is missing"
                case .wrongType: "has the wrong type"
                case .duplicate: "and \"attributeMapping\" are the same setting; keep one"
                }
            return "\(path): " + (key.map { "\"\($0)\" \(detail)" } ?? detail) + "; see Docs/cli.md for the format"
        case .configurationUnknownKey(let path, let key):
            return "\(path): unknown key \"\(key)\"; check its spelling (see Docs/cli.md for the keys)"
        case .invalidInstant(let text):
            return
                "\(settingName(.asOf)) \"\(text.excerpt())\" is not a date or time; write 2026-06-01, 2026-06-01T09:30 "
                + "(read in \(settingName(.timeZone))) or 2026-06-01T09:30:00Z"
        case .unknownTimeZone(let name):
            return
                "\(settingName(.timeZone)) \"\(name.excerpt())\" is not a time zone; write an IANA name such as Europe/London or UTC"
        case .configurationReason(let path, let reason):
            return "\(path): accountStateRules reason \"\(reason)\" must be disabled, locked or expired"
        case .unsupportedSASLMechanism(let mechanism, let configuration):
            return
                "\(configuration.map { "\($0): saslMech" } ?? settingName(.saslMechanism)) \(mechanism) is not supported; "
                + "use EXTERNAL or GSSAPI"
        case .kerberosWithoutGSSAPI(let configuration):
            // Only a configuration file reaches this: the command checks its own flags first.
            return configuration.map { "\($0): a keytab or principal is for Kerberos; set saslMech to GSSAPI" }
                ?? "a keytab or principal is for Kerberos; set \(settingName(.saslMechanism)) to GSSAPI"
        case .cancelled:
            return "cancelled; nothing was written"
        case .passwordNeeded(let bindDN):
            return
                "\(settingName(.bindDN)) \(bindDN) needs a password: use \(settingName(.password)) FILE or set ROLECALL_PASSWORD"
        case .snapshotUnusable(let path, let problem):
            let why =
                switch problem {
                case .notASnapshot: "is not a RoleCall snapshot"  // worded above
                case .truncated: "is cut short (a copy or a disk that filled up?)"
                case .newerFormat(let version): "is in snapshot format \(version), newer than this rolecall reads"
                case .olderFormat(let version): "is in snapshot format \(version), older than this rolecall reads"
                case .damaged(let table?): "is damaged (its \(table) table)"
                case .damaged(nil): "is damaged (its header)"
                }
            if problem == .notASnapshot {
                return "\(path) is not a RoleCall snapshot: 'rolecall snapshot' writes them, and replaces no other file"
            }
            return "\(path) \(why); rebuild it with 'rolecall snapshot \(path)' and a source"
        case .snapshotBuiltDifferently(let path, let setting, let stored, let current):
            let quoted = { (value: String?) in value.map { "\"\($0.excerpt())\"" } ?? "(not set)" }
            return "\(path) was built with \(setting) \(quoted(stored)), but it is now "
                + "\(quoted(current)); rebuild it with 'rolecall snapshot \(path)' and a source"
        case .snapshotTooOld(let path, let reflects, let maxAge):
            return "\(path) reflects the directory as of \(JSONDocuments.instant(reflects)), "
                + "\(TimeSpan.text(-reflects.timeIntervalSinceNow)) ago, older than \(settingName(.maxAge)) "
                + "\(TimeSpan.text(maxAge)); refresh it with 'rolecall snapshot \(path)' and a source"
        case .invalidAge(let text):
            return "\(settingName(.maxAge)) \"\(text.excerpt())\" is not an age; write it like 90s, 15m, 2h or 1d"
        case .snapshotDamaged(let path, let table):
            return "\(path): the snapshot is damaged (its \(table) table); nothing was answered from it. "
                + "Rebuild it with 'rolecall snapshot \(path)' and a source"
        case .refreshRemovesTooMany(let path, let removed, let total, let share):
            return "the refresh of \(path) would remove \(removed.formatted()) of its \(total.formatted()) entries, "
                + "more than \(Int((share * 100).rounded()))%; it was left unchanged. If the directory really "
                + "lost them, read it all again with 'rolecall snapshot --full \(path)'"
        @unknown default:
            return error.description
        }
    }

    /// A directory failure: what happened, where, the server's words, and what to do.
    public func message(_ error: LDAPError) -> String {
        let text = Self.what(error) + (error.diagnostic.map { " (\($0))" } ?? "")
        let attempts =
            error.attempts.count > 1
            ? " ("
                + error.attempts.map { "\($0.uri ?? ""): \(Self.what($0))" + ($0.diagnostic.map { " (\($0))" } ?? "") }
                .joined(separator: "; ") + ")" : ""
        let head = error.attempts.count > 1 ? "no server answered" + attempts : text
        return head + (hint(for: error).map { "; \($0)" } ?? "")
    }

    /// What happened, without the server's diagnostic or a hint.
    static func what(_ error: LDAPError) -> String {
        let uri = error.uri ?? "the server"
        let result = error.resultName ?? error.resultCode.map { "result \($0)" } ?? "an error"
        switch error.situation {
        case .noServer: return "no server to connect to"
        case .invalidURI:
            return error.resultCode == nil ? "\(uri) is not an LDAP URI" : "\(uri) is not a usable LDAP URI (\(result))"
        case .optionRefused(let option): return "libldap refused to set its option \(option)"
        case .cleartextPassword: return "refusing to send a password in cleartext to \(uri)"
        case .unreadableFile(let path): return "cannot read \(path)"
        case .certificateWithoutKey: return "a client certificate needs its key, and a key its certificate"
        case .kerberosNeedsHostName: return "a Kerberos keytab or principal needs a host name in \(uri)"
        case .pageRepeated: return "\(uri) sent a page of entries it had already sent; stopped to avoid a loop"
        case .emptyPages(let count):
            return "\(uri) sent \(count) empty pages in a row without ending the search; stopped"
        case .rangeRetrieval(let attribute, let dn, let endless):
            return endless
                ? "\(uri) keeps sending more ranges of \(attribute) for \(dn.excerpt())"
                : "\(uri) did not return the next range of \(attribute) for \(dn.excerpt())"
        case .cancelled: return "cancelled; nothing was written"
        case .otherPrincipal(let cached, let wanted):
            return "the credential cache holds a ticket for \(cached ?? "another principal"), not \(wanted)"
        case .kerberos(let step, let subject): return kerberos(step, subject: subject, result: result)
        case .startTLS, .bind, .saslBind: return connection(error, uri: uri, result: result)
        case .search(let base):
            switch error.code {
            case .timeout: return "\(uri) did not finish the search in time"
            case .noSuchObject: return "\(base.excerpt()) does not exist on \(uri)"
            case .refused: return "\(uri) refused the search: \(result)"
            case .unreachable: return "lost the connection to \(uri) during the search"
            default:
                switch error.resultCode {
                case 4, 11: return "\(uri) stopped the search at its size limit"
                case 10, 9: return "\(uri) referred the search elsewhere instead of answering"
                default: return "\(uri) ended the search with an error: \(result)"
                }
            }
        }
    }

    private static func connection(_ error: LDAPError, uri: String, result: String) -> String {
        let step: String
        switch error.situation {
        case .startTLS: step = "StartTLS"
        case .saslBind(let mechanism): step = "SASL \(mechanism) bind"
        default: step = "bind"
        }
        switch (error.code, error.situation) {
        case (.saslMechanismUnavailable, .saslBind(let mechanism)): return "\(uri) does not offer SASL \(mechanism)"
        case (.invalidCredentials, .saslBind(let mechanism)): return "\(uri) refused the SASL \(mechanism) bind"
        case (.saslFailed, .saslBind(let mechanism)):
            return "the SASL \(mechanism) exchange with \(uri) failed on this side"
        case (.invalidCredentials, _): return "\(uri) refused the bind: invalid credentials"
        case (.timeout, _): return "\(uri) did not answer the \(step) in time"
        case (.tls, _):
            return
                "TLS with \(uri) failed: the server's certificate is not trusted, has expired, or does not match the host name"
        case (.unreachable, _): return "cannot reach \(uri)"
        default:
            if error.resultCode == 13 || error.resultCode == 8 { return "\(uri) requires an encrypted connection" }
            return "\(uri) refused the \(step): \(result)"
        }
    }

    private static func kerberos(_ step: LDAPError.KerberosStep, subject: String?, result: String) -> String {
        let about = subject.map { " \($0)" } ?? ""
        switch step {
        case .start: return "cannot start Kerberos (\(result))"
        case .openCache: return "opening the credential cache failed: \(result)"
        case .readKeytab: return "reading the keytab\(about) failed: \(result)"
        case .readPrincipal: return "reading the principal\(about) failed: \(result)"
        case .getTicket:
            return "getting a ticket for \(subject ?? "the keytab's principal") with the keytab failed: \(result)"
        case .storeTicket: return "storing the ticket failed: \(result)"
        case .switchCache: return "GSSAPI would not use the keytab's credential cache"
        case .findTicket: return "no Kerberos ticket in the credential cache (\(result))"
        case .findRealm: return "finding the realm of\(about) failed: \(result)"
        case .getServiceTicket: return "getting a ticket for\(about) failed: \(result)"
        }
    }

    /// What to do about a directory failure, naming the setting to change.
    public func hint(for error: LDAPError) -> String? {
        // RFC 4511 result codes.
        let result = error.resultCode
        switch error.code {
        case .unreachable: return "check \(settingName(.uri)) and that the server is up"
        case .timeout:
            if case .search = error.situation {
                return "raise \(settingName(.timeout)) or narrow \(settingName(.base))"
            }
            return "check the server or raise \(settingName(.timeout))"
        case .invalidCredentials:
            if case .saslBind = error.situation { return nil }
            return "check \(settingName(.bindDN)) and the password"
        case .tls:
            return "pass \(settingName(.caFile)) with the CA that signed it, and use the host name in the certificate"
        case .noSuchObject: return "check \(settingName(.base))"
        case .refused:
            switch (error.situation, result) {
            case (.search, _): return "check \(settingName(.bindDN)) and its access rights"
            case (_, 13), (_, 8): return "use ldaps:// or \(settingName(.startTLS))"
            default: return nil
            }
        case .incompleteResult:
            switch result {
            case 4, 11:
                return "use paging (\(settingName(.pageSize))) or ask the directory's administrator for a higher limit"
            case 10, 9: return "point \(settingName(.uri)) at a server that holds the search base"
            default: return nil
            }
        case .configuration:
            switch error.situation {
            case .noServer: return "give \(settingName(.uri)) ldaps://host"
            case .invalidURI: return "write ldap://host, ldaps://host or ldapi://"
            case .cleartextPassword:
                return
                    "use ldaps:// or \(settingName(.startTLS)); pass \(settingName(.allowInsecure)) only if the network is trusted"
            case .unreadableFile: return error.setting.map { "check \(settingName(Setting($0)))" }
            case .certificateWithoutKey:
                return "give both \(settingName(.clientCertificate)) and \(settingName(.clientKey))"
            default: return nil
            }
        default: return nil
        }
    }

    /// A snapshot warning: where, what, and what RoleCall did about it.
    public static func message(_ warning: SnapshotWarning) -> String {
        let place = warning.origin.map { "\($0): " } ?? ""
        switch warning.kind {
        case .invalidUTF8:
            return
                "\(place)\"\(warning.attribute)\" of \(warning.dn.excerpt()) is not valid UTF-8; read with replacement characters"
        case .unparsableOccupant:
            return
                "\(place)\(warning.attribute) of \(warning.dn.excerpt()): \(dnFailure(warning.value ?? "")); counted as missing"
        }
    }

    /// Why a DN does not parse.
    static func dnFailure(_ text: String) -> String {
        do {
            _ = try DistinguishedName(text)
            return "\"\(text.excerpt())\" is not a valid DN"
        } catch { return message(error) }
    }

    /// A DN that does not parse: the text, what is wrong, and where.
    public static func message(_ error: DistinguishedNameError) -> String {
        let reason: String
        switch error.reason {
        case .expectedSeparator: reason = "expected ',' or '+' after a value"
        case .trailingSeparator: reason = "nothing after the last ','"
        case .missingAttributeType: reason = "an attribute type is missing"
        case .expectedEquals(let type): reason = "expected '=' after \"\(type.excerpt())\""
        case .unescaped(let character): reason = "'\(character)' must be escaped"
        case .trailingBackslash: reason = "'\\' at the end"
        case .invalidEscape: reason = "'\\' must be followed by a special character or two hex digits"
        case .unclosedQuote: reason = "a quoted value is not closed"
        case .invalidHexValue: reason = "'#' must be followed by pairs of hex digits"
        }
        return "\"\(error.text.excerpt())\" is not a valid DN: \(reason) at character \(error.position)"
    }

    static func recipientFailure(_ problem: RecipientProblem) -> String {
        switch problem {
        case .nameWithoutAddress: "is a name without an address; copy the address too (Name <address>)"
        case .unclosedAngleBracket: "opens < without closing it with >"
        case .unclosedQuote: "opens a quotation mark without closing it"
        case .unclosedComment: "opens ( without closing it with )"
        case .textAfterAddress: "has text after <address>; separate recipients with ; or ,"
        case .emptyAddress: "has an empty address"
        case .notAnAddress: "is not a mail address; separate recipients with ; or ,"
        case .notAHeaderField: "is not a header field, but comes before the first blank line of the message"
        }
    }

    static func messageFailure(_ problem: MessageFileProblem) -> String {
        switch problem {
        case .damaged:
            "is not a readable Outlook message (the compound file is damaged or cut short); save the message again"
        case .noRecipients: "the Outlook message has no recipients; address the draft before saving it"
        case .recipientWithoutAddress(let name):
            "the Outlook message's recipient \"\(name.excerpt())\" has no SMTP address; "
                + "resolve the names in Outlook (Check Names) and save again"
        }
    }

    static func noun(_ kind: RoleCallError.FileKind) -> String {
        switch kind {
        case .ldif: "LDIF file"
        case .accessList: "access list"
        case .recipients: "recipients list"
        case .state: "state file"
        case .stateLock: "lock file"
        case .password: "password file"
        case .configuration: "configuration file"
        case .output: "output file"
        case .certificate: "certificate, key or keytab"
        case .snapshot: "snapshot file"
        case .evidence: "evidence file"
        case .evidenceKey: "evidence key file"
        }
    }
}
