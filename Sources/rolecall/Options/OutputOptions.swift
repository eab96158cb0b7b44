import ArgumentParser
import Foundation

/// How results are written to standard output.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: text or json (text by default).")
    var format: OutputFormat = .text
}
