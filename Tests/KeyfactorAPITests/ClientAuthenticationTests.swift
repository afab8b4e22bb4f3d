import Foundation
import KeyfactorAPI
import KeyfactorSimulator
import KeyfactorWire
import Logging
import NIOHTTP1
import Testing

/// OAuth tokens: fetched once, shared, refreshed before expiry and once on a 401; other 401s and 403s.
@Suite struct ClientAuthenticationTests {
    static let tokenURL = "https://idp.example.com:8444/realms/Keyfactor/protocol/openid-connect/token"
    static let oauth = KeyfactorCredentials.oauth(OAuthClientCredentials(
        clientId: "kfjobs", clientSecret: "cl1ent-s3cret", tokenURL: tokenURL, scopes: ["openid", "api"], audience: "kf"))

    func settings(_ credentials: KeyfactorCredentials?) -> ConnectionSettings {
        ConnectionSettings(baseURL: "https://kf.example.com/KeyfactorAPI", credentials: credentials, userAgentVersion: "1")
    }

    /// A token endpoint handing out tok-1, tok-2, ... valid `lifetime` seconds, and an API that
    /// accepts only the tokens in `accepted`.
    final class OAuthServer: @unchecked Sendable {
        let lock = NSLock()
        var issued = 0
        var accepted: (String) -> Bool = { _ in true }
        let lifetime: Int

        init(lifetime: Int) { self.lifetime = lifetime }

        func answer(_ request: TransportRequest) -> TransportResponse {
            lock.lock()
            defer { lock.unlock() }
            if request.url == ClientAuthenticationTests.tokenURL {
                issued += 1
                return json(#"{"access_token":"tok-\#(issued)","expires_in":\#(lifetime),"token_type":"Bearer"}"#)
            }
            let token = String(request.headers.first(name: "Authorization")?.dropFirst("Bearer ".count) ?? "")
            guard accepted(token) else { return TransportResponse(status: 401, body: Data("<html>401</html>".utf8)) }
            return request.method == .POST ? json(#"{"JobId":"j","OrchestratorId":"a","JobTypeName":"FetchLogs"}"#) : json("[]")
        }
    }

    @Test func tokenIsFetchedWithClientCredentialsAndReused() async throws {
        let oauthServer = OAuthServer(lifetime: 3600)
        let server = ScriptedTransport { request, _ in oauthServer.answer(request) }
        let client = try KeyfactorClient(settings: settings(Self.oauth), transport: server.transport)
        _ = try await client.listCustomJobTypes()
        _ = try await client.listAgents(query: nil)
        let requests = server.requests
        #expect(requests.map(\.url.first5) == ["https", "https", "https"])
        #expect(requests.filter { $0.url == Self.tokenURL }.count == 1)
        let tokenRequest = try #require(requests.first)
        #expect(tokenRequest.method == .POST)
        #expect(tokenRequest.headers.first(name: "Content-Type") == "application/x-www-form-urlencoded")
        let form = String(decoding: try #require(tokenRequest.body), as: UTF8.self)
        #expect(form == "grant_type=client_credentials&client_id=kfjobs&client_secret=cl1ent-s3cret&scope=openid%20api&audience=kf")
        #expect(requests[1].headers.first(name: "Authorization") == "Bearer tok-1")
        #expect(requests[2].headers.first(name: "Authorization") == "Bearer tok-1")
    }

    @Test func tokenIsRefreshedBeforeItExpires() async throws {
        let clock = ManualSimulatorClock(now: Date(timeIntervalSince1970: 1_800_000_000))
        let oauthServer = OAuthServer(lifetime: 300)
        let server = ScriptedTransport { request, _ in oauthServer.answer(request) }
        let client = try KeyfactorClient(settings: settings(Self.oauth), transport: server.transport, now: { clock.now })
        _ = try await client.listCustomJobTypes()
        clock.advance(by: 200)
        _ = try await client.listCustomJobTypes()
        // 300 s lifetime, refreshed 30 s early: at 280 s a new token is fetched before sending.
        clock.advance(by: 80)
        _ = try await client.listCustomJobTypes()
        let authorizations = server.requests.compactMap { $0.headers.first(name: "Authorization") }
        #expect(authorizations == ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"])
    }

    @Test func a401IsAnsweredByOneRefresh() async throws {
        let oauthServer = OAuthServer(lifetime: 3600)
        oauthServer.accepted = { $0 != "tok-1" }
        let server = ScriptedTransport { request, _ in oauthServer.answer(request) }
        let client = try KeyfactorClient(settings: settings(Self.oauth), transport: server.transport)
        let submission = try await client.submitCustomJob(CustomJobRequest(agentId: "a", jobTypeName: "FetchLogs"))
        #expect(submission.response.jobId == "j")
        let urls = server.requests.map { $0.url == Self.tokenURL ? "token" : $0.headers.first(name: "Authorization") ?? "" }
        #expect(urls == ["token", "Bearer tok-1", "token", "Bearer tok-2"])
    }

    @Test func a401AfterTheRefreshIsAnAuthenticationError() async throws {
        let oauthServer = OAuthServer(lifetime: 3600)
        oauthServer.accepted = { _ in false }
        let server = ScriptedTransport { request, _ in oauthServer.answer(request) }
        let client = try KeyfactorClient(settings: settings(Self.oauth), transport: server.transport)
        let error = try await #require(throws: KeyfactorClientError.self) { try await client.listAgents(query: nil) }
        #expect(error.kind == .authentication)
        #expect(error.httpStatus == 401)
        #expect(error.reachedServer == .never)
        #expect(error.description == "authentication failed: the server refused the token of OAuth client kfjobs even after a refresh (HTTP 401); check that \(Self.tokenURL) is this server's identity provider and the client has a role")
        #expect(oauthServer.issued == 2)
    }

    @Test func refusedClientCredentialsAreAnAuthenticationError() async throws {
        let server = ScriptedTransport { _, _ in
            json(#"{"error":"invalid_client","error_description":"bad secret cl1ent-s3cret"}"#, status: 401)
        }
        let client = try KeyfactorClient(settings: settings(Self.oauth), transport: server.transport)
        let error = try await #require(throws: KeyfactorClientError.self) { try await client.status() }
        #expect(error.kind == .authentication)
        #expect(error.description == "authentication failed: the token endpoint \(Self.tokenURL) refused client kfjobs (HTTP 401, invalid_client); check KEYFACTOR_AUTH_CLIENT_ID, KEYFACTOR_AUTH_CLIENT_SECRET and KEYFACTOR_AUTH_TOKEN_URL")
    }

    @Test(arguments: [
        (KeyfactorCredentials.basic(username: "svc", password: "hunter2", domain: "CORP"),
         #"authentication failed: the server refused user CORP\svc (HTTP 401); check KEYFACTOR_USERNAME, KEYFACTOR_PASSWORD and KEYFACTOR_DOMAIN"#),
        (.accessToken("tok-secret"),
         "authentication failed: the server refused the access token (HTTP 401); it may have expired: get a new one or use OAuth client credentials"),
    ])
    func basicAndTokenRefusalsSayWhatToCheck(credentials: KeyfactorCredentials, message: String) async throws {
        let server = ScriptedTransport { _, _ in TransportResponse(status: 401) }
        let client = try KeyfactorClient(settings: settings(credentials), transport: server.transport)
        let error = try await #require(throws: KeyfactorClientError.self) { try await client.listCustomJobTypes() }
        #expect(error.description == message)
        #expect(error.code == "auth.unauthorized")
        #expect(server.requests.count == 1)
    }

    @Test func accessTokenIsSentAsBearer() async throws {
        let server = ScriptedTransport { _, _ in json("[]") }
        let client = try KeyfactorClient(settings: settings(.accessToken("tok-given")), transport: server.transport)
        _ = try await client.listCustomJobTypes()
        #expect(server.requests.first?.headers.first(name: "Authorization") == "Bearer tok-given")
    }

    @Test func forbiddenIsAPermissionError() async throws {
        let server = ScriptedTransport { _, _ in json(#"{"ErrorCode":"0xA0100003","Message":"User does not have permission"}"#, status: 403) }
        let client = try KeyfactorClient(settings: settings(.accessToken("t")), transport: server.transport)
        let error = try await #require(throws: KeyfactorClientError.self) {
            try await client.submitCustomJob(CustomJobRequest(agentId: "a", jobTypeName: "FetchLogs"))
        }
        #expect(error.kind == .permission)
        #expect(error.code == "auth.forbidden")
        #expect(error.description == "permission denied for POST /OrchestratorJobs/Custom (HTTP 403): User does not have permission; the account needs the Keyfactor Command permission for this operation (scheduling jobs needs /agents/management/modify/)")
    }

    @Test func secretsNeverReachLogsOrErrors() async throws {
        let capture = LogCapture()
        let oauthServer = OAuthServer(lifetime: 3600)
        oauthServer.accepted = { _ in false }
        let server = ScriptedTransport { request, _ in oauthServer.answer(request) }
        let client = try KeyfactorClient(settings: settings(Self.oauth), transport: server.transport, logger: capture.logger())
        let error = try await #require(throws: KeyfactorClientError.self) { try await client.listAgents(query: nil) }
        let basicCapture = LogCapture()
        let basicClient = try KeyfactorClient(
            settings: settings(.basic(username: "svc", password: "hunter2", domain: nil)),
            transport: ScriptedTransport { _, _ in throw KeyfactorClientError.connectionFailed(url: "u", reason: "refused") }.transport,
            logger: basicCapture.logger(), sleep: { _ in })
        _ = try? await basicClient.status()
        let lines = capture.all + basicCapture.all
        #expect(lines.contains { $0.contains("method=GET") && $0.contains("path=/KeyfactorAPI/Agents?") && $0.contains("status=401") })
        #expect(lines.contains { $0.contains("Authorization: Bearer ***") })
        let basicSecret = Data("svc:hunter2".utf8).base64EncodedString()
        for secret in ["cl1ent-s3cret", "tok-1", "tok-2", "hunter2", basicSecret] {
            #expect(!lines.contains { $0.contains(secret) }, "log leaks \(secret)")
            #expect(!error.description.contains(secret))
            #expect(!"\(error)".contains(secret))
        }
    }
}

extension String {
    fileprivate var first5: String { String(prefix(5)) }
}

/// Concurrent requests share one token fetch.
@Suite struct TokenSharingTests {
    @Test func concurrentRequestsFetchOneToken() async throws {
        let oauthServer = ClientAuthenticationTests.OAuthServer(lifetime: 3600)
        let server = ScriptedTransport { request, _ in oauthServer.answer(request) }
        let client = try KeyfactorClient(
            settings: ConnectionSettings(
                baseURL: "https://kf.example.com/KeyfactorAPI", credentials: ClientAuthenticationTests.oauth),
            transport: server.transport)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 { group.addTask { _ = try await client.listCustomJobTypes() } }
            try await group.waitForAll()
        }
        #expect(oauthServer.issued == 1)
        #expect(server.requests.count == 21)
    }
}
