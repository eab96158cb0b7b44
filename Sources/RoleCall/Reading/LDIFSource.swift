public import Directory
import LDIF

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
        progress: ((Int) -> Void)? = nil
    ) throws(RoleCallError) -> DirectorySnapshot {
        let options = LDIFReaderOptions(
            allowFileURLs: allowFileURLs,
            keptAttributeTypes: mapping.keptAttributeTypes(policy: policy)
        )
        var builder = DirectorySnapshot.Builder(mapping: mapping, policy: policy)
        let template = builder.collector()
        let path = path
        // Parsing runs on its own thread, a few batches ahead of the snapshot being built.
        let pipe = ReadAhead<ReadEntry>()
        pipe.start { send in
            let reader = try LDIFReader(path: path, options: options)
            var batch: [ReadEntry] = []
            batch.reserveCapacity(512)
            while true {
                var collector = template
                guard let (line, dnBytes) = try reader.nextEntry({ collector.take($0, $1) }) else { break }
                let dn = String(decoding: dnBytes, as: UTF8.self)
                if !DistinguishedName.isValid(dn) {
                    do { _ = try DistinguishedName(dn) } catch {
                        throw RoleCallError(.invalidDN(path: reader.sourceName, line: line, dn: dn))
                    }
                }
                batch.append(ReadEntry(source: reader.sourceName, line: line, dn: dn, collected: collector))
                if batch.count == 512 {
                    guard send(batch) else { return }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { _ = send(batch) }
        }
        do {
            var count = 0
            while let batch = try pipe.next() {
                for entry in batch {
                    builder.add(dn: entry.dn, collected: entry.collected, origin: "\(entry.source):\(entry.line)")
                    count += 1
                    if count % 10_000 == 0 { progress?(count) }
                }
            }
        } catch let error as LDIFError {
            throw RoleCallError(.ldif(error))
        } catch let error as RoleCallError {
            throw error
        } catch {
            throw RoleCallError(.ldif(LDIFError(.io, source: path, line: 0, message: "\(error)")))
        }
        let snapshot = builder.build()
        guard snapshot.entryCount > 0 else {
            throw RoleCallError(.emptyExport(path: path == "-" ? "<stdin>" : path))
        }
        return snapshot
    }
}

/// One entry read ahead: where it was, its DN and its mapped values.
private struct ReadEntry: Sendable {
    var source: String
    var line: Int
    var dn: String
    var collected: DirectorySnapshot.Builder.Collector
}
