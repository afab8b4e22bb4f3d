import Foundation
@testable import KeyfactorAPI
import KeyfactorWire
import Synchronization
import Testing

/// The Dispatch-facing submission (`submitCustomJobFuture`) over a real server: it takes a path
/// with no Swift task when it can, and must classify, authorise and answer exactly as the async call does.
@Suite struct ClientFuturePathTests {
    /// The two ways to submit one job, as the engine (future) and as a script (async) would.
    enum Form: String, CaseIterable, Sendable {
        case future, async

        /// The created job's receipt: the future form reads only that from the answer.
        func submit(_ client: KeyfactorClient, _ request: CustomJobRequest) async throws -> Submission<CustomJobReceipt> {
            switch self {
            case .future: return try await client.submitCustomJobFuture(request).get()
            case .async: return try await client.submitCustomJob(request)
            }
        }
    }

    static let created = #"{"JobId":"11111111-2222-3333-4444-555555555555","OrchestratorId":"a1","JobTypeName":"FetchLogs","RequestTimestamp":"2026-11-28T10:15:00Z"}"#

    /// A minute: long enough that a loaded machine never turns an answer into a timeout; the tests of
    /// timeouts give their own.
    func settings(port: Int, credentials: KeyfactorCredentials?, timeout: TimeInterval = 60) -> ConnectionSettings {
        ConnectionSettings(
            baseURL: "http://127.0.0.1:\(port)/KeyfactorAPI", credentials: credentials, timeout: timeout, userAgentVersion: "0.1.0")
    }

    @Test(arguments: Form.allCases)
    func basicCredentialsAndHeadersGoWithTheRequest(form: Form) async throws {
        try await withTestServer(handler: { _ in .json(Self.created) }) { port, log in
            let credentials = KeyfactorCredentials.basic(username: "svc", password: "hunter2", domain: "CORP")
            let submission = try await withKeyfactorClient(settings: settings(port: port, credentials: credentials)) { client in
                try await form.submit(client, CustomJobRequest(agentId: "a1", jobTypeName: "FetchLogs"))
            }
            #expect(submission.response.jobId == "11111111-2222-3333-4444-555555555555")
            #expect(submission.httpStatus == 200)
            let headers = try #require(await log.requests.first?.headers)
            #expect(headers["authorization"] == "Basic " + Data("CORP\\svc:hunter2".utf8).base64EncodedString())
            #expect(headers["x-keyfactor-requested-with"] == "APIClient")
            #expect(headers["content-type"] == "application/json")
        }
    }

    @Test(arguments: Form.allCases)
    func aRefusedConnectionNeverReachedTheServer(form: Form) async throws {
        let port = try closedPort()
        let error = try await #require(throws: KeyfactorClientError.self) {
            try await withKeyfactorClient(settings: settings(port: port, credentials: nil, timeout: 1)) { client in
                try await form.submit(client, CustomJobRequest(agentId: "a", jobTypeName: "FetchLogs"))
            }
        }
        #expect(error.kind == .connectionFailed)
        #expect(error.reachedServer == .never)
    }

    @Test(arguments: Form.allCases)
    func aHangingServerMayHaveCreatedTheJob(form: Form) async throws {
        try await withTestServer(handler: { _ in
            try? await Task.sleep(nanoseconds: 3_000_000_000)
            return .json(Self.created)
        }) { port, log in
            let error = try await #require(throws: KeyfactorClientError.self) {
                try await withKeyfactorClient(settings: settings(port: port, credentials: nil, timeout: 0.5)) { client in
                    try await form.submit(client, CustomJobRequest(agentId: "a", jobTypeName: "FetchLogs"))
                }
            }
            #expect(error.kind == .timeout)
            #expect(error.reachedServer == .maybe)
            // Sent once, never again; on a busy machine the client may give up before the server's
            // handler has even logged it.
            #expect(await log.requests.count <= 1)
        }
    }

    /// An async caller that cancels its task cancels the request in flight: the error says
    /// cancelled (not a timeout, which would come only after 30 s).
    @Test func cancellingTheCallersTaskCancelsTheRequest() async throws {
        let (arrivals, arrived) = AsyncStream<Void>.makeStream()
        let (releases, release) = AsyncStream<Void>.makeStream()
        try await withTestServer(handler: { _ in
            arrived.yield()
            for await _ in releases { break }
            return .json(Self.created)
        }) { port, _ in
            try await withKeyfactorClient(settings: settings(port: port, credentials: nil, timeout: 30)) { client in
                let call = Task { try await client.submitCustomJob(CustomJobRequest(agentId: "a", jobTypeName: "FetchLogs")) }
                for await _ in arrivals { break }
                call.cancel()
                let error = try await #require(throws: KeyfactorClientError.self) { try await call.value }
                #expect(error.kind == .cancelled)
                release.finish()
            }
        }
    }

    @Test(arguments: Form.allCases)
    func throttlingIsClassifiedWithItsRetryAfter(form: Form) async throws {
        try await withTestServer(handler: { _ in
            .json(#"{"ErrorCode":"0x8000","Message":"slow down"}"#, status: 429, headers: [("Retry-After", "7")])
        }) { port, _ in
            let error = try await #require(throws: KeyfactorClientError.self) {
                try await withKeyfactorClient(settings: settings(port: port, credentials: nil)) { client in
                    try await form.submit(client, CustomJobRequest(agentId: "a", jobTypeName: "FetchLogs"))
                }
            }
            #expect(error.httpStatus == 429)
            #expect(error.disposition == .notSent)
            #expect(error.retryAfter == 7)
            #expect(error.serverMessage == "slow down")
        }
    }

    /// A cached OAuth token the server refuses is refreshed once and the job sent once more, also
    /// on the path without a task (which has the token at hand from the first request).
    @Test(arguments: Form.allCases)
    func aRefusedOAuthTokenIsRefreshedOnceAndTheJobSentAgain(form: Form) async throws {
        let issued = Mutex(0)
        let accepted = Mutex<String?>(nil)
        try await withTestServer(handler: { request in
            if request.path == "/token" {
                let number = issued.withLock { $0 += 1; return $0 }
                return .json(#"{"access_token":"token-\#(number)","expires_in":3600}"#)
            }
            // The server accepts only the newest token: the first job's token is revoked after it.
            let newest = "Bearer token-\(issued.withLock { $0 })"
            guard request.headers["authorization"] == newest, accepted.withLock({ $0 }) != newest else {
                return Reply(status: 401)
            }
            accepted.withLock { $0 = newest }
            return .json(Self.created)
        }) { port, log in
            let credentials = KeyfactorCredentials.oauth(OAuthClientCredentials(
                clientId: "kfjobs", clientSecret: "s3cret", tokenURL: "http://127.0.0.1:\(port)/token"))
            try await withKeyfactorClient(settings: settings(port: port, credentials: credentials)) { client in
                // The first submission fetches token-1; the second finds it cached, is refused, and
                // goes again with token-2.
                _ = try await form.submit(client, CustomJobRequest(agentId: "a1", jobTypeName: "FetchLogs"))
                let second = try await form.submit(client, CustomJobRequest(agentId: "a2", jobTypeName: "FetchLogs"))
                #expect(second.response.jobId == "11111111-2222-3333-4444-555555555555")
            }
            let requests = await log.requests.map { "\($0.path) \($0.headers["authorization"] ?? "-")" }
            #expect(requests == [
                "/token -", "/KeyfactorAPI/OrchestratorJobs/Custom Bearer token-1",
                "/KeyfactorAPI/OrchestratorJobs/Custom Bearer token-1", "/token -",
                "/KeyfactorAPI/OrchestratorJobs/Custom Bearer token-2",
            ])
        }
    }
}
