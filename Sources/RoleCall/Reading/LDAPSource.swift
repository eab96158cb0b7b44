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
            let filter = SearchFilter.or([.present(mapping.title), .equal("objectClass", mapping.roleObjectClass)])
            let attributes = mapping.readAttributeTypes(policy: policy)
            builder.setOrigin(.ldap(uri: connection.uri, base: base))
            var count = 0
            // Entries reach the builder in batches, as from an LDIF export.
            var batch = EntryBatch(source: connection.uri)
            for try await entry in connection.search(
                base: base,
                filter: filter,
                attributes: attributes,
                pageSize: configuration.pageSize
            ) {
                let complete = entry.hasRangedAttributes ? try await connection.completingRanges(of: entry) : entry
                batch.items.append(try Self.item(complete, template: builder.collector(), uri: connection.uri))
                count += 1
                if batch.items.count == LDIFEntryBatches.batchSize {
                    builder.add(batch)
                    batch.items.removeAll(keepingCapacity: true)
                }
                if count % 10_000 == 0 { progress?(count) }
            }
            builder.add(batch)
            guard count > 0 else {
                throw RoleCallError(
                    .noEntries(
                        uri: connection.uri,
                        base: base,
                        titleAttribute: mapping.title,
                        roleObjectClass: mapping.roleObjectClass
                    )
                )
            }
            // Holders named by role entries but without a title of their own; one that does not
            // exist is a dangling occupant, reported as missing.
            for occupant in builder.unresolvedOccupants() {
                if let entry = try await connection.entry(at: occupant.text, attributes: attributes) {
                    try await Self.addIfNew(entry, to: &builder, connection: connection)
                }
            }
            // Recipients to verify, found by any identifier; the filter escapes what the list says.
            // One not in the directory is reported as unknown.
            var members: [String] = []
            for recipient in recipients {
                if recipient.contains("="), (try? DistinguishedName(recipient)) != nil {
                    if let entry = try await connection.entry(at: recipient, attributes: attributes) {
                        members += try await Self.addIfNew(entry, to: &builder, connection: connection)
                    }
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
            // Members of distribution groups among them, nested groups included, each fetched once.
            var fetched: Set<String> = []
            while let member = members.popLast() {
                guard let dn = try? DistinguishedName(member), fetched.insert(dn.normalized).inserted else { continue }
                if let entry = try await connection.entry(at: member, attributes: attributes) {
                    members += try await Self.addIfNew(entry, to: &builder, connection: connection)
                }
            }
        } catch let error as RoleCallError {
            throw error
        } catch let error as LDAPError {
            throw RoleCallError(.directory(error))
        } catch {
            // Only cancellation reaches here: the search loops throw nothing else.
            throw RoleCallError(.cancelled)
        }
    }

    private func resolveBase(_ connection: LDAPConnection) async throws -> String {
        if let base { return base }
        var contexts: [String] = []
        for try await entry in connection.search(
            base: "",
            scope: .base,
            attributes: ["namingContexts"],
            pageSize: 0
        ) {
            let values = entry.attributes.first { $0.key.lowercased() == "namingcontexts" }?.value ?? []
            contexts += values.map { String(decoding: $0, as: UTF8.self) }
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

    /// Adds an entry fetched on its own (an occupant, a recipient, a group member) unless the main
    /// search had it, with every value of attributes the server returned in ranges.
    /// - Returns: The entry's group members' DNs (empty for anything but a group).
    @discardableResult
    static func addIfNew(
        _ entry: LDAPEntry,
        to builder: inout DirectorySnapshot.Builder,
        connection: LDAPConnection
    ) async throws -> [String] {
        guard let dn = try? DistinguishedName(entry.dn) else {
            throw RoleCallError(.unparsableEntryDN(uri: connection.uri, dn: entry.dn))
        }
        let complete = entry.hasRangedAttributes ? try await connection.completingRanges(of: entry) : entry
        let item = try item(complete, template: builder.collector(), uri: connection.uri)
        if !builder.contains(dn) { builder.add(EntryBatch(source: connection.uri, items: [item])) }
        return item.collected.members
    }
}
