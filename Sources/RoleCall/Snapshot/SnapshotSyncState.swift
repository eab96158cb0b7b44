public import Foundation

/// Where an incremental refresh of a snapshot starts from: the server and search it was read
/// with, and the content synchronisation cookie (RFC 4533) the server gave at the end of the read.
/// A refresh from another server, base or filter reads everything again.
public struct SnapshotSyncState: Sendable, Hashable, Codable {
    /// The URI of the server that answered.
    public var uri: String
    /// The search base.
    public var base: String
    /// The search filter, as sent.
    public var filter: String
    /// The server's opaque cookie.
    public var cookie: Data

    /// Creates a sync state.
    public init(uri: String, base: String, filter: String, cookie: Data) {
        self.uri = uri
        self.base = base
        self.filter = filter
        self.cookie = cookie
    }
}
