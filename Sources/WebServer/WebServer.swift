public import Foundation
public import Presentation
public import RoleCall
public import Kerberos
import Hummingbird
import HummingbirdCore
#if TLS
import HummingbirdTLS
#endif
import HTTPTypes
import Logging
import NIOCore

/// `rolecall serve`: the web page and JSON API over a directory, for people who send releases.
///
/// Pages and API answer with the same typed results and the same words as the command line:
/// `GET /lookup?title=…` and `GET /api/lookup?title=…` (repeatable) as `rolecall lookup`;
/// `POST /verify` (the form) and `POST /api/verify` (JSON) as `rolecall verify`; `GET /report` and
/// `GET /api/report?listName=…` as `rolecall report`. Every response forbids caching and loads
/// nothing from elsewhere; forms carry a token; bodies and request rates are limited.
public struct WebServer: Sendable {
    /// How the server listens and answers.
    public struct Settings: Sendable {
        /// The address to listen on; loopback unless the caller decides otherwise.
        public var host = "127.0.0.1"
        /// The port; 0 picks a free one.
        public var port = 8080
        /// The configured access lists, by name.
        public var lists: [String: AccessList] = [:]
        /// Data reflecting the directory longer ago than this many seconds is refused (503).
        public var maxAge: TimeInterval?
        /// A fixed instant to evaluate account state at; nil evaluates each request at its time.
        public var asOf: Date?
        /// Similar titles scoring below this are not reported.
        public var minimumSimilarity = 0.5
        /// Requests per second one client may make (a burst of twice that); 0 turns the limit off.
        public var rateLimit = 20
        /// The largest request body accepted, in bytes (413 beyond).
        public var bodyLimit = 1 << 20
        /// Where recipient checks are kept as evidence; a check then needs the release it is for.
        public var evidence: EvidenceLog?
        /// Who checks are recorded as made by when no one is signed in: the account running the server.
        public var account = "rolecall serve"
        /// The authenticating reverse proxy: requests from any other address are refused, and each
        /// must name its signed-in user in a header. Nil when no proxy signs people in.
        public var signInProxy: SignInProxy?
        /// Kerberos single sign-on (HTTP Negotiate) with the service's keys: every request must carry
        /// a ticket for the service. Nil when no one signs in by Kerberos.
        public var kerberos: KerberosAcceptor?
        /// The DN of the directory group whose members alone may use the page (needs a sign-in:
        /// ``signInProxy``, ``kerberos`` or a client CA in ``tls``); nil lets everyone signed in use it.
        public var allowedGroup: String?
        /// Serve over TLS with these files (and, with a client CA, sign people in by certificate);
        /// nil serves plain HTTP, answering only requests addressed to loopback.
        public var tls: ServerTLS?

        /// Default settings: loopback port 8080, no lists.
        public init() {}
    }

    let settings: Settings
    let feed: DirectoryFeed
    let wording: Wording
    /// The secret form tokens are derived from; a page from elsewhere cannot read a token, so
    /// cannot post a form.
    let formSecret: [UInt8]

    /// Creates a server.
    /// - Parameters:
    ///   - settings: How to listen and answer.
    ///   - feed: The directory.
    ///   - wording: How errors name settings (the command line's flags).
    public init(settings: Settings, feed: DirectoryFeed, wording: Wording) {
        self.settings = settings
        self.feed = feed
        self.wording = wording
        var generator = SystemRandomNumberGenerator()
        formSecret = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// Serves until the calling task is cancelled (the command line cancels it on SIGINT or SIGTERM).
    /// - Parameter onListening: Called once listening, with the server's URL (`http://HOST:PORT`, or
    ///   `https://` with TLS).
    /// - Throws: ``ServerTLS/Problem`` when the TLS files cannot serve; other errors when the address
    ///   cannot be bound.
    public func run(onListening: @escaping @Sendable (String) -> Void) async throws {
        let router = Router(context: WebContext.self)
        // HSTS on a loopback name would hold every local page on any port to HTTPS for a year.
        router.add(middleware: SecurityHeaders(strictTransport: settings.tls != nil && !Self.isLoopback(settings.host)))
        // Over TLS a page elsewhere cannot pose as this one (its name is not in the certificate).
        if settings.tls == nil { router.add(middleware: LoopbackHost()) }
        // Requests are limited per signed-in user, after the sign-in; with Kerberos, browsers reach
        // the page directly, so each address is limited before a token is judged (refused tokens
        // cost the keytab's work and a log line, and must not come unthrottled).
        let rateLimit = settings.rateLimit > 0 ? RateLimit(perSecond: settings.rateLimit) : nil
        let limitBeforeSignIn = settings.kerberos != nil
        if let rateLimit, limitBeforeSignIn { router.add(middleware: rateLimit) }
        if let proxy = settings.signInProxy { router.add(middleware: ProxySignIn(proxy: proxy)) }
        if let kerberos = settings.kerberos {
            router.add(middleware: NegotiateSignIn(acceptor: kerberos, report: { Self.log(line: $0) }))
        }
        #if TLS
        if settings.tls?.clientCA != nil { router.add(middleware: CertificateSignIn()) }
        #endif
        if let rateLimit, !limitBeforeSignIn { router.add(middleware: rateLimit) }
        if let group = settings.allowedGroup {
            router.add(middleware: GroupGate(group: group, feed: feed, report: { log($0) }, asOf: settings.asOf))
        }
        addPages(to: router)
        addAPI(to: router)
        var logger = Logger(label: "rolecall.serve")
        // Hummingbird reports a cancelled shutdown (Ctrl-C) as errors; only failures that stop it show.
        logger.logLevel = .critical
        let host = settings.host
        let scheme = settings.tls == nil ? "http" : "https"
        var server = HTTPServerBuilder.http1()
        if let tls = settings.tls {
            #if TLS
            server = try .tls(.http1(), tlsConfiguration: tls.configuration(at: Date()))
            #else
            try tls.check()
            #endif
        }
        let app = Application(
            router: router,
            server: server,
            configuration: .init(address: .hostname(host, port: settings.port)),
            onServerRunning: { channel in
                let shown = host.contains(":") ? "[\(host)]" : host
                onListening("\(scheme)://\(shown):\(channel.localAddress?.port ?? 0)")
            },
            logger: logger
        )
        try await app.runService(gracefulShutdownSignals: [])
    }

    /// Whether a listening address is this machine's loopback by its usual names: the only ones plain
    /// HTTP is served on.
    /// - Parameter host: An address as `--listen` gives it, without brackets.
    /// - Returns: True for `127.0.0.1`, `::1` and `localhost`.
    public static func isLoopback(_ host: String) -> Bool { ["127.0.0.1", "::1", "localhost"].contains(host) }

    // MARK: shared by pages and API

    /// The directory now, with a resolver; a failure to answer is a ``Refusal``.
    func resolver() async throws(Refusal) -> Resolver {
        let (snapshot, problem) = await feed.current()
        if let problem { log(problem) }
        let now = Date()
        if let maxAge = settings.maxAge, now.timeIntervalSince(snapshot.reflects) > maxAge {
            throw Refusal(
                status: .serviceUnavailable,
                code: "dataTooOld",
                message: "the directory data is from \(JSONDocuments.instant(snapshot.reflects)), older than the "
                    + "maximum age; check that the scheduled snapshot refresh is running"
            )
        }
        return Resolver(
            snapshot: snapshot,
            asOf: settings.asOf ?? now,
            minimumSimilarity: settings.minimumSimilarity
        )
    }

    /// Logs a problem the server answers despite (a replaced snapshot file that could not be opened).
    func log(_ problem: RoleCallError) { Self.log(line: wording.message(problem)) }

    /// Writes one line to the server's log (standard error).
    static func log(line: String) { FileHandle.standardError.write(Data("rolecall: serve: \(line)\n".utf8)) }

    /// Throws when the snapshot was found damaged while answering: the answer must not be sent.
    func checkIntact(_ resolver: Resolver) throws(Refusal) {
        do { try resolver.snapshot.checkIntact() } catch {
            throw Refusal(status: .serviceUnavailable, code: "snapshotDamaged", message: wording.message(error))
        }
    }

    /// A configured list by name.
    func list(named name: String) throws(Refusal) -> AccessList {
        guard let list = settings.lists[name] else {
            throw Refusal(
                status: .notFound,
                code: "unknownList",
                message: "no access list is called \"\(name)\"; the configured ones are "
                    + (settings.lists.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ").nonEmpty ?? "none")
            )
        }
        return list
    }

    /// An access list pasted as text, one role a line.
    func pastedList(_ text: String) throws(Refusal) -> AccessList {
        do { return try AccessList.parse(Array(text.utf8), source: "list", format: .text) } catch {
            throw Refusal(status: .badRequest, code: "badList", message: wording.message(error))
        }
    }

    /// Recipients pasted as text, or a saved message (`.eml` text, an Outlook `.msg`), named `source`.
    func pastedRecipients(_ bytes: [UInt8], source: String = "recipients") throws(Refusal) -> [Recipient] {
        do { return try RecipientList.parse(bytes, source: source) } catch {
            throw Refusal(status: .badRequest, code: "badRecipients", message: wording.message(error))
        }
    }

    /// The release a check is for, required when checks are kept as evidence.
    func release(_ text: String?) throws(Refusal) -> String {
        let release = text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard settings.evidence == nil || !release.isEmpty else {
            throw Refusal(
                status: .badRequest,
                code: "noRelease",
                message: "say which release the recipients are for: checks are kept as evidence"
            )
        }
        return release
    }

    /// Checks recipients against a list on the current data, and keeps the check as evidence when
    /// asked to: the form and the API answer the same way.
    func check(
        _ recipients: [Recipient],
        list: AccessList,
        listName: String?,
        release: String,
        from requester: WebContext
    ) async throws(Refusal) -> (check: RecipientCheck, resolver: Resolver) {
        let resolver = try await resolver()
        let check = RecipientCheck(recipients: recipients, list: list, resolver: resolver)
        try checkIntact(resolver)
        try await keep(
            check,
            list: list,
            listName: listName ?? "pasted",
            resolver: resolver,
            release: release,
            from: requester
        )
        return (check, resolver)
    }

    /// Keeps a check as evidence, when asked to; a check that cannot be kept is not answered. The
    /// append waits for the file's lock and the disk on a thread of its own, never on the threads
    /// that answer requests.
    private func keep(
        _ check: RecipientCheck,
        list: AccessList,
        listName: String,
        resolver: Resolver,
        release: String,
        from requester: WebContext
    ) async throws(Refusal) {
        guard let log = settings.evidence else { return }
        let record = EvidenceRecord(
            check: check,
            list: list,
            listName: listName,
            resolver: resolver,
            release: release,
            by: requester.user ?? settings.account,
            client: requester.client
        )
        let kept = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { () throws(RoleCallError) in try log.append(record) })
            }
        }
        if case .failure(let error) = kept {
            throw Refusal(status: .internalServerError, code: "evidenceNotKept", message: wording.message(error))
        }
    }

    /// A request's body, up to the limit.
    func body(of request: Request) async throws(Refusal) -> [UInt8] {
        do {
            let buffer = try await request.body.collect(upTo: settings.bodyLimit)
            return Array(buffer.readableBytesView)
        } catch {
            // Hummingbird gives NIO's too-many-bytes error the status 413.
            guard (error as? any HTTPResponseError)?.status == .contentTooLarge else {
                throw Refusal(
                    status: .badRequest,
                    code: "unreadableBody",
                    message: "the request's body could not be read"
                )
            }
            throw Refusal(
                status: .contentTooLarge,
                code: "tooLarge",
                message: "the request is larger than \(settings.bodyLimit / 1024) KiB; send fewer recipients at a time"
            )
        }
    }

    /// The token a signed-in user's forms carry (everyone's alike without a sign-in): behind a
    /// sign-in proxy, one user's token does not post another user's form, so a check cannot be
    /// kept as evidence in someone else's name.
    func formToken(for requester: WebContext) -> String {
        SHA256.hmac(key: formSecret, message: Array("form:\(requester.user ?? "")".utf8))
            .map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    /// Whether the browser says the request was started by another site's page (`Sec-Fetch-Site`):
    /// a check posted from elsewhere is refused even with a valid token. Clients that send no such
    /// header (scripts, older browsers) rely on the token and the JSON content type.
    static func isFromAnotherSite(_ request: Request) -> Bool {
        guard let name = HTTPField.Name("Sec-Fetch-Site"), let site = request.headers[name] else { return false }
        return !["same-origin", "none"].contains(site.lowercased())
    }

    /// Whether a form sent back the token of the page given to this requester, compared in constant time.
    func isFormToken(_ sent: String?, for requester: WebContext) -> Bool {
        let (sent, expected) = (Array((sent ?? "").utf8), Array(formToken(for: requester).utf8))
        guard sent.count == expected.count else { return false }
        return zip(sent, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Why a request gets no answer: an HTTP status, a stable code and a message for people.
struct Refusal: Error {
    var status: HTTPResponse.Status
    var code: String
    var message: String
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }

    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
