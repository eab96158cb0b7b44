import Foundation
@_spi(Testing) import RoleCall

/// Damaged snapshot files: the example department's snapshot with bytes changed, cut short, and
/// (when the first byte is odd) its checksums recomputed so that only the bounds checks stand
/// between the reader and a crash. Opening and answering must never crash; a file whose damage
/// the checksums do catch must give an error or exactly the intact file's answers.
let snapshotTarget = FuzzTarget(name: "snapshot") { input in
    guard let first = input.first else { return }
    var file = SnapshotFuzzBase.shared.bytes
    // The rest is five-byte edits: a position (three bytes, wrapped), an operation, a value.
    var edits = input.dropFirst()[...]
    while edits.count >= 5 {
        let edit = Array(edits.prefix(5))
        edits = edits.dropFirst(5)
        let position = (Int(edit[0]) << 16 | Int(edit[1]) << 8 | Int(edit[2])) % file.count
        switch edit[3] % 3 {
        case 0: file[position] ^= edit[4]
        case 1: file[position] = edit[4]
        default: file.removeLast(min(file.count - 1, Int(edit[4])))
        }
    }
    let resealed = first & 1 == 1
    if resealed { file = SnapshotForgery.resealed(file) }
    let path = NSTemporaryDirectory() + "rolecall-fuzz-\(getpid()).snapshot"
    guard FileManager.default.createFile(atPath: path, contents: Data(file)) else { fatalError("cannot write \(path)") }
    let answers = SnapshotFuzzBase.answers(path)
    if !resealed, let answers, answers != SnapshotFuzzBase.shared.answers {
        fatalError("a damaged snapshot passed its checksums and answered differently")
    }
}

/// The intact snapshot and its answers, made once per process.
struct SnapshotFuzzBase: Sendable {
    let bytes: [UInt8]
    let answers: [LookupResult]
    let titles: [String]

    static let shared: SnapshotFuzzBase = {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "Docs/examples/department.ldif"
            )
        let path = NSTemporaryDirectory() + "rolecall-fuzz-base-\(getpid()).snapshot"
        let snapshot = wait { try await LDIFSource(path: example.path).snapshot() }
        guard let snapshot, (try? snapshot.write(to: path)) != nil,
            let bytes = FileManager.default.contents(atPath: path)
        else { fatalError("cannot build the example's snapshot") }
        try? FileManager.default.removeItem(atPath: path)
        let titles = snapshot.distinctTitles + ["Deputy Chief Statistician", "Press Oficer", "Head of Nothing"]
        let resolver = Resolver(snapshot: snapshot, asOf: Date(timeIntervalSince1970: 1_795_564_800))
        return SnapshotFuzzBase(bytes: [UInt8](bytes), answers: titles.map(resolver.resolve), titles: titles)
    }()

    /// The answers a snapshot file gives, or nil when it is refused or found damaged.
    static func answers(_ path: String) -> [LookupResult]? {
        wait { () async throws -> [LookupResult]? in
            let snapshot = try await DirectorySnapshot.open(file: path)
            let resolver = Resolver(snapshot: snapshot, asOf: Date(timeIntervalSince1970: 1_795_564_800))
            let answers = shared.titles.map(resolver.resolve)
            _ = Array(snapshot.people) + [] as [DirectorySnapshot.Person]
            _ = Array(snapshot.roles)
            _ = snapshot.warnings
            try snapshot.checkIntact()
            return answers
        } ?? nil
    }

    /// Runs async work from the fuzzer's thread, which is not one of the concurrency pool's.
    private static func wait<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) -> T? {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: T?
        Task {
            result = try? await work()
            done.signal()
        }
        done.wait()
        return result
    }
}
