public import Foundation
public import LDAPClient
public import LDIF

/// A failure of a RoleCall operation: a ``Problem-swift.enum`` with the values a caller needs
/// (file, line, URI, the LDIF or LDAP error underneath). Wording it for people is the
/// presentation layer's job; ``description`` is for logs.
///
/// Errors compare by ``problem``. ``code`` groups problems the way exit statuses do.
public struct RoleCallError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure, grouped by what a caller does about it.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// An input (a file, a setting) is malformed, unreadable or unsafe.
        public static let input = Code("input")
        /// The directory could not be read.
        public static let unavailable = Code("unavailable")
        /// The directory was read but delivered no entries at all.
        public static let emptyDirectory = Code("emptyDirectory")
    }

    /// The kind of file a problem is in.
    public enum FileKind: String, Sendable, Hashable, CaseIterable {
        case ldif, accessList, recipients, state, stateLock, password, configuration, output, certificate, snapshot
        case evidence, evidenceKey
    }

    /// What is wrong with a configuration file's JSON.
    public enum ConfigurationIssue: String, Sendable, Hashable, CaseIterable {
        /// The file is not JSON.
        case notJSON
        /// The file is JSON but not an object.
        case notObject
        /// A required key is missing.
        case missing
        /// A value has the wrong type.
        case wrongType
        /// The same setting is given under two names.
        case duplicate
    }

    /// Why a file cannot be used as a snapshot.
    public enum SnapshotFileProblem: Sendable, Hashable {
        /// The file is not a RoleCall snapshot.
        case notASnapshot
        /// The file ends before its header says it does.
        case truncated
        /// The file is in a newer format than this RoleCall reads (the format version).
        case newerFormat(Int)
        /// The file is in an older format than this RoleCall writes (the format version); rebuild it.
        case olderFormat(Int)
        /// The file's header or a table (named) does not match its checksum or its own lengths.
        case damaged(table: String?)
    }

    /// What went wrong, with its values. New cases may be added; switch with a `default`.
    public enum Problem: Sendable, Hashable {
        /// The file does not exist or cannot be read.
        case unreadable(FileKind, path: String)
        /// A list file holds no items.
        case emptyList(FileKind, path: String)
        /// A line of a list is not valid UTF-8.
        case notUTF8(FileKind, path: String, line: Int)
        /// A line of a list holds a control character.
        case controlCharacter(FileKind, path: String, line: Int, byte: UInt8)
        /// A line of a list is longer than any role or address.
        case lineTooLong(FileKind, path: String, line: Int, length: Int)
        /// A CSV line has an opening quote without its closing one.
        case unclosedQuote(path: String, line: Int)
        /// A CSV access list has no `role` column.
        case noRoleColumn(path: String, line: Int)
        /// A listed role has no letters or digits.
        case roleWithoutLetters(path: String, line: Int, role: String)
        /// A listed role is the same role as an earlier line.
        case duplicateRole(path: String, line: Int, role: String, earlierLine: Int, earlierRole: String)
        /// The LDIF export is malformed or unreadable.
        case ldif(LDIFError)
        /// An entry's DN in the LDIF export does not parse.
        case invalidDN(path: String, line: Int, dn: String)
        /// The LDIF export holds no entries.
        case emptyExport(path: String)
        /// The directory server failed, refused or is unsafe to use.
        case directory(LDAPError)
        /// The search delivered nothing with a title or a role entry.
        case noEntries(uri: String, base: String, titleAttribute: String, roleObjectClass: String)
        /// No search base was given and the server has none or several naming contexts.
        case namingContexts(uri: String, contexts: [String])
        /// The server returned an entry whose DN does not parse.
        case unparsableEntryDN(uri: String, dn: String)
        /// An entry asked for by DN (a recipient, or a group to sign in by) that the server would not
        /// show: access refused, or a referral to another server.
        case entryNotShown(dn: String, LDAPError)
        /// The state file is not JSON (half-written or edited).
        case stateNotJSON(path: String)
        /// The state file is not a RoleCall report state, or from an unknown version.
        case stateNotRoleCall(path: String)
        /// The state file belongs to another access list (its name, and the name of this run's).
        case stateForAnotherList(path: String, listName: String, expected: String)
        /// The output file is one of the run's inputs.
        case outputIsInput(path: String, input: FileKind)
        /// Another run holds the state file's lock.
        case stateInUse(path: String)
        /// A file could not be written; the old content is unchanged.
        case cannotWrite(FileKind, path: String, errno: Int32)
        /// The configuration file is not JSON, or a key is missing or of the wrong type.
        case configurationSyntax(path: String, key: String?, issue: ConfigurationIssue)
        /// The configuration file has a key its format does not (dotted path for nested keys).
        case configurationUnknownKey(path: String, key: String)
        /// An instant that is not a date or date-time, or an impossible one.
        case invalidInstant(String)
        /// A time-zone name that is not an IANA zone.
        case unknownTimeZone(String)
        /// A configured account-state rule names a reason other than disabled, locked or expired.
        case configurationReason(path: String, reason: String)
        /// A SASL mechanism RoleCall cannot bind with.
        case unsupportedSASLMechanism(String, configuration: String?)
        /// A keytab or principal given without the GSSAPI mechanism.
        case kerberosWithoutGSSAPI(configuration: String?)
        /// The caller cancelled the read.
        case cancelled
        /// A file cannot be used as a snapshot.
        case snapshotUnusable(path: String, SnapshotFileProblem)
        /// A snapshot file was built with another mapping, other rules or another title matcher
        /// than the current configuration: the setting, and its value in the file and now.
        case snapshotBuiltDifferently(path: String, setting: String, snapshot: String?, current: String?)
        /// A snapshot file reflects the directory at an instant older than allowed.
        case snapshotTooOld(path: String, reflects: Date, maxAge: TimeInterval)
        /// An age limit that is not a span of time (`15m`, `2h`).
        case invalidAge(String)
        /// A snapshot read from a file turned out damaged while answering (a table named).
        case snapshotDamaged(path: String, table: String)
        /// An incremental refresh would remove more of the snapshot's entries than allowed (a
        /// server restored from an old backup, a base or filter gone wrong): nothing was written.
        case refreshRemovesTooMany(path: String, removed: Int, of: Int, maximumShare: Double)
        /// A bind DN with no password from any source and no terminal to ask on.
        case passwordNeeded(bindDN: String)
        /// A piece of a recipients file (at a line and column, in characters) is not a recipient.
        case unparsableRecipient(path: String, line: Int, column: Int, text: String, RecipientProblem)
        /// An Outlook message file (`.msg`) cannot be read for recipients.
        case unreadableMessage(path: String, MessageFileProblem)
        /// The evidence file ends in a record cut short (a crash while writing, or an edit): nothing
        /// is appended until a person has looked.
        case evidenceHalfWritten(path: String)
        /// The evidence file's records are sealed, but no key was given to check the seals with.
        case evidenceNeedsKey(path: String)
    }

    /// What went wrong.
    public var problem: Problem

    /// Creates an error.
    public init(_ problem: Problem) { self.problem = problem }

    /// The kind of failure.
    public var code: Code {
        switch problem {
        case .directory(let error) where error.code == .configuration: .input
        case .directory, .unparsableEntryDN, .entryNotShown, .snapshotTooOld: .unavailable
        case .noEntries, .emptyExport: .emptyDirectory
        default: .input
        }
    }

    /// The code and the problem's values, for logs.
    public var description: String { "\(code): \(problem)" }
}
