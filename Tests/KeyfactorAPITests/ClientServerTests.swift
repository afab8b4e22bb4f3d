import Foundation
import Hummingbird
import HummingbirdTLS
@testable import KeyfactorAPI
import KeyfactorWire
import NIOSSL
import Testing

/// The client against a real Hummingbird server on 127.0.0.1 (port 0): wire, auth, errors, TLS.
@Suite struct ClientServerTests {
    func settings(port: Int, scheme: String = "http", credentials: KeyfactorCredentials? = .basic(username: "svc", password: "hunter2", domain: "CORP"))
        -> ConnectionSettings
    {
        // A generous timeout: the test server answers on the cooperative pool, which the suite's other
        // tests can hold for seconds on a busy machine (5 s timed out under AddressSanitizer). Tests of
        // the timeout itself set their own.
        var settings = ConnectionSettings(
            baseURL: "\(scheme)://127.0.0.1:\(port)/KeyfactorAPI", credentials: credentials, timeout: 60, userAgentVersion: "0.1.0")
        settings.getRetries = 1
        settings.retryBaseDelay = 0.01
        return settings
    }

    static func camelAgents(page: Int, count: Int) -> String {
        "[" + (0..<count).map { index in
            let number = (page - 1) * 3 + index
            return #"{"agentId":"00000000-0000-0000-0000-00000000000\#(number)","clientMachine":"eu-\#(number)","status":2,"agentPlatform":7,"capabilities":["LOGS"],"lastSeen":"2026-11-28T10:15:00.123"}"#
        }.joined(separator: ",") + "]"
    }

    @Test func camelCaseServerPagedWithAnExactlyFullLastPage() async throws {
        try await withTestServer(handler: { request in
            guard request.path == "/KeyfactorAPI/Agents" else { return Reply(status: 404) }
            let page = Int(request.query["PageReturned"] ?? "") ?? 0
            return .json(page <= 2 ? Self.camelAgents(page: page, count: 3) : "[]")
        }) { port, log in
            try await withKeyfactorClient(settings: settings(port: port)) { client in
                let agents = try await client.listAgents(query: #"Status -eq "2""#, pageSize: 3)
                #expect(agents.count == 6)
                #expect(agents.last?.clientMachine == "eu-5")
                #expect(agents.first?.capabilities == ["LOGS"])
            }
            let requests = await log.requests
            #expect(requests.map { $0.query["PageReturned"] } == ["1", "2", "3"])
            #expect(requests.first?.query["QueryString"] == #"Status -eq "2""#)
            let headers = try #require(requests.first?.headers)
            #expect(headers["x-keyfactor-requested-with"] == "APIClient")
            #expect(headers["x-keyfactor-api-version"] == "1")
            #expect(headers["user-agent"] == "kfjobs/0.1.0")
            #expect(headers["authorization"] == "Basic " + Data(#"CORP\svc:hunter2"#.utf8).base64EncodedString())
        }
    }

    @Test func pascalCaseSubmissionOverTheWire() async throws {
        try await withTestServer(handler: { request in
            guard request.method == "POST", request.path == "/KeyfactorAPI/OrchestratorJobs/Custom" else { return Reply(status: 404) }
            return .json(#"{"JobId":"11111111-2222-3333-4444-555555555555","OrchestratorId":"a1","JobTypeName":"RotateSSHKeys","Schedule":{"Interval":{"Minutes":90}},"JobFields":[{"JobTypeField":"KeyBits","Value":"4096"}],"RequestTimestamp":"2026-11-28T10:15:00Z"}"#,
                         headers: [("Date", "Sat, 28 Nov 2026 10:15:03 GMT")])
        }) { port, log in
            let submission = try await withKeyfactorClient(settings: settings(port: port)) { client in
                try await client.submitCustomJob(CustomJobRequest(
                    agentId: "a1", jobTypeName: "RotateSSHKeys", schedule: .interval(minutes: 90), jobFields: ["KeyBits": "4096"]))
            }
            #expect(submission.response.jobId == "11111111-2222-3333-4444-555555555555")
            #expect(submission.response.orchestratorId == "a1")
            #expect(submission.response.requestTimestamp == KeyfactorDate.parse("2026-11-28T10:15:00Z"))
            // Hummingbird writes its own Date header: the server's real clock, read to the second.
            let serverDate = try #require(submission.serverDate)
            #expect(abs(serverDate.timeIntervalSinceNow) < 120)
            let body = try #require(await log.requests.first?.body)
            let sent = try #require(try JSONSerialization.jsonObject(with: body) as? NSDictionary)
            let expected = try #require(try JSONSerialization.jsonObject(with: Data(#"{"AgentId":"a1","JobTypeName":"RotateSSHKeys","Schedule":{"Interval":{"Minutes":90}},"JobFields":{"KeyBits":"4096"}}"#.utf8)) as? NSDictionary)
            #expect(sent == expected)
            #expect(await log.requests.first?.headers["content-type"] == "application/json")
        }
    }

    @Test func statusReadsTheProductVersion() async throws {
        try await withTestServer(handler: { _ in
            .json(#"["/Agents","/OrchestratorJobs/Custom"]"#, headers: [("x-keyfactor-product-version", "25.2.0.0")])
        }) { port, _ in
            let status = try await withKeyfactorClient(settings: settings(port: port)) { try await $0.status() }
            #expect(status.productVersion == "25.2.0.0")
            #expect(status.endpoints.count == 2)
        }
    }

    @Test func htmlErrorBodyIsShownAsASnippet() async throws {
        try await withTestServer(handler: { _ in Reply(status: 404, body: Data("<html><body>Not Found</body></html>".utf8)) }) { port, _ in
            let error = try await #require(throws: KeyfactorClientError.self) {
                try await withKeyfactorClient(settings: settings(port: port)) { try await $0.listCustomJobTypes() }
            }
            #expect(error.description == "GET /JobTypes/Custom failed with HTTP 404 (not found): <html><body>Not Found</body></html>; check the API path in the URL (KEYFACTOR_API_PATH, default KeyfactorAPI)")
        }
    }

    @Test func undecodableSuccessBodyIsExplained() async throws {
        try await withTestServer(handler: { _ in .json(#"{"not":"a list"}"#) }) { port, _ in
            let error = try await #require(throws: KeyfactorClientError.self) {
                try await withKeyfactorClient(settings: settings(port: port)) { try await $0.listCustomJobTypes() }
            }
            #expect(error.kind == .undecodableResponse)
            #expect(error.description == #"GET /JobTypes/Custom answered HTTP 200 with a body kfjobs cannot read (unexpected type at the top level): {"not":"a list"}; check that the URL points at the Keyfactor Command API"#)
        }
    }

    @Test func connectionRefusedNeverReachedTheServer() async throws {
        let port = try closedPort()
        // Fails at once: connection establishment is not retried inside AsyncHTTPClient.
        var settings = settings(port: port)
        settings.timeout = 1
        let error = try await #require(throws: KeyfactorClientError.self) {
            try await withKeyfactorClient(settings: settings) { client in
                try await client.submitCustomJob(CustomJobRequest(agentId: "a", jobTypeName: "FetchLogs"))
            }
        }
        #expect(error.kind == .connectionFailed)
        #expect(error.reachedServer == .never)
        #expect(error.code == "transport.connection")
        #expect(error.description == "cannot connect to http://127.0.0.1:\(port)/KeyfactorAPI/OrchestratorJobs/Custom: connection refused; check the URL (--url or KEYFACTOR_HOSTNAME, KEYFACTOR_PORT) and that the server is reachable from here")
    }

    @Test func aHangingServerMayHaveReceivedThePost() async throws {
        try await withTestServer(handler: { _ in
            try? await Task.sleep(nanoseconds: 3_000_000_000)
            return .json("{}")
        }) { port, log in
            var settings = settings(port: port)
            settings.timeout = 0.5
            let error = try await #require(throws: KeyfactorClientError.self) {
                try await withKeyfactorClient(settings: settings) { client in
                    try await client.submitCustomJob(CustomJobRequest(agentId: "a", jobTypeName: "FetchLogs"))
                }
            }
            #expect(error.kind == .timeout)
            #expect(error.reachedServer == .maybe)
            #expect(error.code == "transport.timeout")
            // Sent once, never again; on a busy machine the client may give up before the server's
            // handler has even logged it.
            #expect(await log.requests.count <= 1)
        }
    }

    @Test func poolLimitFollowsTheSettings() throws {
        var settings = settings(port: 1)
        settings.maxConnectionsPerHost = 48
        let configuration = try KeyfactorClient.httpConfiguration(settings)
        #expect(configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit == 48)
    }

    @Test func unreadableCABundleIsAConfigurationError() throws {
        var settings = settings(port: 1, scheme: "https")
        settings.caCertificatePath = "/nonexistent/ca.pem"
        let error = try #require(throws: KeyfactorClientError.self) { try KeyfactorClient(settings: settings) }
        #expect(error.description == "cannot read the CA bundle /nonexistent/ca.pem (--ca-cert or KEYFACTOR_CA_CERT): give a readable PEM file or the PEM itself")
    }

    @Test func privateCA() async throws {
        let material = try ThrowawayCertificate.make()
        defer { try? FileManager.default.removeItem(atPath: material.directory) }
        let tls = try material.serverTLS()
        try await withTestServer(tls: tls, handler: { _ in .json(#"["/Agents"]"#) }) { port, _ in
            // Untrusted: the system trust store does not know the throwaway CA.
            var untrusted = settings(port: port, scheme: "https")
            untrusted.timeout = 2
            untrusted.getRetries = 0
            let error = try await #require(throws: KeyfactorClientError.self) {
                try await withKeyfactorClient(settings: untrusted) { try await $0.status() }
            }
            #expect(error.kind == .tls)
            #expect(error.reachedServer == .never)
            #expect(error.description.hasPrefix("TLS handshake with https://127.0.0.1:\(port)/KeyfactorAPI/Status/Endpoints failed: the server's certificate is not trusted; "))
            #expect(error.description.contains("pass its PEM bundle with --ca-cert (or KEYFACTOR_CA_CERT)"))
            // Trusted through --ca-cert.
            var trusted = settings(port: port, scheme: "https")
            trusted.caCertificatePath = material.certificatePath
            let status = try await withKeyfactorClient(settings: trusted) { try await $0.status() }
            #expect(status.endpoints == ["/Agents"])
            // Or with verification off.
            var insecure = settings(port: port, scheme: "https")
            insecure.insecure = true
            _ = try await withKeyfactorClient(settings: insecure) { try await $0.status() }
        }
    }
}

/// A self-signed certificate for 127.0.0.1 made with the openssl command at test time.
struct ThrowawayCertificate {
    let directory: String
    var certificatePath: String { directory + "/cert.pem" }
    var keyPath: String { directory + "/key.pem" }

    /// A server's TLS configuration with this certificate and key.
    func serverTLS() throws -> TLSConfiguration {
        TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificatePath).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: keyPath, format: .pem)))
    }

    static func make() throws -> ThrowawayCertificate {
        let directory = NSTemporaryDirectory() + "kfjobs-tls-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let material = ThrowawayCertificate(directory: directory)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", material.keyPath, "-out", material.certificatePath,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CertificateError.opensslFailed(process.terminationStatus) }
        return material
    }

    enum CertificateError: Error {
        case opensslFailed(Int32)
    }
}
