import ArgumentParser
import RoleCall

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
            // The title matcher's bounded edit distance (a transposition counts as one edit).
            let limit = max(2, option.count / 3)
            let nearest = known.sorted().compactMap { name in
                EditDistance.distance(option, name, limit: limit).map { (name, $0) }
            }.min { $0.1 < $1.1 }
            if let (suggestion, _) = nearest {
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
}
