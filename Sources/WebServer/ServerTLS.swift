public import Foundation

#if TLS
import NIOSSL
#endif

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
        /// The server's certificate (the file's first) expired: browsers would refuse the page.
        case expired(path: String, notAfter: Date)
        /// The server's certificate (the file's first) is not valid yet.
        case notYetValid(path: String, notBefore: Date)
        /// The private key is not the key of the file's first certificate (the wrong key, or the
        /// server's certificate is not first in the file).
        case keyDoesNotMatch(certificate: String, key: String)
        /// The TLS library refused the server's certificate chain or the client CAs (an unsupported
        /// key type or usage, for instance).
        case refused(certificate: String, clientCA: String?)
        /// This build of RoleCall has no TLS (built with `--disable-default-traits`).
        case notBuiltIn
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
        #if TLS
        _ = try configuration(at: now)
        #else
        throw .notBuiltIn
        #endif
    }
}

#if TLS
extension ServerTLS {

    /// The TLS configuration for the server: TLS 1.2 at least, and with a client CA, a verified client
    /// certificate required of every connection (the CA's name is sent, so browsers offer the right one).
    func configuration(at now: Date) throws(Problem) -> TLSConfiguration {
        let chain = try Self.certificates(in: certificateChain)
        // Only the server's own certificate is checked here: the TLS library judges client CAs and
        // intermediates as it verifies, and an old one left in a bundle does no harm.
        let notAfter = Date(timeIntervalSince1970: TimeInterval(chain[0].notValidAfter))
        let notBefore = Date(timeIntervalSince1970: TimeInterval(chain[0].notValidBefore))
        if notAfter < now { throw .expired(path: certificateChain, notAfter: notAfter) }
        if notBefore > now { throw .notYetValid(path: certificateChain, notBefore: notBefore) }
        let key: NIOSSLPrivateKey
        do { key = try NIOSSLPrivateKey(file: privateKey, format: .pem) } catch {
            throw .noPrivateKey(path: privateKey)
        }
        var configuration: TLSConfiguration
        if let clientCA {
            configuration = .makeServerConfigurationWithMTLS(
                certificateChain: chain.map { .certificate($0) },
                privateKey: .privateKey(key),
                trustRoots: .certificates(try Self.certificates(in: clientCA))
            )
            configuration.sendCANameList = true
        } else {
            configuration = .makeServerConfiguration(
                certificateChain: chain.map { .certificate($0) },
                privateKey: .privateKey(key)
            )
        }
        configuration.minimumTLSVersion = .tlsv12
        // The TLS library checks that the key belongs to the first certificate when it loads both.
        do { _ = try NIOSSLContext(configuration: configuration) } catch NIOSSLError.failedToLoadPrivateKey {
            throw .keyDoesNotMatch(certificate: certificateChain, key: privateKey)
        } catch {
            throw .refused(certificate: certificateChain, clientCA: clientCA)
        }
        return configuration
    }

    /// The certificates of a PEM file, in the file's order; at least one.
    private static func certificates(in path: String) throws(Problem) -> [NIOSSLCertificate] {
        guard let bytes = FileManager.default.contents(atPath: path),
            let certificates = try? NIOSSLCertificate.fromPEMBytes(Array(bytes)), !certificates.isEmpty
        else { throw .noCertificate(path: path) }
        return certificates
    }
}
#endif
