import ArgumentParser
import RoleCall

/// The access list argument shared by `verify` and `report`.
struct ListOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp("The access list: one role per line (or a CSV with a 'role' column).", valueName: "list")
    )
    var list: String

    @Option(name: .long, help: "How the list is written: text or csv (default: by the file's extension).")
    var listFormat: ListFormat?

    enum ListFormat: String, ExpressibleByArgument, CaseIterable {
        case text, csv
    }

    func load() throws -> AccessList {
        try AccessList.load(path: list, format: listFormat.map { $0 == .csv ? .csv : .text })
    }
}
