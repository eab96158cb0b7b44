/// Several directories read as one: a department's server and a contacts export naming the
/// ministers' offices and other departments on the list, say.
///
/// Every person is labelled with the source it came from (``DirectorySnapshot/Person/source``).
/// Entries are never joined by name: two entries are the same person only when they come from
/// different sources and have the same mail address (compared ignoring case). Two entries of one
/// source that share an address stay two entries.
///
/// ```swift
/// let snapshot = try await MergedSource([.ldap(server), .ldif(LDIFSource(path: "contacts.ldif"))]).snapshot()
/// ```
public struct MergedSource: Sendable {
    /// One source.
    public enum Part: Sendable {
        /// An LDIF export.
        case ldif(LDIFSource)
        /// A directory server.
        case ldap(LDAPSource)
    }

    /// The sources. Servers are read first (a server read fetches the holders and recipients its
    /// own search lacks, so it must not mistake an export's entries for its own), then exports, each
    /// kind in the order given; where one person is in several sources, the first one read is shown.
    public var parts: [Part]

    /// Creates a merged source.
    /// - Parameter parts: The sources, in the order they are read.
    public init(_ parts: [Part]) { self.parts = parts }

    /// Reads every source into one snapshot, whose origin is ``DirectorySnapshot/Origin/merged(_:)``
    /// and which reflects the directories as of the earliest instant any of them does.
    /// - Parameters:
    ///   - mapping: Which attributes to read.
    ///   - policy: The account-state rules.
    ///   - progress: Called every 10,000 entries of each source with its count so far.
    ///   - recipients: Recipients whose entries a server read fetches too (for `verify`).
    /// - Throws: ``RoleCallError`` for any source that cannot be read, as each source alone does.
    /// - Returns: The snapshot.
    public func snapshot(
        mapping: AttributeMapping = .init(),
        policy: AccountStatePolicy = .init(),
        progress: (@Sendable (Int) -> Void)? = nil,
        recipients: [String] = []
    ) async throws(RoleCallError) -> DirectorySnapshot {
        var builder = DirectorySnapshot.Builder(mapping: mapping, policy: policy)
        if parts.count > 1 { builder.labelSources() }
        let servers = parts.filter { if case .ldap = $0 { true } else { false } }
        let exports = parts.filter { if case .ldif = $0 { true } else { false } }
        for part in servers + exports {
            switch part {
            case .ldif(let source):
                try await source.read(into: &builder, mapping: mapping, policy: policy, progress: progress)
            case .ldap(let source):
                try await source.read(
                    into: &builder,
                    mapping: mapping,
                    policy: policy,
                    progress: progress,
                    recipients: recipients
                )
            }
        }
        return await builder.build()
    }
}
