import Benchmark
import Foundation
import LDIF
import RoleCall

/// The 1,000,000-entry export written by `Scripts/generate_directory.py` (see `Scripts/compare.sh`).
private let path = (ProcessInfo.processInfo.environment["ROLECALL_BENCH_DATA"] ?? ".data") + "/directory-1m.ldif"

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal], maxDuration: .seconds(60), maxIterations: 3
    )

    Benchmark("LDIF: stream 1M entries, mapped attributes only") { _ in
        let mapping = AttributeMapping()
        let options = LDIFReaderOptions(keptAttributeTypes: mapping.keptAttributeTypes(policy: AccountStatePolicy()))
        guard let reader = try? LDIFReader(path: path, options: options) else { fatalError("\(path) is missing; run Scripts/compare.sh") }
        var values = 0
        while let _ = try reader.nextEntry({ _, _ in values += 1 }) {}
        blackHole(values)
    }

    Benchmark("LDIF: stream 1M entries as records, every attribute") { _ in
        guard let reader = try? LDIFReader(path: path) else { fatalError("\(path) is missing; run Scripts/compare.sh") }
        var attributes = 0
        while let record = try reader.next() { attributes += record.attributes.count }
        blackHole(attributes)
    }

    Benchmark("Snapshot of 1M entries (read, build, index titles)") { _ in
        blackHole(try LDIFSource(path: path).snapshot())
    }
}
