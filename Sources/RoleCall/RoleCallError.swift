/// A failure of a RoleCall operation, with a message that says what to do.
///
/// Errors compare by ``code``. The CLI maps codes to exit status: ``Code-swift.struct/input`` to 2,
/// ``Code-swift.struct/unavailable`` and ``Code-swift.struct/emptyDirectory`` to 3.
public struct RoleCallError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure. New codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// An input file (LDIF, list, recipients, state) is malformed or unreadable.
        public static let input = Code("input")
        /// The directory could not be read.
        public static let unavailable = Code("unavailable")
        /// The directory was read but delivered no entries at all.
        public static let emptyDirectory = Code("emptyDirectory")
    }

    /// The kind of failure.
    public var code: Code
    /// What went wrong and what to do, starting with the file and line when there is one.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
