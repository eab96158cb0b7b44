import RoleCall

/// A distribution list: one recipient per line; blank lines and `#` comments ignored.
enum RecipientList {
    static func load(path: String) throws -> [String] {
        try ListFile.items(path: path, describing: "recipients list").map(\.text)
    }
}
