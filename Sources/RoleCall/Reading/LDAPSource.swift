public import Directory
public import LDAPClient

/// A live directory read over LDAP: only role-bearing entries and their holders are fetched.
public struct LDAPSource: Sendable {
    /// Servers, credentials, TLS, timeouts and page size.
    public var configuration: LDAPConfiguration
    /// Where to search; nil asks the server for its naming context.
    public var base: String?

    /// Creates a source.
    /// - Parameters:
    ///   - configuration: How to reach and bind to the directory.
    ///   - base: The search base; nil uses the server's only naming context.
    public init(configuration: LDAPConfiguration, base: String? = nil) {
        self.configuration = configuration
        self.base = base
    }

    /// Reads entries that carry a title or are role entries, plus the entries their roles name,
    /// keeping only the mapped and account-state attributes.
    /// - Parameters:
    ///   - mapping: Which attributes to read.
    ///   - policy: The account-state rules, whose attributes are requested by name.
    ///   - progress: Called every 10,000 entries with the count so far.
    ///   - recipients: Mail addresses, uids, account names or DNs to fetch too (for `verify`).
    /// - Throws: ``RoleCallError``: ``RoleCallError/Problem-swift.enum/directory(_:)`` when the
    ///   directory cannot be read completely or the settings are unsafe,
    ///   ``RoleCallError/Problem-swift.enum/entryNotShown(dn:_:)`` when a recipient named by DN is
    ///   refused or referred elsewhere,
    ///   ``RoleCallError/Problem-swift.enum/noEntries(uri:base:titleAttribute:roleObjectClass:)``
    ///   when the search returns nothing.
    /// - Returns: The snapshot.
    public func snapshot(
        mapping: AttributeMapping = .init(),
        policy: AccountStatePolicy = .init(),
        progress: (@Sendable (Int) -> Void)? = nil,
        recipients: [String] = []
    ) async throws(RoleCallError) -> DirectorySnapshot {
        var builder = DirectorySnapshot.Builder(mapping: mapping, policy: policy)
        try await read(into: &builder, mapping: mapping, policy: policy, progress: progress, recipients: recipients)
        return await builder.build()
    }

    /// Reads role-bearing entries, their holders and `recipients` into a builder (one of several
    /// sources, say).
    func read(
        into builder: inout DirectorySnapshot.Builder,
        mapping: AttributeMapping,
        policy: AccountStatePolicy,
        progress: (@Sendable (Int) -> Void)?,
        recipients: [String]
    ) async throws(RoleCallError) {
        do {
            let connection = try await LDAPConnection.connect(configuration)
            let base = try await resolveBase(connection)
            let filter = Self.filter(mapping)
            let attributes = mapping.readAttributeTypes(policy: policy)
            builder.setOrigin(.ldap(uri: connection.uri, base: base))
            // Entries reach the builder in batches, as from an LDIF export.
            var batcher = EntryBatcher(source: connection.uri, progress: progress)
            for try await entry in connection.search(
                base: base,
                filter: filter,
                attributes: attributes,
                pageSize: configuration.pageSize
            ) {
                batcher.append(
                    try await Self.item(entry, template: builder.collector(), connection: connection),
                    to: &builder
                )
            }
            batcher.flush(into: &builder)
            guard batcher.count > 0 else { throw Self.noEntries(uri: connection.uri, base: base, mapping: mapping) }
            try await Self.addUnresolvedOccupants(to: &builder, connection: connection, attributes: attributes)
            // Recipients to verify, found by any identifier; the filter escapes what the list says.
            // One not in the directory is reported as unknown.
            var members: [String] = []
            for recipient in recipients {
                if recipient.contains("="), (try? DistinguishedName(recipient)) != nil {
                    members += try await Self.addEntries(
                        at: [recipient],
                        to: &builder,
                        connection: connection,
                        attributes: attributes
                    )
                    continue
                }
                let identifiers = [mapping.mail, mapping.uid] + mapping.extraIdentifiers
                for try await entry in connection.search(
                    base: base,
                    filter: SearchFilter.or(identifiers.map { AttributeMapping.identifierFilter($0, recipient) }),
                    attributes: attributes,
                    pageSize: 0
                ) {
                    members += try await Self.addIfNew(entry, to: &builder, connection: connection)
                }
            }
            try await Self.fetchMembers(members, into: &builder, connection: connection, attributes: attributes)
        } catch {
            throw Self.failure(error)
        }
    }

    /// What a read's failure is to the caller: RoleCall's own errors as they are, the client's
    /// as `directory`, and anything else — only cancellation: the search loops throw nothing
    /// else — as `cancelled`.
    static func failure(_ error: any Error) -> RoleCallError {
        if let error = error as? RoleCallError { return error }
        if let error = error as? LDAPError { return RoleCallError(.directory(error)) }
        return RoleCallError(.cancelled)
    }

    /// Adds groups named by DN with their members and nested groups, as deep as verify follows
    /// them: a server's search for titles and roles finds no groups, and `serve --allow-group`
    /// needs one. A group the server does not have is left out; one it will not show stops the read.
    static func addGroups(
        _ groups: [String],
        to builder: inout DirectorySnapshot.Builder,
        connection: LDAPConnection,
        attributes: [String]
    ) async throws {
        let members = try await addEntries(at: groups, to: &builder, connection: connection, attributes: attributes)
        try await fetchMembers(members, into: &builder, connection: connection, attributes: attributes)
    }

    /// Adds the entries at `dns` (recipients or groups named by DN) unless already read; one the
    /// server does not have is left out, one it will not show (access refused, a referral) stops
    /// the read with ``RoleCallError/Problem-swift.enum/entryNotShown(dn:_:)``.
    /// - Returns: Their group members' DNs.
    private static func addEntries(
        at dns: [String],
        to builder: inout DirectorySnapshot.Builder,
        connection: LDAPConnection,
        attributes: [String]
    ) async throws -> [String] {
        var members: [String] = []
        for dn in dns {
            let entry: LDAPEntry?
            do {
                entry = try await connection.entry(at: dn, attributes: attributes)
            } catch {
                // Named by the caller, so the caller hears which one (a member is left out instead).
                guard Self.notShown(error) else { throw error }
                throw RoleCallError(.entryNotShown(dn: dn, error))
            }
            if let entry { members += try await addIfNew(entry, to: &builder, connection: connection) }
        }
        return members
    }

    /// Whether a read of one entry failed because the server would not show it: a referral (RFC 4511
    /// result 10, or LDAPv2's 9), insufficient access (50) or unwilling to perform (53). Limits, a
    /// busy server and broken exchanges stay directory errors.
    private static func notShown(_ error: LDAPError) -> Bool { [9, 10, 50, 53].contains(error.resultCode) }

    /// Fetches the members of distribution groups, level by level as deep as verify follows them:
    /// each DN once, and only those the reads so far lack (entries already read give their own
    /// members). A member the server will not show — a referral to another domain, access refused —
    /// is left out, so verify reports it unknown rather than stopping.
    private static func fetchMembers(
        _ firstLevel: [String],
        into builder: inout DirectorySnapshot.Builder,
        connection: LDAPConnection,
        attributes: [String]
    ) async throws {
        var level = firstLevel
        var seen: Set<String> = []
        for _ in 0..<RecipientCheck.maximumGroupDepth where !level.isEmpty {
            let dns = level.compactMap { try? DistinguishedName($0) }.filter { seen.insert($0.normalized).inserted }
            let added = builder.added(dns)
            var next: [String] = []
            for dn in dns {
                if let members = added[dn.normalized] {
                    next += members
                    continue
                }
                do {
                    if let entry = try await connection.entry(at: dn.text, attributes: attributes) {
                        next += try await addIfNew(entry, to: &builder, connection: connection, knownNew: true)
                    }
                } catch let error as LDAPError where error.code == .refused || error.code == .incompleteResult {
                    continue
                }
            }
            level = next
        }
    }

    /// The error for a search that found nothing: never "vacant" or "not found".
    static func noEntries(uri: String, base: String, mapping: AttributeMapping) -> RoleCallError {
        RoleCallError(
            .noEntries(uri: uri, base: base, titleAttribute: mapping.title, roleObjectClass: mapping.roleObjectClass)
        )
    }

    /// The entries a read asks for: those with a title, and role entries.
    static func filter(_ mapping: AttributeMapping) -> SearchFilter {
        .or([.present(mapping.title), .equal("objectClass", mapping.roleObjectClass)])
    }

    /// Reads the holders named by role entries but without a title of their own (outside the
    /// search); one that does not exist is a dangling occupant, reported as missing.
    static func addUnresolvedOccupants(
        to builder: inout DirectorySnapshot.Builder,
        connection: LDAPConnection,
        attributes: [String]
    ) async throws {
        for occupant in builder.unresolvedOccupants() {
            if let entry = try await connection.entry(at: occupant.text, attributes: attributes) {
                try await addIfNew(entry, to: &builder, connection: connection)
            }
        }
    }

    func resolveBase(_ connection: LDAPConnection) async throws -> String {
        if let base { return base }
        var contexts: [String] = []
        for try await entry in connection.search(
            base: "",
            scope: .base,
            attributes: ["namingContexts"],
            pageSize: 0
        ) {
            contexts += entry.values("namingContexts").map { String(decoding: $0, as: UTF8.self) }
        }
        guard contexts.count == 1 else {
            throw RoleCallError(.namingContexts(uri: connection.uri, contexts: contexts))
        }
        return contexts[0]
    }

    /// An entry as the server returned it, with only its mapped values.
    static func item(
        _ entry: LDAPEntry,
        template: DirectorySnapshot.Builder.Collector,
        uri: String
    ) throws(RoleCallError) -> EntryBatch.Item {
        guard DistinguishedName.isValid(entry.dn) else {
            throw RoleCallError(.unparsableEntryDN(uri: uri, dn: entry.dn))
        }
        var collector = template
        for (name, values) in entry.attributes { collector.take(name, values) }
        return EntryBatch.Item(line: nil, dn: entry.dn, collected: collector)
    }

    /// An entry as the server returned it, with every value of attributes it returned in ranges,
    /// keeping only its mapped values.
    /// - Throws: ``RoleCallError`` for an entry whose DN does not parse, `LDAPError` when ranged
    ///   values cannot be read.
    static func item(
        _ entry: LDAPEntry,
        template: DirectorySnapshot.Builder.Collector,
        connection: LDAPConnection
    ) async throws -> EntryBatch.Item {
        let complete = entry.hasRangedAttributes ? try await connection.completingRanges(of: entry) : entry
        return try item(complete, template: template, uri: connection.uri)
    }

    /// Adds an entry fetched on its own (an occupant, a recipient, a group member) unless the main
    /// search had it, with every value of attributes the server returned in ranges.
    /// - Parameters:
    ///   - entry: The entry as the server returned it.
    ///   - builder: The snapshot being built.
    ///   - connection: The connection, for ranged values.
    ///   - knownNew: Whether the builder is already known to lack the entry.
    /// - Throws: ``RoleCallError`` for an entry whose DN does not parse, `LDAPError` when ranged
    ///   values cannot be read.
    /// - Returns: The entry's group members' DNs (empty for anything but a group).
    @discardableResult
    static func addIfNew(
        _ entry: LDAPEntry,
        to builder: inout DirectorySnapshot.Builder,
        connection: LDAPConnection,
        knownNew: Bool = false
    ) async throws -> [String] {
        guard let dn = try? DistinguishedName(entry.dn) else {
            throw RoleCallError(.unparsableEntryDN(uri: connection.uri, dn: entry.dn))
        }
        let item = try await item(entry, template: builder.collector(), connection: connection)
        if knownNew || !builder.contains(dn) { builder.add(EntryBatch(source: connection.uri, items: [item])) }
        return item.collected.members
    }
}
