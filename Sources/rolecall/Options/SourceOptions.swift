import ArgumentParser
import Foundation
import RoleCall

/// Where the directory comes from (an LDIF export or LDAP servers), and the instant account state
/// is evaluated at.
struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("LDIF export of the directory ('-' reads standard input).", valueName: "file"))
    var ldif: String?

    @Flag(name: .long, help: "Let the LDIF file read ':<' file URLs (only for files you trust).")
    var allowFileUrls = false

    @Option(name: .long, help: ArgumentHelp("LDAP server (ldap://, ldaps://, ldapi://); repeat for failover, tried in order.", valueName: "uri"))
    var uri: [String] = []

    @Option(name: .long, help: ArgumentHelp("Search base (default: the server's naming context).", valueName: "dn"))
    var base: String?

    @Option(name: .long, help: ArgumentHelp("DN to bind as (or user@domain, DOMAIN\\user); anonymous without it.", valueName: "dn"))
    var bindDn: String?

    @Option(name: .long, help: ArgumentHelp("File holding the bind password (or set ROLECALL_PASSWORD; else you are asked).", valueName: "file"))
    var passwordFile: String?

    @Flag(name: .long, help: "Upgrade ldap:// connections with StartTLS.")
    var starttls = false

    @Option(name: .long, help: ArgumentHelp("CA certificates (PEM) to trust instead of the system store.", valueName: "file"))
    var caFile: String?

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for a server (default 30).", valueName: "seconds"))
    var timeout: Double = 30

    @Option(name: .long, help: ArgumentHelp("Entries per page of the search (default 500; 0 turns paging off).", valueName: "n"))
    var pageSize: Int = 500

    @Flag(name: .long, help: "Allow sending a password without TLS to a host other than this machine.")
    var allowInsecure = false

    @Option(
        name: .long,
        help: ArgumentHelp("Evaluate account state at this date or time (2026-06-01 or 2026-06-01T09:00:00Z).", valueName: "date")
    )
    var asOf: String?

    func validate() throws {
        switch (ldif, uri.isEmpty) {
        case (nil, true):
            throw ValidationError("say where the directory is: --ldif FILE (an export, '-' for standard input) or --uri ldaps://host")
        case (.some, false):
            throw ValidationError("give either --ldif or --uri, not both")
        default: break
        }
        if let asOf, Self.parseDate(asOf) == nil {
            throw ValidationError("--as-of \"\(asOf)\" is not a date; write 2026-06-01 or 2026-06-01T09:00:00Z")
        }
        guard timeout > 0 else { throw ValidationError("--timeout must be a positive number of seconds") }
        guard (0...100_000).contains(pageSize) else { throw ValidationError("--page-size must be between 0 and 100000") }
        if !uri.isEmpty, bindDn == nil, passwordFile != nil {
            throw ValidationError("--password-file needs --bind-dn: whose password is it?")
        }
    }

    /// The instant to evaluate account state at.
    var instant: Date { asOf.flatMap(Self.parseDate) ?? Date() }

    /// Reads the directory (and, from LDAP, the entries of `recipients`).
    func snapshot(recipients: [String] = []) async throws -> DirectorySnapshot {
        let progress = ProgressLine(label: "entries read")
        defer { progress.finish() }
        let snapshot: DirectorySnapshot
        if let ldif {
            snapshot = try LDIFSource(path: ldif, allowFileURLs: allowFileUrls).snapshot(progress: progress.update)
        } else {
            let source = LDAPSource(
                uris: uri, base: base, bindDN: bindDn, password: try password(), startTLS: starttls, caFile: caFile,
                timeout: timeout, pageSize: pageSize, allowInsecure: allowInsecure
            )
            snapshot = try await source.snapshot(progress: progress.update, recipients: recipients)
        }
        for warning in snapshot.warnings { FileHandle.standardError.write(Data("rolecall: warning: \(warning)\n".utf8)) }
        return snapshot
    }

    /// The bind password: from --password-file (one trailing newline ignored), ROLECALL_PASSWORD,
    /// or a prompt without echo. Never from the command line.
    private func password() throws -> String? {
        guard let bindDn else { return nil }
        if let passwordFile {
            guard var text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                throw RoleCallError(.input, "\(passwordFile): cannot read the password file; check the path and permissions")
            }
            if text.hasSuffix("\r\n") { text.removeLast(2) } else if text.hasSuffix("\n") { text.removeLast() }
            return text
        }
        if let environment = ProcessInfo.processInfo.environment["ROLECALL_PASSWORD"] { return environment }
        guard isatty(STDIN_FILENO) == 1, let typed = getpass("Password for \(bindDn): ") else {
            throw RoleCallError(
                .input, "--bind-dn \(bindDn) needs a password: use --password-file FILE or set ROLECALL_PASSWORD"
            )
        }
        return String(cString: typed)
    }

    static func parseDate(_ text: String) -> Date? {
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return day.date(from: text)
    }
}
