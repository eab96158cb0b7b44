/// A problem in an LDIF input: the kind, where it is (file, line, the record's first line) and
/// what is wrong (``Problem-swift.enum``, with the values concerned). Wording it for people is the
/// caller's job (RoleCall's presentation layer does it for RoleCall).
///
/// Errors compare by ``code``; the position and problem are context.
public struct LDIFError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is. New codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// A line or record is not valid LDIF.
        public static let syntax = Code("syntax")
        /// A `::` value is not valid base64.
        public static let base64 = Code("base64")
        /// A block of lines has no `dn:` line.
        public static let missingDN = Code("missingDN")
        /// A change record is incomplete or malformed.
        public static let changeRecord = Code("changeRecord")
        /// A `:<` URL value was refused or could not be read.
        public static let url = Code("url")
        /// A line or record is larger than the configured limit.
        public static let tooLarge = Code("tooLarge")
        /// The input could not be read.
        public static let io = Code("io")
        /// An unsupported LDIF version or extension (`include:`).
        public static let unsupported = Code("unsupported")
    }

    /// What is wrong, with the values that say what. Text taken from the input is cut to
    /// ``excerptLimit`` characters. New cases may be added; switch with a `default`.
    public enum Problem: Sendable, Hashable {
        /// A physical line longer than the limit (bytes).
        case lineTooLong(limit: Int)
        /// A record (block of lines) larger than the limit (bytes).
        case recordTooLarge(limit: Int)
        /// A line starting with a space right after a blank line: nothing to continue.
        case continuationAfterBlankLine
        /// A `-` line outside a `changetype: modify` record.
        case separatorOutsideModify
        /// A line without a colon (the line's start).
        case noColon(String)
        /// A line with nothing before its colon.
        case noAttributeType
        /// An attribute description with characters LDIF does not allow.
        case invalidAttributeDescription(String)
        /// A `::` value that is not base64: the attribute and how it fails.
        case invalidBase64(attribute: String, Base64Failure)
        /// A `:<` URL value while URLs are not allowed.
        case urlRefused(attribute: String, url: String)
        /// A `file:` URL naming another host.
        case urlOtherHost(String)
        /// A URL that is not `file:`.
        case urlNotFile(String)
        /// A URL with a malformed `%` escape.
        case urlBadEscape(String)
        /// A `file:` URL whose file cannot be read.
        case urlUnreadable(path: String, url: String)
        /// A `version:` other than 1.
        case unsupportedVersion(String)
        /// OpenLDAP's `include:` extension.
        case include
        /// A record that does not start with `dn:` (the attribute it starts with).
        case missingDN(startsWith: String)
        /// A second `dn:` inside one record.
        case secondDN
        /// A `changetype: delete` record with more lines.
        case deleteWithBody
        /// A `changetype:` other than add, delete, modify, modrdn, moddn.
        case unknownChangeType(String)
        /// A change record where plain entries were expected (the change type).
        case changeRecord(String)
        /// A modify section that does not start with add, delete, replace or increment (what it starts with).
        case modificationExpected(found: String)
        /// A modify section whose operation names no attribute (the operation).
        case modificationWithoutAttribute(String)
        /// A value of another attribute inside a modify section.
        case valueOutsideSection(attribute: String, operation: String, type: String)
        /// A modrdn record without `newrdn:` next.
        case modrdnNeedsNewRDN
        /// A modrdn record without `deleteoldrdn:` after `newrdn:`.
        case modrdnNeedsDeleteOldRDN
        /// A `deleteoldrdn:` other than 0 or 1.
        case deleteOldRDNNotBoolean(String)
        /// A line after `deleteoldrdn:` other than `newsuperior:`.
        case modrdnUnexpectedLine
        /// A `control:` line that is not `<oid> [true|false] [: value]`.
        case controlSyntax
        /// A `control:` line without an OID.
        case controlWithoutOID
        /// Text after a control's OID that is not a criticality or a value.
        case controlTrailingText
        /// The file cannot be opened (the system's `errno`).
        case cannotOpen(errno: Int32)
        /// Reading failed (the system's `errno`).
        case readFailed(errno: Int32)
    }

    /// How a base64 value fails to decode.
    public enum Base64Failure: Sendable, Hashable {
        /// A character outside the alphabet at this 0-based position.
        case invalidCharacter(UInt8, offset: Int)
        /// A length that is not a multiple of 4.
        case badLength(Int)
        /// `=` padding where it cannot be.
        case misplacedPadding(offset: Int)
    }

    /// The longest text from the input an error keeps.
    public static let excerptLimit = 200

    /// The kind of problem.
    public var code: Code
    /// The input's name (a path, or `<stdin>`).
    public var source: String
    /// The 1-based line where the problem is, or 0 when it concerns the whole input.
    public var line: Int
    /// What is wrong.
    public var problem: Problem
    /// The first line of the record (block) the problem is in; equals ``line`` unless set.
    public var recordLine: Int

    /// Creates an error.
    public init(_ code: Code, source: String, line: Int, problem: Problem) {
        self.code = code
        self.source = source
        self.line = line
        self.problem = problem
        self.recordLine = line
    }

    /// `file:line: code: problem`, for logs.
    public var description: String {
        (line > 0 ? "\(source):\(line): " : "\(source): ") + "\(code): \(problem)"
    }

    public static func == (lhs: LDIFError, rhs: LDIFError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}

extension String {
    /// The text cut to ``LDIFError/excerptLimit`` characters for an error.
    package var forError: String { count > LDIFError.excerptLimit ? String(prefix(LDIFError.excerptLimit)) : self }
}

extension LDIFError.Base64Failure {
    init(_ failure: Base64.Failure) {
        switch failure {
        case .invalidCharacter(let byte, let offset): self = .invalidCharacter(byte, offset: offset)
        case .badLength(let count): self = .badLength(count)
        case .misplacedPadding(let offset): self = .misplacedPadding(offset: offset)
        }
    }
}
