public import RoleCall
import Foundation

extension Wording {
    /// What a snapshot run did, as one line: `incremental refresh: 3 new, 2 changed, 1 removed` or
    /// `full read (the server offers no content synchronisation)`.
    public static func refresh(_ kind: SnapshotRefresh.Kind) -> String {
        switch kind {
        case .incremental(let added, let changed, let removed):
            return "incremental refresh: \(added.formatted()) new, \(changed.formatted()) changed, "
                + "\(removed.formatted()) removed"
        case .full(let reason):
            let why =
                switch reason {
                case .requested: "--full given"
                case .noEarlierSnapshot: "no earlier snapshot to refresh"
                case .otherSearch:
                    "the earlier snapshot was not read from this server, base and filter, as this account, in a way that can be refreshed"
                case .serverWithoutSync:
                    "this server offers neither RFC 4533 content synchronisation nor Active Directory's update "
                        + "sequence numbers, so every run reads everything"
                case .serverRequiredFull: "the server can no longer refresh from the earlier snapshot's cookie"
                case .syncRefused:
                    "the server refuses content synchronisation to this account, so every run reads everything in pages"
                case .ambiguousRefresh:
                    "the server's refresh does not say which entries are still there, as 389 DS's does not; "
                        + "only a full read is sure"
                case .syncOverSizeLimit:
                    "the server's size limit for this account stops a content synchronisation search, so every "
                        + "run reads everything in pages; lift the limit for this account to refresh incrementally"
                }
            return "full read (\(why))"
        }
    }
}
