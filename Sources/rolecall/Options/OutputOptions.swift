import ArgumentParser
import Foundation
import RoleCall

/// How results are written.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv, markdown
}

struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: text, json, csv or markdown (text by default).")
    var format: OutputFormat = .text

    @Option(
        name: .long,
        help: ArgumentHelp("Write the results to this file (atomically) instead of standard output.", valueName: "file")
    )
    var output: String?

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
