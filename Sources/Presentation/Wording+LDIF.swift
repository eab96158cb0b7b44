import Foundation
public import LDIF

extension Wording {
    /// An LDIF problem as `file:line: what is wrong; what to do`, the form editors link to.
    public static func message(_ error: LDIFError) -> String {
        (error.line > 0 ? "\(error.source):\(error.line): " : "\(error.source): ") + what(error.problem)
    }

    // swift-format-ignore: FunctionBodyLength
    static func what(_ problem: LDIFError.Problem) -> String {
        switch problem {
        case .lineTooLong(let limit): return "line is longer than \(limit) bytes; raise the limit or split the value"
        case .recordTooLarge(let limit):
            return "record is larger than \(limit) bytes; raise the limit or split the record"
        case .continuationAfterBlankLine:
            return "line starts with a space but follows a blank line, so there is nothing to continue; "
                + "remove the leading space or the blank line above"
        case .separatorOutsideModify: return "\"-\" separates sections of a changetype: modify record only; remove it"
        case .noColon(let line):
            return
                "\"\(line.excerpt(limit: 40))\" has no colon; write \"type: value\", or start a continuation line with a space"
        case .noAttributeType: return "line has no attribute type before the colon"
        case .invalidAttributeDescription(let name):
            return "\"\(name.excerpt())\" is not a valid attribute description (letters, digits, '-', '.', ';' only)"
        case .invalidBase64(let attribute, let failure):
            return
                "\"\(attribute.excerpt())::\" value is not valid base64 (\(base64(failure))); re-encode it or use a single "
                + "colon for plain text"
        case .urlRefused(let attribute, let url):
            return "\"\(attribute.excerpt()):<\" asks to read \(url.excerpt()); URL values are refused by default. "
                + "Inline the value, or allow file URLs if you trust this file"
        case .urlOtherHost(let url): return "\(url.excerpt()) names another host; only local file: URLs can be read"
        case .urlNotFile(let url): return "\(url.excerpt()) is not a file: URL; only file: URLs can be read"
        case .urlBadEscape(let url): return "\(url.excerpt()) has a bad %-escape"
        case .urlUnreadable(let path, let url): return "cannot read \(path.excerpt()) named by \(url.excerpt())"
        case .unsupportedVersion(let version):
            return "LDIF version \"\(version.excerpt())\" is not supported; only version 1 exists"
        case .include: return "\"include:\" is an OpenLDAP extension, not LDIF; merge the included file instead"
        case .missingDN(let name):
            return "record starts with \"\(name.excerpt()):\" but must start with \"dn:\"; add the dn: line, "
                + "or add a blank line if this continues the record above"
        case .secondDN: return "a second \"dn:\" inside one record; a blank line is probably missing before this line"
        case .deleteWithBody:
            return
                "a changetype: delete record takes no further lines; remove this line or start a new record after a blank line"
        case .unknownChangeType(let change):
            return "unknown changetype \"\(change.excerpt())\"; use add, delete, modify, modrdn or moddn"
        case .changeRecord(let change):
            return
                "a changetype: \(change.excerpt()) record where directory entries were expected; export plain entries "
                + "(slapcat, ldapsearch -LLL)"
        case .modificationExpected(let found):
            return "expected \"add:\", \"delete:\", \"replace:\" or \"increment:\" to start a modification, found "
                + "\"\(found.excerpt()):\""
        case .modificationWithoutAttribute(let operation): return "\"\(operation.excerpt()):\" names no attribute"
        case .valueOutsideSection(let attribute, let operation, let type):
            return
                "value for \"\(attribute.excerpt())\" inside \"\(operation): \(type.excerpt())\"; end the section with \"-\" first"
        case .modrdnNeedsNewRDN: return "a modrdn record needs a \"newrdn:\" line next"
        case .modrdnNeedsDeleteOldRDN:
            return "a modrdn record needs \"deleteoldrdn: 0\" or \"deleteoldrdn: 1\" after newrdn"
        case .deleteOldRDNNotBoolean(let value): return "deleteoldrdn must be 0 or 1, not \"\(value.excerpt())\""
        case .modrdnUnexpectedLine:
            return "unexpected line in a modrdn record; only newsuperior may follow deleteoldrdn"
        case .controlSyntax: return "write a control as \"control: <oid> [true|false] [: value]\""
        case .controlWithoutOID: return "control line has no OID; write \"control: 1.2.3.4 true\""
        case .controlTrailingText:
            return "unexpected text after the control OID; write \"control: <oid> [true|false] [: value]\""
        case .cannotOpen(let code):
            return "cannot open: \(String(cString: strerror(code))); check the path and permissions"
        case .readFailed(let code): return "read failed: \(String(cString: strerror(code)))"
        }
    }

    private static func base64(_ failure: LDIFError.Base64Failure) -> String {
        switch failure {
        case .invalidCharacter(let byte, let offset):
            let shown = byte == UInt8(ascii: " ") ? "a space" : "'\(String(decoding: [byte], as: UTF8.self))'"
            return "\(shown) at position \(offset + 1)"
        case .badLength(let count): return "\(count) characters is not a multiple of 4; padding is missing"
        case .misplacedPadding(let offset): return "'=' padding in the wrong place at position \(offset + 1)"
        }
    }
}
