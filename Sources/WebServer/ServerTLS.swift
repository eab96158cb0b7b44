public import Foundation
import NIOSSL

/// The files `rolecall serve` listens with over TLS: the server's certificate chain and private key
/// (PEM), and optionally the CA whose client certificates sign people in.
public struct ServerTLS: Sendable {
    /// The server's certificate, then any intermediate certificates, in PEM.
    public var certificateChain: String
    /// The server certificate's private key, unencrypted PEM.
    public var privateKey: String
    /// The CA certificates (PEM) that client certificates must chain to; with one set, a client
    /// without such a certificate cannot connect, and the certificate names the signed-in user.
    public var clientCA: String?

    /// Why the files cannot serve; the command line words it.
    public enum Problem: Error, Sendable, Equatable {
        /// The file cannot be read, or holds no PEM certificate.
        case noCertificate(path: String)
        /// The file cannot be read, or holds no unencrypted PEM private key.
        case noPrivateKey(path: String)
        /// A certificate in the file expired: browsers would refuse the page.
        case expired(path: String, notAfter: Date)
        /// A certificate in the file is not valid yet.
        case notYetValid(path: String, notBefore: Date)
        /// The private key is not the server certificate's key.
        case keyDoesNotMatch(certificate: String, key: String)
    }

    /// Names the files.
    /// - Parameters:
    ///   - certificateChain: The server's certificate chain (PEM).
    ///   - privateKey: Its private key (PEM).
    ///   - clientCA: The CA for client certificates; nil when people sign in otherwise.
    public init(certificateChain: String, privateKey: String, clientCA: String? = nil) {
        self.certificateChain = certificateChain
        self.privateKey = privateKey
        self.clientCA = clientCA
    }

    /// Reads and checks the files, as the server would at start.
    /// - Parameter now: The instant certificates must be valid at.
    /// - Throws: ``Problem`` for the first file that cannot serve.
    public func check(at now: Date = Date()) throws(Problem) {
        _ = try configuration(at: now)
    }

    /// The TLS configuration for the server: TLS 1.2 at least, and with a client CA, a verified client
    /// certificate required of every connection (the CA's name is sent, so browsers offer the right one).
    func configuration(at now: Date) throws(Problem) -> TLSConfiguration {
        let chain = try Self.certificates(in: certificateChain, at: now)
        let key: NIOSSLPrivateKey
        do { key = try NIOSSLPrivateKey(file: privateKey, format: .pem) } catch {
            throw .noPrivateKey(path: privateKey)
        }
        var configuration: TLSConfiguration
        if let clientCA {
            let authorities = try Self.certificates(in: clientCA, at: now)
            configuration = .makeServerConfigurationWithMTLS(
                certificateChain: chain.map { .certificate($0) },
                privateKey: .privateKey(key),
                trustRoots: .certificates(authorities)
            )
            configuration.sendCANameList = true
        } else {
            configuration = .makeServerConfiguration(
                certificateChain: chain.map { .certificate($0) },
                privateKey: .privateKey(key)
            )
        }
        configuration.minimumTLSVersion = .tlsv12
        // The TLS library checks that the key belongs to the certificate when it loads both.
        do { _ = try NIOSSLContext(configuration: configuration) } catch {
            throw .keyDoesNotMatch(certificate: certificateChain, key: privateKey)
        }
        return configuration
    }

    /// The certificates of a PEM file, each valid at `now`.
    private static func certificates(in path: String, at now: Date) throws(Problem) -> [NIOSSLCertificate] {
        guard let bytes = FileManager.default.contents(atPath: path),
            let certificates = try? NIOSSLCertificate.fromPEMBytes(Array(bytes)), !certificates.isEmpty
        else { throw .noCertificate(path: path) }
        for certificate in certificates {
            let notAfter = Date(timeIntervalSince1970: TimeInterval(certificate.notValidAfter))
            let notBefore = Date(timeIntervalSince1970: TimeInterval(certificate.notValidBefore))
            if notAfter < now { throw .expired(path: path, notAfter: notAfter) }
            if notBefore > now { throw .notYetValid(path: path, notBefore: notBefore) }
        }
        return certificates
    }
}
