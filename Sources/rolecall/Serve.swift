import ArgumentParser
import Foundation
import Presentation
import RoleCall
import Kerberos
import WebServer

/// `rolecall serve`: the web page and JSON API over a source or a snapshot file.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the web page and JSON API: look up roles, check recipients, read the lists' reports.",
        discussion: """
            Listens on 127.0.0.1:8080 by default (port 0 picks a free one) and prints \
            'listening on http://HOST:PORT' (https:// with TLS) once ready. Plain HTTP is served on loopback only; to listen \
            beyond it, give --tls-cert and --tls-key and a sign-in: Kerberos single sign-on (--service-keytab), client \
            certificates (--client-ca) or an authenticating reverse proxy (--trusted-proxy). A --snapshot file is followed as 'rolecall \
            snapshot' replaces it; --ldif and --uri are read once at start. Stops on Ctrl-C or SIGTERM.
            """
    )

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Address and port to listen on (beyond loopback: with TLS and a sign-in).",
            valueName: "host:port"
        )
    )
    var listen = "127.0.0.1:8080"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Serve HTTPS with this certificate, then any intermediates (PEM; needs --tls-key).",
            valueName: "file"
        )
    )
    var tlsCert: String?

    @Option(
        name: .long,
        help: ArgumentHelp("The --tls-cert certificate's private key (unencrypted PEM).", valueName: "file")
    )
    var tlsKey: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Sign people in by client certificate from this CA (PEM; needs --tls-cert): the certificate's email address, else its common name, is the user.",
            valueName: "file"
        )
    )
    var clientCA: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Sign people in by Kerberos single sign-on (HTTP Negotiate) with the keys of the page's service principal (HTTP/host@REALM) in this keytab: the ticket's principal is the user.",
            valueName: "file"
        )
    )
    var serviceKeytab: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "An access list, or a folder of them (one file each); each is named by its file name without the extension. Repeatable.",
            valueName: "path"
        )
    )
    var lists: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp("Requests per second one client may make (0 turns the limit off).", valueName: "n")
    )
    var rateLimit = 20

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The IP address of an authenticating reverse proxy: requests from anywhere else are refused (needs --user-header).",
            valueName: "address"
        )
    )
    var trustedProxy: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The header in which the --trusted-proxy names the signed-in user, such as X-Remote-User; evidence records that user.",
            valueName: "name"
        )
    )
    var userHeader: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Only members of this directory group (directly or through nested groups) may use the page; the signed-in name (the --user-header value, the certificate's email or common name, or the Kerberos principal or its local name) must be their mail, uid or another identifier.",
            valueName: "dn"
        )
    )
    var allowGroup: String?

    @OptionGroup var evidence: EvidenceOptions
    @OptionGroup var source: SourceOptions
    @OptionGroup var matching: MatchingOptions

    func validate() throws {
        try source.validateSource()
        guard Self.address(listen) != nil else {
            throw ValidationError("--listen \(listen) is not HOST:PORT; for example 127.0.0.1:8080 or [::1]:0")
        }
        switch (tlsCert, tlsKey) {
        case (nil, nil), (_?, _?): break
        default: throw ValidationError("--tls-cert and --tls-key go together: the certificate, and its private key")
        }
        if clientCA != nil, tlsCert == nil {
            throw ValidationError("--client-ca needs --tls-cert and --tls-key: client certificates are sent over TLS")
        }
        let signIns = [serviceKeytab, clientCA, trustedProxy].compactMap { $0 }.count
        if signIns > 1 {
            throw ValidationError(
                "--service-keytab, --client-ca and --trusted-proxy are different ways of signing people in; choose one"
            )
        }
        guard let host = Self.address(listen)?.host, WebServer.isLoopback(host) || (tlsCert != nil && signIns == 1)
        else {
            throw ValidationError(
                "--listen \(listen) is not a loopback address: beyond this machine the page needs TLS (--tls-cert, "
                    + "--tls-key) and a sign-in, by Kerberos (--service-keytab), by client certificate (--client-ca) or by "
                    + "an authenticating reverse proxy (--trusted-proxy, --user-header)"
            )
        }
        switch (trustedProxy, userHeader) {
        case (nil, nil): break
        case (let address?, let header?):
            guard SignInProxy.canonicalAddress(address) != nil else {
                throw ValidationError(
                    "--trusted-proxy \(address) is not an IP address; give the proxy's address, not its name"
                )
            }
            guard SignInProxy(address: address, header: header) != nil else {
                throw ValidationError("--user-header \(header) is not a header name")
            }
        default:
            throw ValidationError(
                "--trusted-proxy and --user-header go together: the proxy's address, and the header naming its user"
            )
        }
        if allowGroup != nil, signIns == 0 {
            throw ValidationError(
                "--allow-group needs a sign-in: give --service-keytab, --client-ca, or --trusted-proxy and --user-header, "
                    + "so that the page knows who asks"
            )
        }
        guard rateLimit >= 0 else { throw ValidationError("--rate-limit must be 0 or more") }
        if source.ldif.contains("-") {
            throw ValidationError("rolecall serve reads no standard input; give --ldif a file")
        }
    }

    func run() async throws {
        let file = try source.configuration()
        var settings = WebServer.Settings()
        guard let (host, port) = Self.address(listen) else { return }
        (settings.host, settings.port) = (host == "localhost" ? "127.0.0.1" : host, port)
        for path in lists {
            try settings.lists.merge(try Self.loadLists(path)) { _, _ in
                throw StartFailure("two access lists are named alike; rename one: \(path)")
            }
        }
        settings.minimumSimilarity = matching.minScore
        settings.rateLimit = rateLimit
        settings.evidence = try evidence.log()
        settings.account = EvidenceOptions.account
        if let trustedProxy, let userHeader {
            settings.signInProxy = SignInProxy(address: trustedProxy, header: userHeader)
        }
        if let serviceKeytab {
            do { settings.kerberos = try KerberosAcceptor(keytab: serviceKeytab) } catch {
                throw StartFailure(
                    "--service-keytab \(serviceKeytab) cannot sign people in: \(SafeText.shown(error.reason)). Give a keytab holding the "
                        + "keys of the page's service principal (HTTP/host@REALM), readable by the account running "
                        + "rolecall serve"
                )
            }
        }
        settings.allowedGroup = allowGroup
        if let tlsCert, let tlsKey {
            let tls = ServerTLS(certificateChain: tlsCert, privateKey: tlsKey, clientCA: clientCA)
            // Checked before the data is read: a certificate that cannot serve fails in a moment.
            do { try tls.check() } catch { throw StartFailure(Self.message(error)) }
            settings.tls = tls
        }
        if source.asOf != nil { settings.asOf = try source.instant(file) }
        let feed: DirectoryFeed
        let snapshotFile = source.snapshot ?? (source.ldif.isEmpty && source.uri.isEmpty ? file?.snapshot : nil)
        if let path = snapshotFile {
            let mapping = file?.mapping ?? AttributeMapping()
            let policy = file?.policy ?? AccountStatePolicy()
            feed = try await DirectoryFeed(following: path) { (path) throws(RoleCallError) in
                try await DirectorySnapshot.open(file: path, mapping: mapping, policy: policy)
            }
        } else {
            // A server read fetches the allowed group and its nested groups' members too, as verify
            // fetches distribution lists: a server's read otherwise keeps only titled and role entries.
            let group = settings.allowedGroup.map { [$0] } ?? []
            feed = DirectoryFeed(fixed: try await source.snapshot(file, recipients: group))
        }
        // Data read once at start ages too: past --max-age the page refuses rather than answer from it.
        if let age = source.maxAge ?? file?.maxAge {
            guard let seconds = TimeSpan.seconds(age) else { throw RoleCallError(.invalidAge(age)) }
            settings.maxAge = seconds
        }
        if let group = settings.allowedGroup {
            // A group the data does not hold would shut everyone out, or its members could not be told.
            let (membership, _) = await feed.membership(of: group)
            let fromServer = await feed.current().snapshot.origin?.includesServer == true
            let serverSnapshot = snapshotFile != nil && fromServer
            switch membership.problem {
            case .noSuchGroup where serverSnapshot:
                throw StartFailure(
                    "--allow-group \(group): no group has that DN in the snapshot; a snapshot of a directory server "
                        + "keeps groups only when written with 'rolecall snapshot FILE --uri ... --group \(group)', "
                        + "which reads the group and its members again at every refresh"
                )
            case .noSuchGroup:
                throw StartFailure("--allow-group \(group): no group has that DN in the directory data")
            case .membersUnknown:
                throw StartFailure(
                    "--allow-group \(group): the server computes this group's members (a dynamic group), "
                        + "which RoleCall cannot list; name a group that lists its members"
                )
            case nil: break
            }
        }
        let server = WebServer(settings: settings, feed: feed, wording: cliWording)
        do {
            try await server.run { url in
                FileHandle.standardOutput.write(Data("listening on \(url)\n".utf8))
            }
        } catch is CancellationError {
            return
        } catch let problem as ServerTLS.Problem {
            // The files changed since the check at start.
            throw StartFailure(Self.message(problem))
        }
    }

    /// What to do about TLS files that cannot serve.
    static func message(_ problem: ServerTLS.Problem) -> String {
        let day = { (date: Date) in JSONDocuments.instant(date) }
        switch problem {
        case .noCertificate(let path):
            return "\(path): no PEM certificate could be read from it; give the certificate file "
                + "(-----BEGIN CERTIFICATE-----), readable by this account"
        case .noPrivateKey(let path):
            return "\(path): no private key could be read from it; give the unencrypted PEM key "
                + "(-----BEGIN PRIVATE KEY-----), readable by this account"
        case .expired(let path, let notAfter):
            return "\(path): its server certificate expired at \(day(notAfter)); browsers would refuse the page, "
                + "so renew it"
        case .notYetValid(let path, let notBefore):
            return "\(path): its server certificate is valid only from \(day(notBefore)); check this machine's "
                + "clock or the certificate's dates"
        case .keyDoesNotMatch(let certificate, let key):
            return "\(key) is not the private key of the certificate in \(certificate); give the key made with it, "
                + "and put the server's own certificate first in the file, then any intermediates"
        case .refused(let certificate, let clientCA):
            return "the TLS library refused the certificates in \(certificate)"
                + (clientCA.map { " or \($0)" } ?? "")
                + "; the server's certificate needs an RSA or ECDSA key allowed for TLS servers (key usage)"
        case .notBuiltIn:
            return "this rolecall was built without TLS (--disable-default-traits); build it with the default "
                + "traits to serve HTTPS"
        }
    }

    /// `HOST:PORT` or `[IPV6]:PORT`.
    static func address(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65_535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }

    /// An access list by its file name without extension, or every list in a folder (hidden files skipped).
    static func loadLists(_ path: String) throws -> [String: AccessList] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            return [
                ((path as NSString).lastPathComponent as NSString).deletingPathExtension: try AccessList.load(
                    path: path
                )
            ]
        }
        let folder = path
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            throw StartFailure("--lists \(folder) is a folder that cannot be read")
        }
        var lists: [String: AccessList] = [:]
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = (folder as NSString).appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
                continue
            }
            let listName = (name as NSString).deletingPathExtension
            guard lists[listName] == nil else {
                throw StartFailure("two access lists in \(folder) are named \"\(listName)\"; rename one")
            }
            lists[listName] = try AccessList.load(path: path)
        }
        return lists
    }
}

/// A reason `rolecall serve` cannot start, found once the options were read: said without the usage
/// text, with exit 2.
struct StartFailure: Error {
    let message: String

    init(_ message: String) { self.message = message }
}
