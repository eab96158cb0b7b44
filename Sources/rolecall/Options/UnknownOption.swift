import ArgumentParser

/// A misspelt option is named first — "unknown option '--ldfi'; did you mean '--ldif'?" — before
/// any other check can hide it behind a later error.
enum UnknownOption {
    /// The message for the first option in `arguments` the chosen command does not have, if any.
    static func message(_ arguments: [String]) -> String? {
        let commands: [String: any ParsableCommand.Type] = [
            "lookup": Lookup.self, "verify": Verify.self, "report": Report.self,
        ]
        guard let name = arguments.first, let command = commands[name] else { return nil }
        let known = options(of: command)
        for argument in arguments.dropFirst() {
            if argument == "--" { break }
            guard argument.hasPrefix("--"), argument.count > 2 else { continue }
            let option = String(argument.prefix { $0 != "=" })
            guard !known.contains(option) else { continue }
            let nearest = known.map { ($0, distance(option, $0)) }.min { $0.1 < $1.1 }
            if let (suggestion, edits) = nearest, edits <= max(2, option.count / 3) {
                return "unknown option '\(option)' for rolecall \(name); did you mean '\(suggestion)'?"
            }
            return "unknown option '\(option)' for rolecall \(name); see 'rolecall \(name) --help'"
        }
        return nil
    }

    /// The long options a command takes, read from its own help.
    private static func options(of command: any ParsableCommand.Type) -> Set<String> {
        let help = RoleCallCommand.helpMessage(for: command, columns: 10_000)
        var names: Set<String> = ["--help"]
        for word in help.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") })
        where word.hasPrefix("--") {
            names.insert(String(word))
        }
        return names
    }

    /// Levenshtein distance: how many single-character edits turn one option into the other.
    private static func distance(_ first: String, _ second: String) -> Int {
        let a = Array(first)
        let b = Array(second)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
