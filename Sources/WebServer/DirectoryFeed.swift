import Foundation
public import RoleCall

/// The directory a web server answers from: a snapshot read once at start, or a snapshot file
/// followed as the scheduled `rolecall snapshot` replaces it (checked on each request; the file is
/// mapped, so switching costs an open, not a read).
public actor DirectoryFeed {
    /// A snapshot file being followed and what identified the version open now.
    private struct FollowedFile {
        var path: String
        var open: (@Sendable (String) async throws(RoleCallError) -> DirectorySnapshot)
        var version: FileVersion
    }

    /// What changes when a file is replaced: its inode, size and modification time.
    private struct FileVersion: Equatable {
        var inode: UInt64
        var size: Int64
        var modified: Int

        init?(path: String) {
            var status = stat()
            guard stat(path, &status) == 0 else { return nil }
            inode = UInt64(status.st_ino)
            size = Int64(status.st_size)
            modified = status.st_mtim.tv_sec * 1_000_000_000 + status.st_mtim.tv_nsec
        }
    }

    private var snapshot: DirectorySnapshot
    private var followed: FollowedFile?
    /// The current snapshot's group memberships worked out so far, by group DN.
    private var memberships: [String: GroupMembership] = [:]

    /// Answers from one snapshot for the server's whole life (an LDIF export or a server read at start).
    /// - Parameter snapshot: The directory.
    public init(fixed snapshot: DirectorySnapshot) {
        self.snapshot = snapshot
    }

    /// Follows a snapshot file: opened now (its problems stop the start), reopened when replaced.
    /// - Parameters:
    ///   - path: The snapshot file.
    ///   - open: Opens the file with the configuration in force (mapping, rules, maximum age).
    /// - Throws: ``RoleCallError`` from the first open.
    public init(
        following path: String,
        open: @escaping @Sendable (String) async throws(RoleCallError) -> DirectorySnapshot
    ) async throws(RoleCallError) {
        let version = FileVersion(path: path)
        snapshot = try await open(path)
        followed = version.map { FollowedFile(path: path, open: open, version: $0) }
    }

    /// The directory to answer from now: a replaced snapshot file is opened first. When the new
    /// file cannot be opened (damaged, built differently) the previous one keeps answering and
    /// the problem is returned for the log.
    public func current() async -> (snapshot: DirectorySnapshot, problem: RoleCallError?) {
        guard var file = followed, let version = FileVersion(path: file.path), version != file.version else {
            return (snapshot, nil)
        }
        file.version = version
        followed = file
        do {
            let opened = try await file.open(file.path)
            // Another request may have seen a newer replacement while this one was opening: the
            // newest version asked for wins, whichever open finishes first.
            if followed?.version == version { (snapshot, memberships) = (opened, [:]) }
            return (snapshot, nil)
        } catch {
            return (snapshot, error)
        }
    }

    /// The members of `group` in the directory answered from now, worked out once per snapshot
    /// (one pass over its entries).
    /// - Parameter group: The group's DN.
    /// - Returns: The membership, or why it cannot be told; and, as ``current()`` gives it, a
    ///   replaced file that could not be opened.
    public func membership(of group: String) async -> (membership: GroupMembership, problem: RoleCallError?) {
        let (snapshot, problem) = await current()
        if let known = memberships[group] { return (known, problem) }
        let membership = GroupMembership(group: group, in: snapshot)
        memberships[group] = membership
        return (membership, problem)
    }
}
