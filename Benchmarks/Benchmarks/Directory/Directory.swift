import Benchmark
import Foundation
import LDIF
import RoleCall
import Synchronization

/// Generated data (see `Scripts/compare.sh`): `directory-<size>.ldif` under `dc=s<size>,dc=example`,
/// and `list-50.txt`, 50 titles from the generated directory.
private let data = ProcessInfo.processInfo.environment["ROLECALL_BENCH_DATA"] ?? ".data"
/// Sizes to run, e.g. `10k 100k 1m` (the default); the CI smoke runs `10k`.
private let sizes = (ProcessInfo.processInfo.environment["ROLECALL_BENCH_SIZES"] ?? "10k 100k 1m").split(separator: " ")
/// A slapd holding every size's directory, started by `compare.sh`; without it the fetch is skipped.
private let ldapURI = ProcessInfo.processInfo.environment["ROLECALL_BENCH_LDAP_URI"]

private func path(_ size: some StringProtocol) -> String { "\(data)/directory-\(size).ldif" }

private func reader(_ size: some StringProtocol, keeping kept: Set<String>?) -> LDIFReader {
    guard let reader = try? LDIFReader(path: path(size), options: LDIFReaderOptions(keptAttributeTypes: kept)) else {
        fatalError("\(path(size)) is missing; run Benchmarks/Scripts/compare.sh, which generates it")
    }
    return reader
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal],
        maxDuration: .seconds(60),
        maxIterations: 3
    )
    let mapping = AttributeMapping()
    let policy = AccountStatePolicy()
    let kept = mapping.keptAttributeTypes(policy: policy)
    let list =
        (try? String(contentsOfFile: "\(data)/list-50.txt", encoding: .utf8))?.split(separator: "\n").map(String.init)
        ?? []

    for size in sizes {
        Benchmark("LDIF: stream \(size) entries, mapped attributes only") { _ in
            let reader = reader(size, keeping: kept)
            var values = 0
            while try reader.nextEntry({ _, _ in values += 1 }) != nil {}
            blackHole(values)
        }

        Benchmark("LDIF: stream \(size) entries as records, every attribute") { _ in
            let reader = reader(size, keeping: nil)
            var attributes = 0
            while let record = try reader.next() { attributes += record.attributes.count }
            blackHole(attributes)
        }

        Benchmark("Snapshot of \(size) entries (read, build, index titles)") { _ in
            blackHole(try await LDIFSource(path: path(size)).snapshot())
        }

        let titles = Mutex<[String]>([])
        Benchmark(
            "Title index of \(size) entries' distinct titles",
            closure: { _ in blackHole(SimilarTitleIndex(titles: titles.withLock { $0 })) },
            setup: {
                let snapshot = try await LDIFSource(path: path(size)).snapshot()
                titles.withLock { $0 = snapshot.distinctTitles }
            },
            teardown: { titles.withLock { $0 = [] } }
        )

        let resolver = Mutex<Resolver?>(nil)
        Benchmark(
            "Resolve a 50-role list over \(size) entries",
            configuration: .init(
                metrics: [.wallClock, .mallocCountTotal],
                maxDuration: .seconds(10),
                maxIterations: 20
            ),
            closure: { _ in
                let resolver = resolver.withLock { $0 }!
                for title in list { blackHole(resolver.resolve(title)) }
            },
            setup: {
                let snapshot = try await LDIFSource(path: path(size)).snapshot()
                resolver.withLock { $0 = Resolver(snapshot: snapshot) }
            },
            teardown: { resolver.withLock { $0 = nil } }
        )

        if let ldapURI {
            Benchmark("LDAP: paged fetch of \(size) entries, mapped attributes") { _ in
                let connection = try await LDAPConnection.connect(LDAPConfiguration(uris: [ldapURI], timeout: 60))
                var entries = 0
                for try await entry in connection.search(
                    base: "dc=s\(size),dc=example",
                    filter: .or([.present("title"), .equal("objectClass", "organizationalRole")]),
                    attributes: mapping.readAttributeTypes(policy: policy),
                    pageSize: 500
                ) {
                    blackHole(entry)
                    entries += 1
                }
                blackHole(entries)
            }
        }
    }
}
