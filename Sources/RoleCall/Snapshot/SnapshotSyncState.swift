public import Foundation

/// Where an incremental refresh of a snapshot starts from: how and from which server, search and
/// account it was read, and the server's marker of that moment. A refresh with anything else
/// different reads everything again.
public struct SnapshotSyncState: Sendable, Hashable, Codable {
    /// How changes are followed.
    public enum Method: String, Sendable, Hashable, Codable {
        /// Content synchronisation (RFC 4533); ``SnapshotSyncState/cookie`` is the server's cookie.
        case contentSync
        /// Active Directory's update sequence numbers; ``SnapshotSyncState/cookie`` is the
        /// highest committed USN (decimal) and ``SnapshotSyncState/server`` the domain controller.
        case updateSequence
    }

    /// How changes are followed.
    public var method: Method
    /// The URI of the server that answered.
    public var uri: String
    /// The search base.
    public var base: String
    /// The search filter, as sent.
    public var filter: String
    /// Who read it (the bind DN, the SASL mechanism and identity, or `anonymous`): another
    /// account may see other entries, which no refresh would bring.
    public var account: String
    /// The server's own identity, where the method needs one (a domain controller's NTDS
    /// Settings DN and `invocationId`).
    public var server: String?
    /// The server's marker of the moment the read began: opaque.
    public var cookie: Data

    /// Creates a sync state.
    public init(
        method: Method,
        uri: String,
        base: String,
        filter: String,
        account: String,
        server: String? = nil,
        cookie: Data
    ) {
        self.method = method
        self.uri = uri
        self.base = base
        self.filter = filter
        self.account = account
        self.server = server
        self.cookie = cookie
    }
}
