#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability
import KeyfactorWire
import NIOConcurrencyHelpers
import NIOHTTP1

/// Holds the OAuth access token: fetched on first use, shared by concurrent requests, refreshed
/// shortly before it expires and when the server refuses it.
actor TokenCache {
    private struct Token: Sendable {
        let value: String
        let refreshAt: Date
    }

    private let credentials: OAuthClientCredentials
    private let transport: KeyfactorTransport
    private let baseHeaders: HTTPHeaders
    private let timeout: TimeInterval
    private let now: @Sendable () -> Date
    private var current: Token? {
        didSet { snapshot.withLockedValue { $0 = current } }
    }
    /// `current`, readable without awaiting the actor (the Dispatch-driven submission path).
    private nonisolated let snapshot = NIOLockedValueBox<Token?>(nil)
    private var inFlight: Task<Result<Token, KeyfactorClientError>, Never>?

    init(
        credentials: OAuthClientCredentials, transport: KeyfactorTransport, baseHeaders: HTTPHeaders,
        timeout: TimeInterval, now: @escaping @Sendable () -> Date
    ) {
        self.credentials = credentials
        self.transport = transport
        self.baseHeaders = baseHeaders
        self.timeout = timeout
        self.now = now
    }

    /// The cached token if it is still good, without waiting; nil when one must be fetched.
    nonisolated func validCachedToken() -> String? {
        guard let token = snapshot.withLockedValue({ $0 }), now() < token.refreshAt else { return nil }
        return token.value
    }

    /// A valid token. `replacing` is a token the server refused: a new one is fetched unless
    /// another request already replaced it.
    func token(replacing refused: String? = nil) async throws(KeyfactorClientError) -> String {
        if let current, current.value != refused, refused != nil || now() < current.refreshAt {
            return current.value
        }
        if let inFlight { return try await inFlight.value.get().value }
        let task = Task { () async -> Result<Token, KeyfactorClientError> in
            do throws(KeyfactorClientError) { return .success(try await self.fetch()) } catch { return .failure(error) }
        }
        inFlight = task
        defer { inFlight = nil }
        let token = try await task.value.get()
        current = token
        return token.value
    }

    private func fetch() async throws(KeyfactorClientError) -> Token {
        var form = [
            ("grant_type", "client_credentials"), ("client_id", credentials.clientId),
            ("client_secret", credentials.clientSecret),
        ]
        if !credentials.scopes.isEmpty { form.append(("scope", credentials.scopes.joined(separator: " "))) }
        if let audience = credentials.audience { form.append(("audience", audience)) }
        let body = form.map { "\(FormEncoding.escape($0.0))=\(FormEncoding.escape($0.1))" }.joined(separator: "&")
        var headers = baseHeaders
        headers.replaceOrAdd(name: "Content-Type", value: "application/x-www-form-urlencoded")
        let request = TransportRequest(
            method: .POST, url: credentials.tokenURL, headers: headers, body: Data(body.utf8), timeout: timeout)
        let response: TransportResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw KeyfactorTransport.classify(error, url: credentials.tokenURL, bodySent: true)
        }
        let fetchedAt = now()
        guard (200..<300).contains(response.status) else {
            // The OAuth error code (`invalid_client`, ...) is safe to show; the body is not echoed,
            // since some identity providers reflect the submitted form.
            let oauthError = (try? JSONDecoder().decode(OAuthError.self, from: response.body))?.error
            let code = oauthError.map { ", \($0)" } ?? ""
            if [400, 401, 403].contains(response.status) {
                throw KeyfactorClientError.authentication(detail:
                    "the token endpoint \(credentials.tokenURL) refused client \(credentials.clientId) "
                    + "(HTTP \(response.status)\(code)); check \(KeyfactorEnvironment.clientId), "
                    + "\(KeyfactorEnvironment.clientSecret) and \(KeyfactorEnvironment.tokenURL)")
            }
            throw KeyfactorClientError.httpStatus(
                method: "POST", path: credentials.tokenURL, status: response.status, body: nil, snippet: nil)
        }
        guard let answer = try? JSONDecoder().decode(OAuthToken.self, from: response.body), !answer.accessToken.isEmpty
        else {
            throw KeyfactorClientError.undecodable(
                method: "POST", path: credentials.tokenURL, status: response.status,
                reason: "no access_token", body: Data("(not shown: it may hold a token)".utf8))
        }
        let lifetime = answer.expiresIn ?? 300
        // Refresh a little early, so a request never leaves with a token about to lapse.
        let margin = min(60, lifetime / 10)
        return Token(value: answer.accessToken, refreshAt: fetchedAt.addingTimeInterval(lifetime - margin))
    }
}

private struct OAuthToken: Decodable {
    let accessToken: String
    let expiresIn: TimeInterval?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case expiresIn = "expires_in"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accessToken = try container.decode(String.self, forKey: .accessToken)
        // Some providers send expires_in as a string.
        if let seconds = try? container.decodeIfPresent(TimeInterval.self, forKey: .expiresIn) {
            expiresIn = seconds
        } else {
            expiresIn = (try? container.decodeIfPresent(String.self, forKey: .expiresIn)).flatMap { $0.flatMap(TimeInterval.init) }
        }
    }
}

private struct OAuthError: Decodable {
    let error: String?
}

/// Percent-encoding for query strings and forms: everything but unreserved characters.
enum FormEncoding {

    static func escape(_ text: String) -> String {
        text.percentEncoded(keeping: \.isURLUnreserved)
    }
}
