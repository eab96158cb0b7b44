import Foundation

/// A real OpenLDAP slapd for tests: a throw-away mdb database on free loopback ports, TLS with a
/// generated CA, the ppolicy overlay, and the example directory plus generated entries loaded.
///
/// `Slapd.shared()` is started once per test process and stopped when it exits; tests that kill
/// a server start their own with `Slapd.start()`.
public final class Slapd: Sendable {
    /// `ldap://127.0.0.1:port/`
    public let ldapURI: String
    /// `ldaps://localhost:port/`
    public let ldapsURI: String
    /// The LDAPS port again on `127.0.0.2`, a name the server's certificate does not carry.
    public var wrongHostURI: String { ldapsURI.replacingOccurrences(of: "localhost", with: "127.0.0.2") }
    /// The CA that signed the server certificate.
    public let caFile: String
    /// A CA that did not.
    public let wrongCAFile: String
    /// The folder holding configuration, database and certificates.
    public let directory: String
    /// The LDIF file with the generated entries loaded under ``bigBase``.
    public let generatedLDIF: String
    /// How many entries ``generatedLDIF`` holds.
    public let generatedCount: Int
    /// The manager's DN and password (`rootdn`/`rootpw`).
    public let adminDN = "cn=admin,dc=dda,dc=example"
    public let adminPassword = "correct horse battery staple"
    /// The example directory's base and the generated entries' base.
    public let base = "dc=dda,dc=example"
    public let bigBase = "dc=big,dc=example"
    /// The example directory again, readable only by `cn=reader,dc=private,dc=example`: the
    /// identity a SASL EXTERNAL bind maps to (any local user over ``ldapiURI``, or the client
    /// certificate ``clientCertificateFile``).
    public let privateBase = "dc=private,dc=example"
    /// `ldapi://` on a Unix socket in ``directory``.
    public var ldapiURI: String {
        "ldapi://" + (directory + "/ldapi").addingPercentEncoding(
            withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._"))
        )!
    }
    /// A client certificate (`CN=rolecall reader`, signed by ``caFile``) and its key.
    public var clientCertificateFile: String { directory + "/client.pem" }
    public var clientKeyFile: String { directory + "/client.key" }
    /// The server's size limit (paging must get past it).
    public let sizeLimit = 1_000
    private let process: Locked<Process?>

    /// The shared server of this test process.
    public static func shared() throws -> Slapd {
        try sharedServer.withLock { server in
            if let server { return server }
            let started = try start()
            server = started
            return started
        }
    }

    private static let sharedServer = Locked<Slapd?>(nil)
    private static let running = Locked<[String]>([])

    /// Starts a new server with the example directory and `generated` entries under `dc=big,dc=example`.
    /// - Parameters:
    ///   - generated: How many generated entries to load.
    ///   - expiredCertificate: Serve TLS with a certificate that has expired (signed by the right CA).
    public static func start(generated: Int = 2_500, expiredCertificate: Bool = false) throws -> Slapd {
        // A free port can be taken between choosing it and slapd binding it (another test's
        // outgoing connection gets it): slapd then exits at once, and a fresh start on new ports
        // follows. A slapd that starts and never listens is not retried.
        for _ in 1..<3 {
            do { return try startOnce(generated: generated, expiredCertificate: expiredCertificate) } catch let error
                as SlapdExited
            {
                FileHandle.standardError.write(Data("\(error.description); starting again on other ports\n".utf8))
            }
        }
        return try startOnce(generated: generated, expiredCertificate: expiredCertificate)
    }

    private static func startOnce(generated: Int, expiredCertificate: Bool) throws -> Slapd {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "rolecall-slapd-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: directory + "/db-example", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory + "/db-big", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory + "/db-private", withIntermediateDirectories: true)
        try Certificates.make(in: directory)
        let ldapPort = try freePort()
        let ldapsPort = try freePort()
        try configuration(directory: directory, certificate: expiredCertificate ? "expired.pem" : "server.pem").write(
            toFile: directory + "/slapd.conf",
            atomically: true,
            encoding: .utf8
        )
        let generatedLDIF = directory + "/generated.ldif"
        try GeneratedDirectory.ldif(count: generated).write(toFile: generatedLDIF, atomically: true, encoding: .utf8)
        try run(
            "/usr/sbin/slapadd",
            ["-q", "-s", "-f", directory + "/slapd.conf", "-b", "dc=dda,dc=example", "-l", exampleLDIF]
        )
        try run(
            "/usr/sbin/slapadd",
            ["-q", "-s", "-f", directory + "/slapd.conf", "-b", "dc=big,dc=example", "-l", generatedLDIF]
        )
        let privateLDIF = directory + "/private.ldif"
        try String(contentsOfFile: exampleLDIF, encoding: .utf8)
            .replacingOccurrences(
                of: "dc *= *dda *, *dc *= *example",
                with: "dc=private,dc=example",
                options: [.regularExpression, .caseInsensitive]
            )
            .replacingOccurrences(of: "dc: dda", with: "dc: private")
            .write(toFile: privateLDIF, atomically: true, encoding: .utf8)
        try run(
            "/usr/sbin/slapadd",
            ["-q", "-s", "-f", directory + "/slapd.conf", "-b", "dc=private,dc=example", "-l", privateLDIF]
        )
        let server = Slapd(
            ldapURI: "ldap://127.0.0.1:\(ldapPort)/",
            ldapsURI: "ldaps://localhost:\(ldapsPort)/",
            directory: directory,
            generatedLDIF: generatedLDIF,
            generatedCount: generated
        )
        try server.launch(ports: (ldapPort, ldapsPort))
        return server
    }

    private init(ldapURI: String, ldapsURI: String, directory: String, generatedLDIF: String, generatedCount: Int) {
        self.ldapURI = ldapURI
        self.ldapsURI = ldapsURI
        self.directory = directory
        self.caFile = directory + "/ca.pem"
        self.wrongCAFile = directory + "/wrong-ca.pem"
        self.generatedLDIF = generatedLDIF
        self.generatedCount = generatedCount
        self.process = Locked(nil)
    }

    /// Runs slapd under a small shell watchdog that stops it when this test process is gone, even
    /// if the process ends without running its exit handlers.
    private func launch(ports: (Int, Int)) throws {
        let slapd =
            "/usr/sbin/slapd -f '\(directory)/slapd.conf' -h 'ldap://127.0.0.1:\(ports.0)/ ldaps://127.0.0.1:\(ports.1)/ ldaps://127.0.0.2:\(ports.1)/ \(ldapiURI)' -d 0"
        let watchdog = """
            \(slapd) >/dev/null 2>&1 & server=$!
            while kill -0 \(getpid()) 2>/dev/null && kill -0 $server 2>/dev/null; do sleep 0.5; done
            kill -9 $server 2>/dev/null; wait $server; rm -rf '\(directory)'
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", watchdog]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        Self.running.withLock { directories in
            if directories.isEmpty { atexit { Slapd.stopAll() } }
            directories.append(directory)
        }
        self.process.withLock { $0 = process }
        // Only a bound on a hang: a busy machine may take a while to start it.
        let deadline = Date().addingTimeInterval(180)
        while !Self.accepts(port: ports.0) {
            guard process.isRunning else {
                throw SlapdExited(description: "slapd exited before listening on ports \(ports.0) and \(ports.1)")
            }
            guard Date() < deadline else { throw FixtureError("slapd did not start; see \(directory)") }
            usleep(50_000)
        }
    }

    /// slapd's process id, from its pid file.
    private static func serverPID(in directory: String) -> Int32? {
        (try? String(contentsOfFile: directory + "/slapd.pid", encoding: .utf8))
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Applies changes written as LDIF (`changetype:` records) as the manager of `suffix`, with
    /// `ldapmodify`; a failure throws with what it said.
    /// - Parameters:
    ///   - ldif: The change records.
    ///   - suffix: ``base`` or ``bigBase``.
    public func change(_ ldif: String, in suffix: String? = nil) throws {
        try Self.applyChanges(ldif, uri: ldapURI, bindDN: "cn=admin,\(suffix ?? base)", password: adminPassword)
    }

    /// Applies change records with `ldapmodify`, bound as `bindDN`; a failure throws with what it said.
    static func applyChanges(
        _ ldif: String,
        uri: String,
        bindDN: String,
        password: String,
        environment: [String: String] = [:]
    ) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-change-\(UUID()).ldif").path
        try ldif.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        _ = try output(
            "/usr/bin/ldapmodify",
            ["-x", "-H", uri, "-D", bindDN, "-w", password, "-f", file],
            environment: environment
        )
    }

    /// Kills the server at once (SIGKILL), as a crash would.
    public func kill() {
        guard let pid = Self.serverPID(in: directory) else { return }
        Foundation.kill(pid, SIGKILL)
        process.withLock { $0?.waitUntilExit() }
    }

    private static func stopAll() {
        running.withLock { directories in
            for directory in directories {
                if let pid = serverPID(in: directory) { Foundation.kill(pid, SIGKILL) }
            }
        }
    }

    // MARK: setup helpers

    static let exampleLDIF: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Docs/examples/department.ldif").path

    private static func configuration(directory: String, certificate: String) -> String {
        """
        include /etc/ldap/schema/core.schema
        include /etc/ldap/schema/cosine.schema
        include /etc/ldap/schema/inetorgperson.schema
        include /etc/ldap/schema/nis.schema
        include \(directory)/rolecall-test.schema
        modulepath /usr/lib/ldap
        moduleload back_mdb
        moduleload ppolicy
        moduleload syncprov
        pidfile \(directory)/slapd.pid
        argsfile \(directory)/slapd.args
        TLSCACertificateFile \(directory)/ca.pem
        TLSCertificateFile \(directory)/\(certificate)
        TLSCertificateKeyFile \(directory)/server.key
        TLSVerifyClient allow
        authz-regexp "^gidnumber=[0-9]+\\\\+uidnumber=[0-9]+,cn=peercred,cn=external,cn=auth$" "cn=reader,dc=private,dc=example"
        authz-regexp "^cn=rolecall reader$" "cn=reader,dc=private,dc=example"
        sizelimit size.soft=1000 size.hard=1000 size.prtotal=unlimited
        database mdb
        suffix "dc=dda,dc=example"
        rootdn "cn=admin,dc=dda,dc=example"
        rootpw "correct horse battery staple"
        directory \(directory)/db-example
        maxsize 268435456
        index objectClass eq
        index title eq
        overlay ppolicy
        overlay syncprov
        syncprov-sessionlog 1000
        access to attrs=userPassword by anonymous auth by * none
        access to * by * read
        database mdb
        suffix "dc=big,dc=example"
        rootdn "cn=admin,dc=big,dc=example"
        rootpw "correct horse battery staple"
        directory \(directory)/db-big
        maxsize 1073741824
        index objectClass eq
        index title eq
        index entryUUID,entryCSN eq
        overlay syncprov
        syncprov-sessionlog 10
        access to * by * read
        database mdb
        suffix "dc=private,dc=example"
        directory \(directory)/db-private
        maxsize 268435456
        index objectClass eq
        access to * by dn.exact="cn=reader,dc=private,dc=example" read by * none
        """
    }

    private static func run(_ tool: String, _ arguments: [String]) throws { _ = try output(tool, arguments) }

    /// Runs a tool and returns what it wrote to standard output; a failure throws with what it
    /// wrote to standard error. Standard error goes through a file, so neither stream can stall it.
    static func output(_ tool: String, _ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-tool-\(UUID())").path
        _ = FileManager.default.createFile(atPath: errorFile, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorFile) }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: errorFile)
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? ""
            throw FixtureError("\(tool) \(arguments.joined(separator: " ")) failed: \(message)")
        }
        return text
    }

    static func runTool(_ tool: String, _ arguments: [String]) throws { try run(tool, arguments) }

    /// A loopback TCP port nobody listens on right now.
    public static func freePort() throws -> Int {
        let (socketFD, port) = try loopbackSocket(listening: false)
        close(socketFD)
        return port
    }

    /// A TCP socket bound to a free loopback port (and listening, if asked): its descriptor and port.
    static func loopbackSocket(listening: Bool) throws -> (Int32, Int) {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw FixtureError("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(socketFD, socketAddress, length) == 0 && (!listening || listen(socketFD, 8) == 0)
                    && getsockname(socketFD, socketAddress, &length) == 0
            }
        }
        guard bound else {
            close(socketFD)
            throw FixtureError("cannot bind a loopback socket")
        }
        return (socketFD, Int(UInt16(bigEndian: address.sin_port)))
    }

    static func accepts(port: Int) -> Bool {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { return false }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

/// A fixture that could not be set up.
/// slapd ended before it listened: most often a port taken since it was chosen.
struct SlapdExited: Error, CustomStringConvertible {
    let description: String
}

public struct FixtureError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
