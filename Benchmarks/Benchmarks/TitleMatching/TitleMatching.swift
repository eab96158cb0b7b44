import Benchmark
import Foundation
import Synchronization
import TitleMatching

/// Titles and queries written by `Scripts/generate_titles.py` (see `Scripts/compare.sh`).
private func lines(_ name: String) -> [String] {
    let directory = ProcessInfo.processInfo.environment["ROLECALL_BENCH_DATA"] ?? ".data"
    let path = "\(directory)/\(name)"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        fatalError("\(path) is missing; run Benchmarks/Scripts/compare.sh, which generates it")
    }
    return text.split(separator: "\n").map(String.init)
}

let benchmarks: @Sendable () -> Void = {
    let titles = lines("titles-40k.txt")
    let queries = lines("queries.txt")

    Benchmark(
        "Title index build, 40k titles",
        configuration: .init(
            metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
            maxDuration: .seconds(20),
            maxIterations: 5
        )
    ) { _ in
        blackHole(SimilarTitleIndex(titles: titles))
    }

    // Queries repeat across iterations: the index's memory of answers is off, so that each is judged.
    let index = SimilarTitleIndex(titles: titles).judgingEveryQuery
    let next = Mutex(0)
    Benchmark(
        "Similar titles, one query over 40k titles",
        configuration: .init(
            metrics: [.wallClock, .mallocCountTotal],
            maxDuration: .seconds(10),
            maxIterations: queries.count * 4
        )
    ) { _ in
        let query = next.withLock { counter in
            defer { counter += 1 }
            return queries[counter % queries.count]
        }
        blackHole(index.similar(to: query))
    }
}
