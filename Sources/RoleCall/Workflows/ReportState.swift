public import Foundation

/// What `rolecall report` remembers between runs: who held each listed role.
///
/// Written atomically (temporary file, fsync, rename) and only after a complete read of the
/// directory; a corrupt or foreign file is an error, never silently replaced. A lock file keeps two
/// runs from using one state file at once.
public struct ReportState: Sendable, Hashable {
    /// Active holders by listed role (as written in the list): DN, name and mail as they were.
    public var holders: [String: [Holder]]
    /// The instant the run that wrote it evaluated.
    public var asOf: Date
    /// The access list it belongs to, by name (nil in files from before names were kept).
    public var listName: String?

    /// Creates a state.
    public init(holders: [String: [Holder]], asOf: Date, listName: String? = nil) {
        self.holders = holders
        self.asOf = asOf
        self.listName = listName
    }

    /// Checks that the state belongs to the list named `name`.
    /// - Throws: ``RoleCallError/Problem-swift.enum/stateForAnotherList(path:listName:expected:)``.
    public func check(belongsTo name: String, path: String) throws(RoleCallError) {
        if let listName, listName != name {
            throw RoleCallError(.stateForAnotherList(path: path, listName: listName, expected: name))
        }
    }

    private static let marker = "rolecall-report-state"

    /// Reads a state file; nil when it does not exist yet.
    /// - Throws: ``RoleCallError`` when the file is unreadable, corrupt, or not RoleCall's.
    public static func load(path: String) throws(RoleCallError) -> ReportState? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RoleCallError(.unreadable(.state, path: path))
        }
        return try parse(Array(data), source: path)
    }

    /// Reads a state file's contents (version 2, or version 1's DN lists); `source` names it in errors.
    /// - Throws: ``RoleCallError`` when the contents are corrupt or not RoleCall's.
    public static func parse(_ bytes: [UInt8], source path: String) throws(RoleCallError) -> ReportState {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw RoleCallError(.stateNotJSON(path: path))
        }
        guard object["kind"] as? String == marker, let version = object["schemaVersion"] as? Int,
            version == 1 || version == 2,
            let roles = object["holders"] as? [String: [Any]], let asOfText = object["asOf"] as? String,
            let asOf = try? Date(asOfText, strategy: .iso8601)
        else { throw RoleCallError(.stateNotRoleCall(path: path)) }
        var holders: [String: [Holder]] = [:]
        for (role, values) in roles {
            holders[role] = try values.map { value throws(RoleCallError) in
                switch (version, value) {
                case (1, let dn as String):
                    return Holder(dn: dn, name: nil, mail: nil, title: role, via: .title)
                case (2, let fields as [String: Any]):
                    guard let dn = fields["dn"] as? String else { throw RoleCallError(.stateNotRoleCall(path: path)) }
                    return Holder(
                        dn: dn,
                        name: fields["name"] as? String,
                        mail: fields["mail"] as? String,
                        title: fields["title"] as? String ?? role,
                        via: (fields["via"] as? String).flatMap(HolderSource.init) ?? .title
                    )
                default:
                    throw RoleCallError(.stateNotRoleCall(path: path))
                }
            }
        }
        return ReportState(holders: holders, asOf: asOf, listName: object["listName"] as? String)
    }

    /// The state file's text (version 2).
    public var json: String {
        JSONValue.object([
            ("schemaVersion", .int(2)),
            ("kind", .string(Self.marker)),
            ("asOf", .string(asOf.formatted(.iso8601))),
            ("listName", .string(listName)),
            (
                "holders",
                .object(
                    holders.sorted { $0.key < $1.key }.map { role, holders in
                        (
                            role,
                            .array(
                                holders.map {
                                    .object([
                                        ("dn", .string($0.dn)), ("name", .string($0.name)), ("mail", .string($0.mail)),
                                        ("title", .string($0.title)), ("via", .string($0.via.rawValue)),
                                    ])
                                }
                            )
                        )
                    }
                )
            ),
        ]).serialized()
    }
}

/// An exclusive lock on `<state>.lock`, held while a report runs.
package final class StateLock: Sendable {
    private let descriptor: Int32
    private let path: String

    /// Takes the lock or fails at once if another run holds it.
    /// - Throws: ``RoleCallError`` when the lock is held or cannot be created.
    package init(statePath: String) throws(RoleCallError) {
        let path = statePath + ".lock"
        while true {
            let descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw RoleCallError(.cannotWrite(.stateLock, path: path, errno: errno)) }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                close(descriptor)
                throw RoleCallError(.stateInUse(path: statePath))
            }
            // The lock file is removed when a run ends: a lock taken on a file that was removed
            // meanwhile guards nothing, so take the one that is at the path now.
            var held = stat()
            var current = stat()
            if fstat(descriptor, &held) == 0, stat(path, &current) == 0, held.st_dev == current.st_dev,
                held.st_ino == current.st_ino
            {
                self.descriptor = descriptor
                self.path = path
                return
            }
            close(descriptor)
        }
    }

    /// Removes the lock file, then releases the lock: no run is left holding a stale file.
    deinit {
        unlink(path)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
