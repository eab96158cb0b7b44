import Foundation

/// What `rolecall report` remembers between runs: who held each listed role.
///
/// Written atomically (temporary file, fsync, rename) and only after a complete read of the
/// directory; a corrupt or foreign file is an error, never silently replaced. A lock file keeps two
/// runs from using one state file at once.
public struct ReportState: Sendable, Hashable {
    /// Active holders' DNs by listed role (as written in the list).
    public var holders: [String: [String]]
    /// When the run that wrote it happened.
    public var asOf: String

    /// Creates a state.
    public init(holders: [String: [String]], asOf: String) {
        self.holders = holders
        self.asOf = asOf
    }

    private static let marker = "rolecall-report-state"

    /// Reads a state file; nil when it does not exist yet.
    /// - Throws: ``RoleCallError`` `input` when the file is unreadable, corrupt, or not RoleCall's.
    public static func load(path: String) throws(RoleCallError) -> ReportState? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RoleCallError(.input, "\(path): cannot read the state file; check its permissions")
        }
        return try parse(Array(data), source: path)
    }

    /// Reads a state file's contents; `source` names it in errors.
    /// - Throws: ``RoleCallError`` `input` when the contents are corrupt or not RoleCall's.
    public static func parse(_ bytes: [UInt8], source path: String) throws(RoleCallError) -> ReportState {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw RoleCallError(
                .input,
                "\(path): the state file is not valid JSON (half-written or edited?); restore it, or move it away to start afresh"
            )
        }
        guard object["kind"] as? String == marker, object["schemaVersion"] as? Int == 1,
            let roles = object["holders"] as? [String: [String]], let asOf = object["asOf"] as? String
        else {
            throw RoleCallError(
                .input,
                "\(path): not a RoleCall report state file (or from another version); give --state a file of its own"
            )
        }
        return ReportState(holders: roles, asOf: asOf)
    }

    /// The state file's text.
    public var json: String {
        JSONValue.object([
            ("schemaVersion", .int(1)),
            ("kind", .string(Self.marker)),
            ("asOf", .string(asOf)),
            (
                "holders",
                .object(holders.sorted { $0.key < $1.key }.map { ($0.key, .array($0.value.map(JSONValue.string))) })
            ),
        ]).serialized()
    }
}

/// Writes files so that a reader sees the old content or the new, never half of either.
public enum AtomicFile {
    /// Writes `text` to `path` through a temporary file in the same folder, fsync and rename.
    /// - Throws: ``RoleCallError`` `input` naming the file.
    public static func write(_ text: String, to path: String) throws(RoleCallError) {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary =
            (directory.isEmpty ? "." : directory) + "/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw RoleCallError(
                .input,
                "\(path): cannot write (\(String(cString: strerror(errno)))); check the folder exists and is writable"
            )
        }
        let bytes = Array(text.utf8)
        var written = 0
        var failure: Int32 = 0
        while written < bytes.count, failure == 0 {
            let count = bytes[written...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                written += count
            } else if count == 0 {
                failure = EIO
            } else if errno != EINTR {
                failure = errno
            }
        }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        guard failure == 0 else {
            unlink(temporary)
            throw RoleCallError(
                .input,
                "\(path): writing failed (\(String(cString: strerror(failure)))); the old file is unchanged"
            )
        }
    }
}

/// An exclusive lock on `<state>.lock`, held while a report runs.
public final class StateLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock or fails at once if another run holds it.
    /// - Throws: ``RoleCallError`` `input` when the lock is held or cannot be created.
    public init(statePath: String) throws(RoleCallError) {
        let path = statePath + ".lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw RoleCallError(.input, "\(path): cannot create the lock file") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw RoleCallError(.input, "\(statePath) is in use by another rolecall report; wait for it to finish")
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
