import Foundation
import Directory
import LDIF

/// The entries of an LDIF export as an async sequence of batches. Parsing runs on a thread of
/// its own, a few batches ahead of the consumer, so a large export is parsed on one core while the
/// snapshot is built on the other, and no cooperative thread ever waits on the file.
///
/// Cancelling the consuming task ends the sequence at once (even when the read is stuck on a
/// standard input that never ends) and stops the reading thread at its next batch.
struct LDIFEntryBatches: AsyncSequence, Sendable {
    let path: String
    let options: LDIFReaderOptions
    let template: DirectorySnapshot.Builder.Collector

    /// Entries per batch, and batches the reader may run ahead: measured best on a million
    /// entries (larger batches cost more in copies than they save in hand-offs).
    static let batchSize = 1_024
    static let readAhead = 8

    func makeAsyncIterator() -> Iterator {
        let channel = BatchChannel<EntryBatch>(capacity: Self.readAhead)
        let (path, options, template) = (path, options, template)
        Thread.detachNewThread {
            do throws(RoleCallError) {
                try Self.read(path: path, options: options, template: template, into: channel)
                channel.finish(nil)
            } catch {
                channel.finish(error)
            }
        }
        return Iterator(channel: channel)
    }

    struct Iterator: AsyncIteratorProtocol {
        let channel: BatchChannel<EntryBatch>

        func next() async throws(RoleCallError) -> EntryBatch? { try await channel.next() }
    }

    /// Reads the export into batches until its end, or until the consumer has gone.
    private static func read(
        path: String,
        options: LDIFReaderOptions,
        template: DirectorySnapshot.Builder.Collector,
        into channel: BatchChannel<EntryBatch>
    ) throws(RoleCallError) {
        do {
            let reader = try LDIFReader(path: path, options: options)
            var batch = EntryBatch(source: reader.sourceName)
            batch.items.reserveCapacity(batchSize)
            while true {
                var collector = template
                guard let (line, dnBytes) = try reader.nextEntry({ collector.take($0, $1) }) else { break }
                let dn = String(decoding: dnBytes, as: UTF8.self)
                if !DistinguishedName.isValid(dn) {
                    throw RoleCallError(.invalidDN(path: reader.sourceName, line: line, dn: dn))
                }
                batch.items.append(EntryBatch.Item(line: line, dn: dn, collected: collector))
                if batch.items.count == batchSize {
                    guard channel.send(batch) else { return }
                    batch.items.removeAll(keepingCapacity: true)
                }
            }
            if !batch.items.isEmpty { _ = channel.send(batch) }
        } catch let error as LDIFError {
            throw RoleCallError(.ldif(error))
        } catch let error as RoleCallError {
            throw error
        } catch {
            throw RoleCallError(.cancelled)  // the reader throws nothing else
        }
    }
}
