import ArgumentParser
import RoleCall

/// The access list argument shared by `verify` and `report`.
struct ListOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "The access list: one role per line (bullets and numbering allowed), a CSV with a 'role' column, or a web page's list.",
            valueName: "list"
        )
    )
    var list: String

    @Option(
        name: .long,
        help: "How the list is written: text, csv or html (default: by the file's extension or contents)."
    )
    var listFormat: ListFormat?

    enum ListFormat: String, ExpressibleByArgument, CaseIterable {
        case text, csv, html
    }

    func load() throws -> AccessList {
        try AccessList.load(path: list, format: listFormat.flatMap { AccessList.Format(rawValue: $0.rawValue) })
    }
}
