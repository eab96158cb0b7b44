import ArgumentParser
import Foundation
import RoleCall

/// How results are written.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv, markdown, html
}

struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: text, json, csv, markdown or html (text by default).")
    var format: OutputFormat = .text

    @Option(
        name: .long,
        help: ArgumentHelp("Write the results to this file (atomically) instead of standard output.", valueName: "file")
    )
    var output: String?

    /// Refuses an --output that is one of the run's inputs (the same file by any path, or a file
    /// the run will create, like a new state file): writing it would destroy the input.
    func refuseOverwriting(_ inputs: [(path: String?, kind: RoleCallError.FileKind)]) throws(RoleCallError) {
        try Self.refuse(writing: output, over: inputs)
    }

    /// Throws when `output` is one of `inputs` by any path (a device or pipe excepted).
    static func refuse(
        writing output: String?,
        over inputs: [(path: String?, kind: RoleCallError.FileKind)]
    ) throws(RoleCallError) {
        guard let output else { return }
        var target = stat()
        let exists = stat(output, &target) == 0
        // A device or pipe (/dev/null, /dev/stdout) is written in place and replaces nothing.
        if exists, target.st_mode & S_IFMT != S_IFREG { return }
        for case let (path?, kind) in inputs {
            if path == "-" {
                // Standard input redirected from the very file --output names.
                var input = stat()
                if exists, fstat(0, &input) == 0, input.st_dev == target.st_dev, input.st_ino == target.st_ino {
                    throw RoleCallError(.outputIsInput(path: output, input: kind))
                }
            } else if Self.sameFile(output, path) {
                throw RoleCallError(.outputIsInput(path: output, input: kind))
            }
        }
    }

    private static func sameFile(_ first: String, _ second: String) -> Bool {
        var a = stat()
        var b = stat()
        if stat(first, &a) == 0, stat(second, &b) == 0 { return a.st_dev == b.st_dev && a.st_ino == b.st_ino }
        let absolute = { (path: String) in
            URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        }
        return absolute(first) == absolute(second)
    }

    /// Writes the rendered results to --output or standard output.
    func emit(_ text: String) throws {
        // Interrupted after the read: nothing is written.
        if Task.isCancelled { throw RoleCallError(.cancelled) }
        if let output {
            try AtomicFile.write(text, to: output, kind: .output)
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
