import Foundation

/// Writes files so that a reader sees the old content or the new, never half of either.
package enum AtomicFile {
    /// Writes `text` to `path` through a temporary file in the same folder, fsync and rename.
    ///
    /// A symbolic link is followed (the file it names is replaced, the link stays), an existing
    /// file keeps its permissions, a new one honours the umask (the state file excepted), and a path that is not a regular file — a named pipe, a device —
    /// or that names an open descriptor (`/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`, whatever
    /// it is redirected to) is written in place: replacing it would cut off what it stands for.
    /// - Throws: ``RoleCallError`` ``RoleCallError/Problem-swift.enum/cannotWrite(_:path:errno:)``
    ///   naming the file; the old content is then unchanged.
    package static func write(_ text: String, to path: String, kind: RoleCallError.FileKind) throws(RoleCallError) {
        var bytes = text
        let failure = bytes.withUTF8 { utf8 -> RoleCallError? in
            do throws(RoleCallError) {
                try write([UnsafeRawBufferPointer(utf8)], to: path, kind: kind)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    /// Writes `parts`, one after the other, to `path` the same way as ``write(_:to:kind:)``.
    package static func write(
        _ parts: [UnsafeRawBufferPointer],
        to path: String,
        kind: RoleCallError.FileKind
    ) throws(RoleCallError) {
        var status = stat()
        let exists = stat(path, &status) == 0
        if exists, status.st_mode & S_IFMT == S_IFDIR {
            throw RoleCallError(.cannotWrite(kind, path: path, errno: EISDIR))
        }
        if let descriptor = Self.openDescriptor(named: path) {
            // Written through the descriptor itself, so a `>>` redirection keeps appending.
            let failure = writeAll(parts, to: descriptor, sync: false)
            guard failure == 0 else { throw RoleCallError(.cannotWrite(kind, path: path, errno: failure)) }
            return
        }
        if exists, status.st_mode & S_IFMT != S_IFREG {
            let descriptor = open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw RoleCallError(.cannotWrite(kind, path: path, errno: errno)) }
            let failure = writeAll(parts, to: descriptor, sync: false)
            if close(descriptor) != 0, failure == 0 {
                throw RoleCallError(.cannotWrite(kind, path: path, errno: errno))
            }
            guard failure == 0 else { throw RoleCallError(.cannotWrite(kind, path: path, errno: failure)) }
            return
        }
        let target = exists ? (path as NSString).resolvingSymlinksInPath : path
        let directory = (target as NSString).deletingLastPathComponent
        // A fresh name that nobody can have planted (O_EXCL, no link followed) in the target's folder.
        var temporary = ""
        var descriptor: Int32 = -1
        for _ in 0..<16 where descriptor < 0 {
            temporary =
                (directory.isEmpty ? "." : directory)
                + "/.\((target as NSString).lastPathComponent).\(UInt64.random(in: 0...UInt64.max)).tmp"
            // Private until its mode is set: a replaced file's mode may be stricter than the umask's.
            descriptor = open(
                temporary,
                O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                exists ? 0o600 : Self.mode(of: kind)
            )
            if descriptor < 0, errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw RoleCallError(.cannotWrite(kind, path: path, errno: errno)) }
        var failure: Int32 = 0
        if exists, fchmod(descriptor, status.st_mode & 0o7777) != 0 { failure = errno }
        if failure == 0 { failure = writeAll(parts, to: descriptor, sync: true) }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure == 0, rename(temporary, target) != 0 { failure = errno }
        guard failure == 0 else {
            unlink(temporary)
            throw RoleCallError(.cannotWrite(kind, path: path, errno: failure))
        }
    }

    /// A new file's permissions before the umask: results honour it (0666 less the umask, as any
    /// tool's output); the report state and snapshots are the owner's alone (0600) — they list who may
    /// receive unreleased statistics, and a snapshot holds personal data.
    private static func mode(of kind: RoleCallError.FileKind) -> mode_t {
        [.state, .stateLock, .snapshot].contains(kind) ? 0o600 : 0o666
    }

    /// The open descriptor `path` names (`/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`).
    private static func openDescriptor(named path: String) -> Int32? {
        // As written: resolving the link would name the file behind the descriptor instead.
        let standardized = path
        switch standardized {
        case "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where standardized.hasPrefix(prefix) {
                return Int32(standardized.dropFirst(prefix.count)).flatMap { fcntl($0, F_GETFD) >= 0 ? $0 : nil }
            }
            return nil
        }
    }

    /// Writes every byte (retrying short writes and interruptions), then fsyncs when asked.
    /// - Returns: 0, or the errno of the failure.
    private static func writeAll(_ parts: [UnsafeRawBufferPointer], to descriptor: Int32, sync: Bool) -> Int32 {
        for bytes in parts {
            guard let base = bytes.baseAddress else { continue }
            var written = 0
            while written < bytes.count {
                let count = Foundation.write(descriptor, base + written, bytes.count - written)
                if count > 0 {
                    written += count
                } else if count == 0 {
                    return EIO
                } else if errno != EINTR {
                    return errno
                }
            }
        }
        return sync && fsync(descriptor) != 0 ? errno : 0
    }
}
