import Foundation
import KeyfactorAPI
import NIOSSL
import Testing

/// `KeyfactorDoctor` against a real HTTPS server on 127.0.0.1 whose certificate a CA made with
/// openssl at test time signed: untrusted without `--ca-cert`, trusted with it.
@Suite struct DoctorTLSTests {
    @Test func anUntrustedCertificateFailsTLSAndTheCAFixesIt() async throws {
        let material = try ThrowawayCertificate.make()
        defer { try? FileManager.default.removeItem(atPath: material.directory) }
        let tls = try material.serverTLS()
        try await withTestServer(tls: tls, handler: { request in
            request.path.hasSuffix("/Status/Endpoints")
                ? .json(#"["GET /KeyfactorAPI/Agents"]"#, headers: [("x-keyfactor-product-version", "11.1.0.0")])
                : .json("[]", headers: [("x-total-count", "0")])
        }) { port, _ in
            var settings = ConnectionSettings(baseURL: "https://127.0.0.1:\(port)/KeyfactorAPI", timeout: 30, userAgentVersion: "0.1.0")
            let untrusted = await KeyfactorDoctor(settings: settings).run()
            #expect(!untrusted.canWork)
            let check = try #require(untrusted.checks.first { $0.name == "tls" })
            #expect(check.status == .failed)
            #expect(check.found == "the TLS handshake with 127.0.0.1:\(port) failed: the server's certificate is not trusted")
            #expect(check.action?.hasPrefix("if the server uses a private CA, pass its PEM with --ca-cert FILE") == true)
            #expect(untrusted.checks.last?.name == "auth" && untrusted.checks.last?.status == .skipped)

            settings.caCertificatePath = material.certificatePath
            let trusted = await KeyfactorDoctor(settings: settings).run()
            let tlsCheck = try #require(trusted.checks.first { $0.name == "tls" })
            #expect(tlsCheck.status == .warning, "a one-day certificate expires soon")
            #expect(tlsCheck.found.hasPrefix("certificate trusted, expires "))
            #expect(trusted.checks.first { $0.name == "status" }?.found == "GET /Status/Endpoints lists 1 endpoints; product version 11.1.0.0")
            #expect(trusted.canWork, "\(trusted.checks.filter { $0.status == .failed })")
            #expect(trusted.json.contains(#""canWork":true"#))
        }
    }
}
