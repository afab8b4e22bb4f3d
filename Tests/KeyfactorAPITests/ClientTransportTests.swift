import Foundation
import KeyfactorAPI
import KeyfactorWire
import Logging
import NIOHTTP1
import Testing

/// The client's behaviour against a closure transport: headers, auth, paging, retries, errors.
@Suite struct ClientTransportTests {
    static let base = "https://kf.example.com/KeyfactorAPI"

    func settings(_ credentials: KeyfactorCredentials? = .basic(username: "svc", password: "hunter2", domain: nil))
        -> ConnectionSettings
    {
        var settings = ConnectionSettings(baseURL: Self.base + "/", credentials: credentials, userAgentVersion: "9.9.9")
        settings.retryBaseDelay = 0.001
        return settings
    }

    func agentsJSON(_ range: Range<Int>) -> String {
        "[" + range.map { #"{"AgentId":"a\#($0)","ClientMachine":"m\#($0)","Status":2,"AgentPlatform":7,"Capabilities":[]}"# }
            .joined(separator: ",") + "]"
    }

    @Test func everyRequestCarriesTheMandatoryHeaders() async throws {
        let server = ScriptedTransport { _, _ in json("[]") }
        let client = try KeyfactorClient(settings: settings(), transport: server.transport)
        _ = try await client.listCustomJobTypes()
        let request = try #require(server.requests.first)
        #expect(request.method == .GET)
        #expect(request.headers.first(name: "x-keyfactor-requested-with") == "APIClient")
        #expect(request.headers.first(name: "x-keyfactor-api-version") == "1")
        #expect(request.headers.first(name: "Accept") == "application/json")
        #expect(request.headers.first(name: "User-Agent") == "kfjobs/9.9.9")
        #expect(request.url.hasPrefix(Self.base + "/JobTypes/Custom?"))
    }

    @Test(arguments: [
        (nil as String?, "svc", "svc:hunter2"),
        ("CORP", "svc", #"CORP\svc:hunter2"#),
        ("CORP", #"OTHER\svc"#, #"OTHER\svc:hunter2"#),
        ("CORP", "svc@corp.example", "svc@corp.example:hunter2"),
    ])
    func basicAuthWithAndWithoutDomain(domain: String?, username: String, expected: String) async throws {
        let server = ScriptedTransport { _, _ in json("[]") }
        let client = try KeyfactorClient(
            settings: settings(.basic(username: username, password: "hunter2", domain: domain)), transport: server.transport)
        _ = try await client.status()
        let header = try #require(server.requests.first?.headers.first(name: "Authorization"))
        #expect(header == "Basic " + Data(expected.utf8).base64EncodedString())
    }

    @Test func pagingFollowsPagesUntilAShortOne() async throws {
        let server = ScriptedTransport { request, _ in
            let page = Int(queryItems(request.url)["PageReturned"] ?? "") ?? 0
            return json(page < 3 ? self.agentsJSON((page - 1) * 2..<page * 2) : self.agentsJSON(4..<5))
        }
        let client = try KeyfactorClient(settings: settings(), transport: server.transport)
        let agents = try await client.listAgents(query: #"Status -eq 2 AND ClientMachine -startswith "eu-""#, pageSize: 2)
        #expect(agents.map(\.agentId) == ["a0", "a1", "a2", "a3", "a4"])
        let queries = server.requests.map { queryItems($0.url) }
        #expect(queries.map { $0["PageReturned"] } == ["1", "2", "3"])
        #expect(queries.allSatisfy { $0["ReturnLimit"] == "2" })
        #expect(queries.first?["QueryString"] == #"Status -eq 2 AND ClientMachine -startswith "eu-""#)
        #expect(queries.first?["SortField"] == "AgentId")
        #expect(queries.first?["SortAscending"] == "0")
        // Spaces and quotes are percent-encoded, never sent raw.
        #expect(server.requests.first?.url.contains("QueryString=Status%20-eq%202%20AND") == true)
    }

    @Test func anExactlyFullLastPageEndsWithAnEmptyPage() async throws {
        let server = ScriptedTransport { request, _ in
            let page = Int(queryItems(request.url)["PageReturned"] ?? "") ?? 0
            return json(page <= 2 ? self.agentsJSON((page - 1) * 3..<page * 3) : "[]")
        }
        let client = try KeyfactorClient(settings: settings(), transport: server.transport)
        let agents = try await client.listAgents(query: nil, pageSize: 3)
        #expect(agents.count == 6)
        #expect(server.requests.count == 3)
        #expect(queryItems(server.requests[0].url)["QueryString"] == nil)
    }

    @Test func aServerIgnoringPagesIsNotPagedForever() async throws {
        let server = ScriptedTransport { _, _ in json(self.agentsJSON(0..<2)) }
        let client = try KeyfactorClient(settings: settings(), transport: server.transport)
        let error = try await #require(throws: KeyfactorClientError.self) { try await client.listAgents(query: nil, pageSize: 2) }
        #expect(error.description.contains("the server ignores PageReturned"))
        #expect(server.requests.count == 2)
    }

    @Test func submissionSendsPascalCaseAndReportsTheServerDate() async throws {
        let server = ScriptedTransport { _, _ in
            json(#"{"jobId":"j1","orchestratorId":"a1","jobTypeName":"RotateSSHKeys","schedule":{"immediate":true},"jobFields":[{"jobTypeField":"KeyBits","value":"4096"}],"requestTimestamp":"2026-11-28T10:15:00Z"}"#,
                 headers: [("Date", "Sat, 28 Nov 2026 10:15:02 GMT")])
        }
        let client = try KeyfactorClient(settings: settings(), transport: server.transport)
        let submission = try await client.submitCustomJob(
            CustomJobRequest(agentId: "a1", jobTypeName: "RotateSSHKeys", jobFields: ["KeyBits": "4096"]))
        #expect(submission.response.jobId == "j1")
        #expect(submission.httpStatus == 200)
        #expect(submission.serverDate == KeyfactorDate.parse("2026-11-28T10:15:02Z"))
        let request = try #require(server.requests.first)
        #expect(request.method == .POST)
        #expect(request.url == Self.base + "/OrchestratorJobs/Custom")
        #expect(request.headers.first(name: "Content-Type") == "application/json")
        let body = try #require(request.body)
        let object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        #expect(Set(object.keys) == ["AgentId", "JobTypeName", "Schedule", "JobFields"])
    }

    @Test func futureSubmissionCompletes() async throws {
        let server = ScriptedTransport { _, _ in json(#"{"JobId":"j2","OrchestratorId":"a1","JobTypeName":"FetchLogs"}"#) }
        let client = try KeyfactorClient(settings: settings(), transport: server.transport)
        let submission = try await client.submitCustomJobFuture(CustomJobRequest(agentId: "a1", jobTypeName: "FetchLogs")).get()
        #expect(submission.response.jobId == "j2")
        let failing = ScriptedTransport { _, _ in json(#"{"ErrorCode":"0xA0110002","Message":"unknown agent"}"#, status: 400) }
        let failingClient = try KeyfactorClient(settings: settings(), transport: failing.transport)
        await #expect(throws: KeyfactorClientError.self) {
            try await failingClient.submitCustomJobFuture(CustomJobRequest(agentId: "zz", jobTypeName: "FetchLogs")).get()
        }
    }

    @Test func aFailedSubmissionThrowsTheClientsErrorTyped() async throws {
        let server = ScriptedTransport { _, index in
            index == 0
                ? json(#"{"JobId":"j3","OrchestratorId":"a1","JobTypeName":"FetchLogs"}"#)
                : TransportResponse(status: 500)
        }
        let client = try KeyfactorClient(settings: settings(), transport: server.transport)
        let request = CustomJobRequest(agentId: "a1", jobTypeName: "FetchLogs")
        #expect(try await client.submitCustomJob(request).response.jobId == "j3")
        do {
            _ = try await client.submitCustomJob(request)
            Issue.record("expected a failure")
        } catch {
            // Typed throws: `error` is a KeyfactorClientError, no cast.
            #expect(error.reachedServer == .maybe)
            #expect(error.httpStatus == 500)
        }
    }

    @Test func getsAreRetriedAfterALostConnection() async throws {
        let server = ScriptedTransport { request, index in
            if index == 0 { throw KeyfactorClientError.connectionLost(url: request.url, afterSending: true) }
            return json("[]")
        }
        let client = try KeyfactorClient(settings: settings(), transport: server.transport, sleep: { _ in })
        #expect(try await client.listScheduledJobs(query: #"JobType -eq "FetchLogs""#).isEmpty)
        #expect(server.requests.count == 2)
    }

    @Test func postsAreNeverRetried() async throws {
        let server = ScriptedTransport { _, _ in TransportResponse(status: 503, headers: ["Retry-After": "1"]) }
        let client = try KeyfactorClient(settings: settings(), transport: server.transport)
        let error = try await #require(throws: KeyfactorClientError.self) {
            try await client.submitCustomJob(CustomJobRequest(agentId: "a", jobTypeName: "FetchLogs"))
        }
        #expect(server.requests.count == 1)
        #expect(error.reachedServer == .never)
        #expect(error.isTransient)
        #expect(error.retryAfter == 1)
    }

    @Test func getsAreRetriedHonouringRetryAfter() async throws {
        let delays = DelayRecorder()
        let server = ScriptedTransport { _, index in
            switch index {
            case 0: return TransportResponse(status: 429, headers: ["Retry-After": "2"])
            case 1: return TransportResponse(status: 503)
            case 2: throw KeyfactorClientError.connectionFailed(url: "u", reason: "connection refused")
            default: return json(#"["/Agents"]"#, headers: [("x-keyfactor-product-version", "25.1.0")])
            }
        }
        let client = try KeyfactorClient(
            settings: settings(), transport: server.transport, sleep: { delays.append($0) })
        let status = try await client.status()
        #expect(status.productVersion == "25.1.0")
        #expect(status.endpoints == ["/Agents"])
        #expect(server.requests.count == 4)
        #expect(delays.all.first == 2)
        #expect(delays.all.count == 3)
    }

    @Test func getRetriesGiveUp() async throws {
        let server = ScriptedTransport { _, _ in TransportResponse(status: 502, body: Data("<html>bad gateway</html>".utf8)) }
        var settings = settings()
        settings.getRetries = 2
        let client = try KeyfactorClient(settings: settings, transport: server.transport, sleep: { _ in })
        let error = try await #require(throws: KeyfactorClientError.self) { try await client.listCustomJobTypes() }
        #expect(server.requests.count == 3)
        #expect(error.httpStatus == 502)
        #expect(error.reachedServer == .maybe)
        #expect(error.description == "GET /JobTypes/Custom failed with HTTP 502 (bad gateway): <html>bad gateway</html>")
    }

    @Test func clientErrorsAreNotRetried() async throws {
        let server = ScriptedTransport { _, _ in json(#"{"ErrorCode":"0xA0110002","Message":"Unknown field 'Foo'"}"#, status: 400) }
        let client = try KeyfactorClient(settings: settings(), transport: server.transport, sleep: { _ in })
        let error = try await #require(throws: KeyfactorClientError.self) { try await client.listAgents(query: "Foo -eq 1") }
        #expect(server.requests.count == 1)
        #expect(error.serverErrorCode == "0xA0110002")
        #expect(error.serverMessage == "Unknown field 'Foo'")
        #expect(error.code == "http.400")
        #expect(error.reachedServer == .never)
        #expect(error.description == "GET /Agents failed with HTTP 400 (bad request): 0xA0110002 Unknown field 'Foo'")
    }
}

/// Remembers the delays a client asked to sleep.
final class DelayRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var delays: [TimeInterval] = []

    var all: [TimeInterval] {
        lock.lock()
        defer { lock.unlock() }
        return delays
    }

    func append(_ delay: TimeInterval) {
        lock.lock()
        delays.append(delay)
        lock.unlock()
    }
}
