/// What ``LDAPSource/synchronize(previous:mapping:policy:full:maximumDeletedShare:progress:)`` did.
public struct SnapshotRefresh: Sendable {
    /// Why a run read the whole directory rather than refreshing.
    public enum FullReadReason: String, Sendable, CaseIterable {
        /// The caller asked for it (`--full`).
        case requested
        /// There was no earlier snapshot.
        case noEarlierSnapshot
        /// The earlier snapshot was read from another server, base or filter, or another way.
        case otherSearch
        /// The server tracks no changes RoleCall can follow: neither content synchronisation
        /// (RFC 4533) nor Active Directory's update sequence numbers.
        case serverWithoutSync
        /// The server could not refresh from the earlier snapshot's cookie (too old, or the
        /// server was rebuilt), or an Active Directory domain controller was restored or replaced.
        case serverRequiredFull
        /// The server's size limit for this account stopped the content synchronisation search
        /// (which is not paged); a paged read got everything, but with no cookie to refresh from.
        case syncOverSizeLimit
        /// The server refused a content synchronisation search for this account (389 DS without
        /// the access it asks for); a paged read got everything.
        case syncRefused
        /// The server's answer to the refresh did not say which entries are still there (389 DS
        /// answers every refresh so, and does not report entries that leave the search).
        case ambiguousRefresh
    }

    /// How the snapshot was made.
    public enum Kind: Sendable, Equatable {
        /// Only changes were read: entries new to the snapshot, changed, and removed.
        case incremental(added: Int, changed: Int, removed: Int)
        /// Everything was read.
        case full(FullReadReason)
    }

    /// The new snapshot.
    public var snapshot: DirectorySnapshot
    /// How it was made.
    public var kind: Kind
}
