import ArgumentParser
import Foundation
import Presentation
import RoleCall

/// Where the directory comes from (an LDIF export or LDAP servers), and the instant account state
/// is evaluated at.
struct SourceOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "LDIF export of the directory ('-' reads standard input); repeat, or add --uri, to merge sources (a contacts file, say).",
            valueName: "file"
        )
    )
    var ldif: [String] = []

    @Flag(name: .long, help: "Let the LDIF file read ':<' file URLs (only for files you trust).")
    var allowFileUrls = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Snapshot file written by 'rolecall snapshot' (fast; as fresh as its last refresh).",
            valueName: "file"
        )
    )
    var snapshot: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "With --snapshot: refuse a snapshot older than this (90s, 15m, 2h, 1d) as an unavailable directory.",
            valueName: "age"
        )
    )
    var maxAge: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "LDAP server (ldap://, ldaps://, ldapi://); repeat for failover, tried in order.",
            valueName: "uri"
        )
    )
    var uri: [String] = []

    @Option(name: .long, help: ArgumentHelp("Search base (default: the server's naming context).", valueName: "dn"))
    var base: String?

    @Option(
        name: .long,
        help: ArgumentHelp("DN to bind as (or user@domain, DOMAIN\\user); anonymous without it.", valueName: "dn")
    )
    var bindDn: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "File holding the bind password (or set ROLECALL_PASSWORD; else you are asked).",
            valueName: "file"
        )
    )
    var passwordFile: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Bind with SASL instead of a password: EXTERNAL (ldapi://, or TLS with --client-cert) or GSSAPI (Kerberos).",
            valueName: "mechanism"
        )
    )
    var saslMech: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "With --sasl-mech GSSAPI: get the ticket from this keytab (for schedulers), not from kinit's cache.",
            valueName: "file"
        )
    )
    var keytab: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "With --sasl-mech GSSAPI: the Kerberos principal (default: the keytab's first, or the cache's).",
            valueName: "name"
        )
    )
    var principal: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Client certificate (PEM) to present in TLS; needs --client-key.", valueName: "file")
    )
    var clientCert: String?

    @Option(name: .long, help: ArgumentHelp("Private key (PEM) of --client-cert.", valueName: "file"))
    var clientKey: String?

    @Flag(name: .long, help: "Upgrade ldap:// connections with StartTLS.")
    var starttls = false

    @Option(
        name: .long,
        help: ArgumentHelp("CA certificates (PEM) to trust instead of the system store.", valueName: "file")
    )
    var caFile: String?

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for a server (default 30).", valueName: "seconds"))
    var timeout: Double?

    @Option(
        name: .long,
        help: ArgumentHelp("Entries per page of the search (default 500; 0 turns paging off).", valueName: "n")
    )
    var pageSize: Int?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "JSON file with these settings and the attribute mapping; flags override it.",
            valueName: "file"
        )
    )
    var config: String?

    @Flag(name: .long, help: "Allow sending a password without TLS to a host other than this machine.")
    var allowInsecure = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Evaluate account state at this date or time (2026-06-01, 2026-06-01T09:30 or 2026-06-01T09:30:00Z).",
            valueName: "date"
        )
    )
    var asOf: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Read --as-of times without an offset in this IANA time zone (default: this machine's).",
            valueName: "zone"
        )
    )
    var timeZone: String?

    func validate() throws {
        if let maxAge, TimeSpan.seconds(maxAge) == nil {
            throw ValidationError("--max-age \(maxAge) is not an age; write it like 90s, 15m, 2h or 1d")
        }
        // With a configuration file the zone may come from it: checked when the file is read.
        if config == nil {
            do { _ = try instant(nil) } catch { throw ValidationError(cliWording.message(error)) }
        }
        if let timeout, !(timeout > 0 && timeout.isFinite) {
            throw ValidationError("--timeout must be a positive number of seconds")
        }
        if let pageSize, !(0...100_000).contains(pageSize) {
            throw ValidationError("--page-size must be between 0 and 100000")
        }
        if let saslMech, !Self.saslMechanisms.contains(saslMech.uppercased()) {
            throw ValidationError(
                "--sasl-mech \(saslMech) is not supported; use \(Self.saslMechanisms.joined(separator: " or "))"
            )
        }
        if saslMech != nil, bindDn != nil || passwordFile != nil {
            throw ValidationError(
                "--sasl-mech takes the identity from the connection; leave out --bind-dn and --password-file"
            )
        }
        if keytab != nil || principal != nil, saslMech?.uppercased() != SASLBind.Mechanism.gssapi.rawValue,
            config == nil
        {
            throw ValidationError("--keytab and --principal are for Kerberos: add --sasl-mech GSSAPI")
        }
        if (clientCert == nil) != (clientKey == nil) {
            throw ValidationError("--client-cert and --client-key go together: give both files")
        }
        if bindDn == nil, passwordFile != nil, config == nil {
            throw ValidationError("--password-file needs --bind-dn: whose password is it?")
        }
    }

    /// Refuses a run with no source or several (the configuration file may name one instead).
    /// Called by each command that reads a directory, not by ``validate()``, since `rolecall
    /// snapshot --check` reads none.
    func validateSource() throws {
        if config == nil { try Self.checkSource(ldif: ldif, uri: uri, snapshot: snapshot) }
    }

    static func checkSource(ldif: [String], uri: [String], snapshot: String?) throws {
        if ldif.isEmpty, uri.isEmpty, snapshot == nil {
            throw ValidationError(
                "say where the directory is: --ldif FILE (an export, '-' for standard input), --uri ldaps://host "
                    + "or --snapshot FILE"
            )
        }
        if snapshot != nil, !ldif.isEmpty || !uri.isEmpty {
            throw ValidationError("--snapshot is a whole source: leave out --ldif and --uri, or drop --snapshot")
        }
        if ldif.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("standard input can be read once: give at most one --ldif -")
        }
    }

    /// The --config file, read once per run and handed to the methods below.
    func configuration() throws(RoleCallError) -> Configuration? {
        try config.map { (path) throws(RoleCallError) in try Configuration.load(path: path) }
    }

    /// The files this source reads — from the flags and from the configuration file — for
    /// --output to refuse.
    func inputFiles(_ file: Configuration?) -> [(path: String?, kind: RoleCallError.FileKind)] {
        let exports: [(path: String?, kind: RoleCallError.FileKind)] =
            (ldif.isEmpty ? [file?.ldif] : ldif.map(Optional.some)).map {
                ($0, .ldif)
            }
        return exports + [
            (snapshot ?? file?.snapshot, .snapshot), (config, .configuration),
            (passwordFile ?? file?.passwordFile, .password),
            (caFile ?? file?.caFile, .certificate), (keytab ?? file?.keytab, .certificate),
            (clientCert ?? file?.clientCert, .certificate), (clientKey ?? file?.clientKey, .certificate),
        ]
    }

    /// The SASL mechanisms RoleCall can bind with.
    static let saslMechanisms = [SASLBind.Mechanism.external.rawValue, SASLBind.Mechanism.gssapi.rawValue]

    /// The instant to evaluate account state at: --as-of read in --time-zone, or now. Read it
    /// once per run, so every part of the run and its output use the same instant.
    func instant(_ file: Configuration?) throws(RoleCallError) -> Date {
        let zone =
            try (timeZone ?? file?.timeZone).map { (name) throws(RoleCallError) in try Instant.timeZone(named: name) }
            ?? .current
        return try asOf.map { (text) throws(RoleCallError) in try Instant.parse(text, timeZone: zone) } ?? Date()
    }

    /// Reads the directory (and, from LDAP, the entries of `recipients`), with the mapping and
    /// account-state rules of --config.
    /// - Parameters:
    ///   - file: The --config file, read once per run.
    ///   - recipients: Recipients whose entries an LDAP read fetches too.
    ///   - readingSnapshots: Whether a configuration's `snapshot` is a source (not for
    ///     `rolecall snapshot`, which reads its `ldif` or `uri` to write one).
    /// - Throws: `RoleCallError` for a source that cannot be read.
    /// - Returns: The snapshot.
    func snapshot(
        _ file: Configuration?,
        recipients: [String] = [],
        readingSnapshots: Bool = true
    ) async throws -> DirectorySnapshot {
        warnAboutPassword(file)
        let (ldif, uris, snapshotFile) = chosenSource(file, readingSnapshots: readingSnapshots)
        try Self.checkSource(ldif: ldif, uri: uris, snapshot: snapshotFile)
        let mapping = file?.mapping ?? AttributeMapping()
        let policy = file?.policy ?? AccountStatePolicy()
        if let snapshotFile {
            let age = try (maxAge ?? file?.maxAge).map { (text) throws(RoleCallError) in
                guard let seconds = TimeSpan.seconds(text) else { throw RoleCallError(.invalidAge(text)) }
                return seconds
            }
            // Warnings were shown when the snapshot was written; they are not repeated on every read.
            return try await DirectorySnapshot.open(file: snapshotFile, mapping: mapping, policy: policy, maxAge: age)
        }
        let progress = ProgressLine(label: "entries read")
        defer { progress.finish() }
        let allowFileURLs = allowFileUrls || (file?.allowFileURLs ?? false)
        // The directory server first, then the LDIF files in the order given.
        var parts = ldif.map { MergedSource.Part.ldif(LDIFSource(path: $0, allowFileURLs: allowFileURLs)) }
        if !uris.isEmpty {
            let server = LDAPSource(
                configuration: try ldapConfiguration(uris: uris, file: file),
                base: base ?? file?.base
            )
            parts.insert(.ldap(server), at: 0)
        }
        let snapshot = try await MergedSource(parts).snapshot(
            mapping: mapping,
            policy: policy,
            progress: progress.update,
            recipients: recipients
        )
        Self.printWarnings(of: snapshot)
        return snapshot
    }

    /// The directory server to read when it is the whole source (no export beside it): what
    /// `rolecall snapshot` can refresh incrementally.
    /// - Parameter file: The --config file.
    /// - Throws: `ValidationError` or `RoleCallError` for server settings that cannot be used.
    /// - Returns: The server, or nil when the source is or includes an export.
    func serverOnly(_ file: Configuration?) throws -> LDAPSource? {
        let (ldif, uris, _) = chosenSource(file, readingSnapshots: false)
        guard ldif.isEmpty, !uris.isEmpty else { return nil }
        warnAboutPassword(file)
        return LDAPSource(configuration: try ldapConfiguration(uris: uris, file: file), base: base ?? file?.base)
    }

    /// The source given: the flags when any is given, else the configuration's. A configuration
    /// naming a snapshot and the source it is written from serves both jobs: lookups read the
    /// snapshot, `rolecall snapshot` the source.
    private func chosenSource(
        _ file: Configuration?,
        readingSnapshots: Bool
    ) -> (ldif: [String], uris: [String], snapshot: String?) {
        if !ldif.isEmpty || !uri.isEmpty || snapshot != nil { return (ldif, uri, snapshot) }
        if readingSnapshots, let configured = file?.snapshot { return ([], [], configured) }
        return (file?.ldif.map { [$0] } ?? [], file?.uri ?? [], nil)
    }

    private func warnAboutPassword(_ file: Configuration?) {
        guard let config, file?.passwordReadableByOthers == true else { return }
        FileHandle.standardError.write(
            Data(
                "rolecall: warning: \(config) holds a password but others can read it; run chmod 600 \(config) or use passwordFile\n"
                    .utf8
            )
        )
    }

    /// Shows the warnings a read found (a value not in UTF-8, an occupant that is not a DN).
    static func printWarnings(of snapshot: DirectorySnapshot) {
        for warning in snapshot.warnings {
            FileHandle.standardError.write(
                Data("rolecall: warning: \(SafeText.shown(Wording.message(warning)))\n".utf8)
            )
        }
    }

    /// Servers, bind and TLS settings: flags first, then the configuration file.
    private func ldapConfiguration(uris: [String], file: Configuration?) throws -> LDAPConfiguration {
        let mechanism = saslMech ?? file?.saslMech
        // With a configuration file the flags' check in validate() cannot see the file's keys.
        if keytab ?? file?.keytab ?? principal ?? file?.principal != nil,
            mechanism?.uppercased() != SASLBind.Mechanism.gssapi.rawValue
        {
            throw RoleCallError(.kerberosWithoutGSSAPI(configuration: config))
        }
        if let mechanism, !Self.saslMechanisms.contains(mechanism.uppercased()) {
            throw RoleCallError(.unsupportedSASLMechanism(mechanism, configuration: config))
        }
        let bindDN = mechanism == nil ? bindDn ?? file?.bindDN : nil
        return LDAPConfiguration(
            uris: uris,
            bindDN: bindDN,
            password: try password(bindDN: bindDN, file: file).map(LDAPConfiguration.Password.init),
            startTLS: starttls || (file?.startTLS ?? false),
            caFile: caFile ?? file?.caFile,
            timeout: timeout ?? file?.timeout ?? LDAPConfiguration.defaultTimeout,
            pageSize: pageSize ?? file?.pageSize ?? LDAPConfiguration.defaultPageSize,
            allowInsecure: allowInsecure || (file?.allowInsecure ?? false),
            sasl: mechanism.map {
                SASLBind(
                    mechanism: .init(rawValue: $0),
                    keytab: keytab ?? file?.keytab,
                    principal: principal ?? file?.principal
                )
            },
            clientCertificateFile: clientCert ?? file?.clientCert,
            clientKeyFile: clientKey ?? file?.clientKey
        )
    }

    /// The bind password: from --password-file (one trailing newline ignored), ROLECALL_PASSWORD,
    /// the configuration file, or a prompt without echo. Never from the command line.
    private func password(bindDN: String?, file: Configuration?) throws -> String? {
        guard let bindDN else { return nil }
        if let path = passwordFile ?? file?.passwordFile {
            guard var text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw RoleCallError(.unreadable(.password, path: path))
            }
            if text.hasSuffix("\r\n") { text.removeLast(2) } else if text.hasSuffix("\n") { text.removeLast() }
            return text
        }
        if let environment = ProcessInfo.processInfo.environment["ROLECALL_PASSWORD"] { return environment }
        if let stored = file?.password { return stored }
        guard isatty(STDIN_FILENO) == 1, let typed = getpass("Password for \(bindDN): ") else {
            throw RoleCallError(.passwordNeeded(bindDN: bindDN))
        }
        return String(cString: typed)
    }
}
