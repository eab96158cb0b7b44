public import Directory
import LDIF
import Foundation

/// A directory export in LDIF, read as a stream.
public struct LDIFSource: Sendable {
    /// The file to read; `-` reads standard input.
    public var path: String
    /// Whether `:<` file URLs in the file may be read (off by default).
    public var allowFileURLs: Bool

    /// Creates a source.
    /// - Parameters:
    ///   - path: The LDIF file, or `-` for standard input.
    ///   - allowFileURLs: Whether `:<` file URLs may be read.
    public init(path: String, allowFileURLs: Bool = false) {
        self.path = path
        self.allowFileURLs = allowFileURLs
    }

    /// Reads the whole export into a snapshot, keeping only mapped attributes.
    /// - Parameters:
    ///   - mapping: Which attributes to read.
    ///   - policy: The account-state rules, whose attributes are kept.
    ///   - progress: Called every 10,000 entries with the count so far.
    /// - Throws: ``RoleCallError`` `input` for a malformed file (with `file:line`), `emptyDirectory`
    ///   when the file holds no entries.
    /// - Returns: The snapshot.
    public func snapshot(
        mapping: AttributeMapping = .init(),
        policy: AccountStatePolicy = .init(),
        progress: (@Sendable (Int) -> Void)? = nil
    ) async throws(RoleCallError) -> DirectorySnapshot {
        var builder = DirectorySnapshot.Builder(mapping: mapping, policy: policy)
        try await read(into: &builder, mapping: mapping, policy: policy, progress: progress)
        return await builder.build()
    }

    /// Reads the whole export into a builder (one of several sources, say).
    func read(
        into builder: inout DirectorySnapshot.Builder,
        mapping: AttributeMapping,
        policy: AccountStatePolicy,
        progress: (@Sendable (Int) -> Void)?
    ) async throws(RoleCallError) {
        let options = LDIFReaderOptions(
            allowFileURLs: allowFileURLs,
            keptAttributeTypes: mapping.keptAttributeTypes(policy: policy)
        )
        let name = path == "-" ? "<stdin>" : path
        builder.setOrigin(.ldif(path: name))
        // An export reflects the directory when it was written.
        if path != "-",
            let modified = try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        {
            builder.setReflects(modified)
        }
        let start = builder.count
        for try await batch in LDIFEntryBatches(path: path, options: options, template: builder.collector()) {
            let before = builder.count - start
            builder.add(batch)
            let count = builder.count - start
            if count / 10_000 > before / 10_000 { progress?(count / 10_000 * 10_000) }
        }
        guard builder.count > start else { throw RoleCallError(.emptyExport(path: name)) }
    }
}
