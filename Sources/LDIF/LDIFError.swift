/// A problem in an LDIF input, with where it is and what to do about it.
///
/// Errors compare by ``code``; the message and position are context.
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

    /// The kind of problem.
    public var code: Code
    /// The input's name (a path, or `<stdin>`).
    public var source: String
    /// The 1-based line where the problem is, or 0 when it concerns the whole input.
    public var line: Int
    /// What is wrong and what to do about it.
    public var message: String
    /// The first line of the record (block) the problem is in; equals ``line`` unless set.
    public var recordLine: Int

    /// Creates an error.
    public init(_ code: Code, source: String, line: Int, message: String) {
        self.code = code
        self.source = source
        self.line = line
        self.message = message
        self.recordLine = line
    }

    /// `file:line: message`, the form editors and terminals link to.
    public var description: String {
        line > 0 ? "\(source):\(line): \(message)" : "\(source): \(message)"
    }

    public static func == (lhs: LDIFError, rhs: LDIFError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
