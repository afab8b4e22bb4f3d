#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOSSL

/// A CA setting's value: a PEM file's path or, as Keyfactor's auth client also accepts, the PEM
/// text itself (a CI secret pasted into `KEYFACTOR_CA_CERT`).
enum CertificateSource {
    static func isInlinePEM(_ value: String) -> Bool { value.contains("-----BEGIN") }

    /// The value as a message may show it: the path, or a short stand-in for inline PEM.
    static func shown(_ value: String) -> String {
        isInlinePEM(value) ? "(inline PEM, \(value.utf8.count) bytes)" : value
    }

    /// The certificates; `origin` names the setting (`--ca-cert`, `KEYFACTOR_CA_CERT`, ...) for messages.
    static func certificates(_ value: String, origin: String) throws(KeyfactorClientError) -> [NIOSSLCertificate] {
        let certificates: [NIOSSLCertificate]
        if isInlinePEM(value) {
            do {
                certificates = try NIOSSLCertificate.fromPEMBytes(Array(value.utf8))
            } catch {
                throw .configuration("\(origin) holds PEM text that is not a certificate: give the CA's PEM "
                    + "(-----BEGIN CERTIFICATE----- ...) or a file's path")
            }
        } else {
            guard FileManager.default.isReadableFile(atPath: value) else {
                throw .configuration("cannot read the CA bundle \(value) (\(origin)): give a readable PEM file or the PEM itself")
            }
            do {
                certificates = try NIOSSLCertificate.fromPEMFile(value)
            } catch {
                throw .configuration("cannot read the CA bundle \(value) (\(origin)): it must be a file of PEM certificates")
            }
        }
        if certificates.isEmpty {
            throw .configuration("the CA bundle \(shown(value)) (\(origin)) holds no PEM certificate")
        }
        return certificates
    }
}
