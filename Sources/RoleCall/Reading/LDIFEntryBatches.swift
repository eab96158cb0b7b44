import Dispatch
import Directory
import LDAPClient
import LDIF

/// The entries of an LDIF export as an async sequence of batches. Parsing runs on a queue of its
/// own, one batch ahead of the consumer, so a large export is parsed on one core while the
/// snapshot is built on the other, and no cooperative thread ever waits on the file.
///
/// Cancelling the consuming task stops the read at the next batch.
struct LDIFEntryBatches: AsyncSequence, Sendable {
    let path: String
    let options: LDIFReaderOptions
    let template: DirectorySnapshot.Builder.Collector

    func makeAsyncIterator() -> Iterator {
        Iterator(reader: BatchReader(path: path, options: options, template: template))
    }

    struct Iterator: AsyncIteratorProtocol {
        let reader: BatchReader
        /// The next batch, parsed while the consumer works on the current one.
        var pending: Task<EntryBatch?, any Error>?
        var finished = false

        mutating func next() async throws(RoleCallError) -> EntryBatch? {
            guard !finished else { return nil }
            guard !Task.isCancelled else {
                pending?.cancel()
                finished = true
                throw RoleCallError(.cancelled)
            }
            let reader = reader
            let current = pending ?? Task { try await reader.next() }
            let batch: EntryBatch?
            do {
                batch = try await CancellableWait.value(of: current)
            } catch let error as RoleCallError {
                if error.problem == .cancelled { current.cancel() }
                finished = true
                throw error
            } catch {
                finished = true
                throw RoleCallError(.cancelled)
            }
            guard let batch else {
                finished = true
                pending = nil
                return nil
            }
            pending = Task { try await reader.next() }
            return batch
        }
    }

    /// Owns the LDIF reader; runs on its own serial queue.
    actor BatchReader {
        private let executor = QueueExecutor(label: "rolecall.ldif")
        nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
        private let path: String
        private let options: LDIFReaderOptions
        private let template: DirectorySnapshot.Builder.Collector
        private var reader: LDIFReader?
        private var done = false
        static let batchSize = 512

        init(path: String, options: LDIFReaderOptions, template: DirectorySnapshot.Builder.Collector) {
            self.path = path
            self.options = options
            self.template = template
        }

        /// The next batch of entries; nil at the end of the export.
        func next() throws(RoleCallError) -> EntryBatch? {
            guard !done else { return nil }
            do {
                let reader = try self.reader ?? LDIFReader(path: path, options: options)
                self.reader = reader
                var batch = EntryBatch(source: reader.sourceName)
                batch.items.reserveCapacity(Self.batchSize)
                while batch.items.count < Self.batchSize {
                    var collector = template
                    guard let (line, dnBytes) = try reader.nextEntry({ collector.take($0, $1) }) else {
                        done = true
                        break
                    }
                    let dn = String(decoding: dnBytes, as: UTF8.self)
                    if !DistinguishedName.isValid(dn) {
                        throw RoleCallError(.invalidDN(path: reader.sourceName, line: line, dn: dn))
                    }
                    batch.items.append(EntryBatch.Item(line: line, dn: dn, collected: collector))
                }
                return batch.items.isEmpty ? nil : batch
            } catch let error as LDIFError {
                done = true
                throw RoleCallError(.ldif(error))
            } catch let error as RoleCallError {
                done = true
                throw error
            } catch {
                done = true  // the reader throws nothing else
                throw RoleCallError(.cancelled)
            }
        }
    }
}
