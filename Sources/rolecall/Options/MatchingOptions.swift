import ArgumentParser

/// How similar titles are reported.
struct MatchingOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("Report similar titles scoring at least this (0 to 1; default 0.5).", valueName: "score")
    )
    var minScore: Double = 0.5

    func validate() throws {
        guard (0...1).contains(minScore) else {
            throw ValidationError("--min-score must be between 0 and 1, e.g. --min-score 0.8")
        }
    }
}
