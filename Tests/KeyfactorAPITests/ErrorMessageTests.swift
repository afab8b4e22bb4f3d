import Foundation
import KeyfactorAPI
import KeyfactorWire
import Testing

/// Each error kind: its message, its ledger code and whether the request may have taken effect.
@Suite struct ErrorMessageTests {
    static let url = "https://kf.example.com/KeyfactorAPI/OrchestratorJobs/Custom"

    @Test(arguments: [
        (KeyfactorClientError.connectionFailed(url: url, reason: "connection refused"), "transport.connection", KeyfactorClientError.ReachedServer.never,
         "cannot connect to \(url): connection refused; check the URL (--url or KEYFACTOR_HOSTNAME, KEYFACTOR_PORT) and that the server is reachable from here"),
        (.tls(url: url, reason: "the server's certificate is not trusted"), "transport.tls", .never,
         "TLS handshake with \(url) failed: the server's certificate is not trusted; if the server uses a private CA, pass its PEM bundle with --ca-cert (or KEYFACTOR_CA_CERT), and check that the host name matches the certificate"),
        (.timeout(url: url, phase: .connect), "transport.timeout", .never,
         "timed out connecting to \(url); check the URL and any firewall or proxy in between"),
        (.timeout(url: url, phase: .poolWait), "transport.timeout", .never,
         "timed out waiting for a free connection to \(url); lower the concurrency or raise --timeout"),
        (.timeout(url: url, phase: .read), "transport.timeout", .maybe,
         "timed out waiting for an answer from \(url); the request may have reached the server; raise --timeout if the server is slow"),
        (.connectionLost(url: url, afterSending: true), "transport.closed", .maybe,
         "the connection to \(url) closed before an answer came; the request may have reached the server"),
        (.connectionLost(url: url, afterSending: false), "transport.closed", .never,
         "the connection to \(url) closed before the request was sent"),
        (.httpStatus(method: "POST", path: "/OrchestratorJobs/Custom", status: 429, body: nil, retryAfter: 3), "http.429", .never,
         "POST /OrchestratorJobs/Custom failed with HTTP 429 (too many requests)"),
        (.httpStatus(method: "POST", path: "/OrchestratorJobs/Custom", status: 503, body: nil), "http.503", .never,
         "POST /OrchestratorJobs/Custom failed with HTTP 503 (service unavailable)"),
        (.httpStatus(method: "POST", path: "/OrchestratorJobs/Custom", status: 500,
                     body: KeyfactorErrorBody(errorCode: "0xA0000001", message: "Unexpected error")), "http.500", .maybe,
         "POST /OrchestratorJobs/Custom failed with HTTP 500 (internal server error): 0xA0000001 Unexpected error"),
        (.httpStatus(method: "POST", path: "/OrchestratorJobs/Custom", status: 504, body: nil, snippet: "<html>Gateway Timeout</html>"),
         "http.504", .maybe, "POST /OrchestratorJobs/Custom failed with HTTP 504 (gateway timeout): <html>Gateway Timeout</html>"),
        (.httpStatus(method: "POST", path: "/OrchestratorJobs/Custom/Bulk", status: 400,
                     body: KeyfactorErrorBody(errorCode: "0xA0110002", message: "Some failed",
                                              failedOperations: [FailedOperation(reason: "agent a is not approved")])),
         "http.400", .never,
         "POST /OrchestratorJobs/Custom/Bulk failed with HTTP 400 (bad request): 0xA0110002 Some failed; agent a is not approved"),
        (.undecodable(method: "POST", path: "/OrchestratorJobs/Custom", status: 200, reason: "not JSON", body: Data("OK".utf8)),
         "response.undecodable", .maybe,
         "POST /OrchestratorJobs/Custom answered HTTP 200 with a body kfjobs cannot read (not JSON): OK; check that the URL points at the Keyfactor Command API"),
        (.configuration("the timeout must be more than 0 seconds"), "config.invalid", .never, "the timeout must be more than 0 seconds"),
    ])
    func messageCodeAndReach(error: KeyfactorClientError, code: String, reached: KeyfactorClientError.ReachedServer, message: String) {
        #expect(error.description == message)
        #expect(error.code == code)
        #expect(error.reachedServer == reached)
    }

    @Test(arguments: [
        (KeyfactorClientError.connectionFailed(url: url, reason: "refused"), KeyfactorClientError.Disposition.notSent),
        (.timeout(url: url, phase: .connect), .notSent),
        (.timeout(url: url, phase: .poolWait), .notSent),
        (.connectionLost(url: url, afterSending: false), .notSent),
        (.httpStatus(method: "POST", path: "/", status: 429, body: nil), .notSent),
        (.httpStatus(method: "POST", path: "/", status: 503, body: nil), .notSent),
        (.httpStatus(method: "POST", path: "/", status: 400, body: nil), .rejected),
        (.httpStatus(method: "POST", path: "/", status: 409, body: nil), .rejected),
        (.httpStatus(method: "POST", path: "/", status: 500, body: nil), .unknown),
        (.httpStatus(method: "POST", path: "/", status: 502, body: nil), .unknown),
        (.httpStatus(method: "POST", path: "/", status: 504, body: nil), .unknown),
        (.timeout(url: url, phase: .read), .unknown),
        (.connectionLost(url: url, afterSending: true), .unknown),
        (.undecodable(method: "POST", path: "/", status: 200, reason: "not JSON", body: Data()), .unknown),
        (.authentication(detail: "x"), .fatal),
        (.permission(method: "POST", path: "/", body: nil), .fatal),
        (.tls(url: url, reason: "x"), .fatal),
        (.configuration("x"), .fatal),
    ])
    func submissionDisposition(error: KeyfactorClientError, disposition: KeyfactorClientError.Disposition) {
        #expect(error.disposition == disposition)
    }

    @Test func transientErrorsAreTheSafeToRepeatOnes() {
        #expect(KeyfactorClientError.connectionFailed(url: Self.url, reason: "x").isTransient)
        #expect(KeyfactorClientError.timeout(url: Self.url, phase: .connect).isTransient)
        #expect(KeyfactorClientError.httpStatus(method: "POST", path: "/", status: 503, body: nil).isTransient)
        #expect(!KeyfactorClientError.timeout(url: Self.url, phase: .read).isTransient)
        #expect(!KeyfactorClientError.httpStatus(method: "POST", path: "/", status: 500, body: nil).isTransient)
        #expect(!KeyfactorClientError.httpStatus(method: "POST", path: "/", status: 400, body: nil).isTransient)
    }

    @Test func connectionClosedAfterTheRequestWasSentMayHaveReachedTheServer() async throws {
        let server = try ClosingServer()
        defer { server.stop() }
        let settings = ConnectionSettings(baseURL: "http://127.0.0.1:\(server.port)/KeyfactorAPI", timeout: 5)
        let error = try await #require(throws: KeyfactorClientError.self) {
            try await withKeyfactorClient(settings: settings) { client in
                try await client.submitCustomJob(CustomJobRequest(agentId: "a", jobTypeName: "FetchLogs"))
            }
        }
        #expect(error.kind == .connectionLost)
        #expect(error.reachedServer == .maybe)
    }

    /// A password someone wrote into a URL (the server's, or the token endpoint's) is never shown:
    /// the messages that name a URL show `***@` in its place, even for a URL too malformed to parse.
    @Test(arguments: [
        "https://svc:Pa55-word@kf.example.com/KeyfactorAPI",
        "ftp://svc:Pa55-word@kf.example.com/KeyfactorAPI",
        "http//svc:Pa55-word@kf.example.com/KeyfactorAPI",
    ])
    func aPasswordWrittenIntoAURLNeverReachesAMessage(url: String) throws {
        let errors: [KeyfactorClientError] = [
            .connectionFailed(url: url, reason: "connection refused"), .tls(url: url, reason: "untrusted"),
            .timeout(url: url, phase: .connect), .timeout(url: url, phase: .read), .connectionLost(url: url, afterSending: true),
        ]
        for error in errors {
            #expect(!error.description.contains("Pa55-word"), "\(error.description)")
            #expect(error.description.contains("***@kf.example.com/KeyfactorAPI"))
        }
        let server = try #require(throws: KeyfactorClientError.self) {
            try ConnectionSettings(baseURL: url).validate()
        }
        #expect(!server.description.contains("Pa55-word"), "\(server.description)")
        var settings = ConnectionSettings(baseURL: "https://kf.example.com/KeyfactorAPI")
        settings.credentials = .oauth(OAuthClientCredentials(clientId: "kfjobs", clientSecret: "s", tokenURL: url))
        #expect(!settings.description.contains("Pa55-word"), "\(settings.description)")
        if url.hasPrefix("https://") { return }
        let token = try #require(throws: KeyfactorClientError.self) { try settings.validate() }
        #expect(!token.description.contains("Pa55-word"), "\(token.description)")
    }
}
