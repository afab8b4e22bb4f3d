#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire
import NIOCore
import NIOHTTP1
import Portability

extension KeyfactorClient {
    /// A successful answer and what came with it.
    struct Answer: Sendable {
        let status: Int
        let headers: HTTPHeaders
        let body: Data
        let serverDate: Date?
    }

    func url(_ path: String, query: [(String, String)]) -> String {
        var text = settings.normalisedBaseURL + path
        if !query.isEmpty {
            text += "?" + query.map { "\($0.0)=\(FormEncoding.escape($0.1))" }.joined(separator: "&")
        }
        return text
    }

    /// One request, with authorisation; for OAuth a 401 is answered by one token refresh and one
    /// more try (a 401 means the server did nothing, so sending again is safe even for a POST).
    func exchange(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: Data? = nil)
        async throws(KeyfactorClientError) -> Answer
    {
        let target = url(path, query: query)
        let headers = requestHeaders(hasBody: body != nil)
        let token = try await authorization()
        let response = try await send(method, target, headers: headers, authorization: token, body: body)
        return try await checkRefreshingToken(
            response, method: method, path: path, target: target, headers: headers, authorization: token, body: body)
    }

    /// `exchange` as a future. With a transport that has a future form and an authorisation at
    /// hand (Basic, a given token, a cached OAuth token) no Swift task is involved: the request
    /// leaves and its answer is checked on the connection's event loop. Otherwise, and to refresh
    /// a refused token, the async path runs in a task.
    func exchangeFuture(_ method: HTTPMethod, _ path: String, body: Data?) -> EventLoopFuture<Answer> {
        guard let sendFuture = transport.sendFuture, case .available(let token) = immediateAuthorization() else {
            return inTask { try await self.exchange(method, path, body: body) }
        }
        let target = url(path, query: [])
        let headers = requestHeaders(hasBody: body != nil)
        var sent = headers
        if let token { sent.add(name: "Authorization", value: token) }
        let request = TransportRequest(method: method, url: target, headers: sent, body: body, timeout: settings.timeout)
        return sendFuture(request)
            .flatMapErrorThrowing { error in
                throw KeyfactorTransport.classify(error, url: target, bodySent: body == nil ? nil : true)
            }
            .flatMap { response in
                if response.status == 401, self.tokens != nil {
                    return self.inTask {
                        try await self.checkRefreshingToken(
                            response, method: method, path: path, target: target, headers: headers,
                            authorization: token, body: body)
                    }
                }
                return self.eventLoopGroup.any().makeCompletedFuture(Result {
                    try self.check(response, method: method, path: path)
                })
            }
    }

    /// The async path as a future; the bodies call the client's own methods, so it fails with a
    /// `KeyfactorClientError`.
    private func inTask<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) -> EventLoopFuture<T> {
        let promise = eventLoopGroup.next().makePromise(of: T.self)
        promise.completeWithTask(body)
        return promise.futureResult
    }

    private func requestHeaders(hasBody: Bool) -> HTTPHeaders {
        var headers = baseHeaders
        if hasBody { headers.add(name: "Content-Type", value: "application/json") }
        return headers
    }

    /// Checks an answer; an OAuth token the server refused (401) is refreshed once and the request
    /// sent once more.
    private func checkRefreshingToken(
        _ response: TransportResponse, method: HTTPMethod, path: String, target: String, headers: HTTPHeaders,
        authorization token: String?, body: Data?
    ) async throws(KeyfactorClientError) -> Answer {
        guard response.status == 401, let tokens, let used = token else {
            return try check(response, method: method, path: path)
        }
        let fresh = try await "Bearer " + tokens.token(replacing: String(used.dropFirst("Bearer ".count)))
        let retried = try await send(method, target, headers: headers, authorization: fresh, body: body)
        return try check(retried, method: method, path: path)
    }

    private func send(
        _ method: HTTPMethod, _ url: String, headers: HTTPHeaders, authorization: String?, body: Data?
    ) async throws(KeyfactorClientError) -> TransportResponse {
        var headers = headers
        if let authorization { headers.add(name: "Authorization", value: authorization) }
        let request = TransportRequest(method: method, url: url, headers: headers, body: body, timeout: settings.timeout)
        do {
            return try await transport.send(request)
        } catch {
            throw KeyfactorTransport.classify(error, url: url, bodySent: body == nil ? nil : true)
        }
    }

    /// The Authorization header if it is known without waiting.
    private enum ImmediateAuthorization {
        /// The header to send (nil: no credentials, send none).
        case available(String?)
        /// An OAuth token must be fetched first.
        case mustFetch
    }

    private func immediateAuthorization() -> ImmediateAuthorization {
        switch settings.credentials {
        case .oauth?:
            guard let token = tokens?.validCachedToken() else { return .mustFetch }
            return .available("Bearer " + token)
        case nil, .basic?, .accessToken?:
            return .available(staticAuthorization)
        }
    }

    private func authorization() async throws(KeyfactorClientError) -> String? {
        switch settings.credentials {
        case nil:
            return nil
        case .basic?, .accessToken?:
            return staticAuthorization
        case .oauth?:
            guard let tokens else { return nil }
            return try await "Bearer " + tokens.token()
        }
    }

    /// Turns an error status into the error it stands for.
    private func check(_ response: TransportResponse, method: HTTPMethod, path: String) throws(KeyfactorClientError) -> Answer {
        let serverDate = response.headers.first(name: "Date").flatMap(HTTPDate.parse)
        if (200..<300).contains(response.status) {
            return Answer(status: response.status, headers: response.headers, body: response.body, serverDate: serverDate)
        }
        let errorBody = try? bodyDecoder.decode(KeyfactorErrorBody.self, from: response.body)
        switch response.status {
        case 401:
            throw KeyfactorClientError.authentication(detail: unauthorizedDetail(), serverDate: serverDate)
        case 403:
            throw KeyfactorClientError.permission(
                method: method.rawValue, path: path, body: errorBody, serverDate: serverDate)
        default:
            let retryAfter = response.headers.first(name: "Retry-After").flatMap { HTTPDate.retryAfter($0, now: now()) }
            let usable = errorBody.flatMap { $0.errorCode == nil && $0.message == nil ? nil : $0 }
            throw KeyfactorClientError.httpStatus(
                method: method.rawValue, path: path, status: response.status, body: usable,
                snippet: usable == nil ? KeyfactorClientError.snippet(of: response.body) : nil,
                retryAfter: retryAfter, serverDate: serverDate)
        }
    }

    private func unauthorizedDetail() -> String {
        switch settings.credentials {
        case nil:
            return "the server asks for credentials (HTTP 401) and none were given; set \(KeyfactorEnvironment.username) "
                + "and \(KeyfactorEnvironment.password), or \(KeyfactorEnvironment.clientId), "
                + "\(KeyfactorEnvironment.clientSecret) and \(KeyfactorEnvironment.tokenURL)"
        case .basic(let username, _, let domain)?:
            return "the server refused user \(KeyfactorCredentials.basicUser(username: username, domain: domain)) "
                + "(HTTP 401); check \(KeyfactorEnvironment.username), \(KeyfactorEnvironment.password) "
                + "and \(KeyfactorEnvironment.domain)"
        case .accessToken?:
            return "the server refused the access token (HTTP 401); it may have expired: get a new one or use "
                + "OAuth client credentials"
        case .oauth(let oauth)?:
            return "the server refused the token of OAuth client \(oauth.clientId) even after a refresh (HTTP 401); "
                + "check that \(oauth.tokenURL) is this server's identity provider and the client has a role"
        }
    }

    /// Decodes a success body, or says what was wrong with it.
    func decode<T: Decodable>(_ type: T.Type, _ answer: Answer, method: HTTPMethod, path: String) throws(KeyfactorClientError) -> T {
        do {
            return try bodyDecoder.decode(T.self, from: answer.body)
        } catch {
            throw KeyfactorClientError.undecodable(
                method: method.rawValue, path: path, status: answer.status, reason: Self.decodingReason(error),
                body: answer.body)
        }
    }

    private static func decodingReason(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "not JSON" }
        func location(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "the top level" : path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(key.stringValue) missing at \(location(context.codingPath))"
        case .typeMismatch(_, let context): return "unexpected type at \(location(context.codingPath))"
        case .valueNotFound(_, let context): return "null at \(location(context.codingPath))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not JSON" : "bad value at \(location(context.codingPath))"
        @unknown default: return "not the expected JSON"
        }
    }

    /// A GET, sent again after transient failures (connection refused or lost, 429, 502, 503, 504) with
    /// a backoff, honouring `Retry-After`.
    func get(_ path: String, query: [(String, String)] = []) async throws(KeyfactorClientError) -> Answer {
        var attempt = 0
        while true {
            do {
                return try await exchange(.GET, path, query: query)
            } catch where attempt < settings.getRetries && Self.retriesGET(error) {
                attempt += 1
                let backoff = settings.retryBaseDelay * pow(2, Double(attempt - 1)) * Double.random(in: 0.5...1)
                let delay = min(error.retryAfter ?? backoff, settings.maxRetryDelay)
                logger.debug("keyfactor retry", metadata: [
                    "path": "\(path)", "attempt": "\(attempt + 1)", "delay": "\(delay)", "error": "\(error.code)",
                ])
                do {
                    try await sleep(delay)
                } catch {
                    throw KeyfactorClientError.cancelled
                }
            }
        }
    }

    static func retriesGET(_ error: KeyfactorClientError) -> Bool {
        if error.isTransient { return true }
        // A reused keep-alive connection the server had already closed: harmless to repeat a read.
        if error.kind == .connectionLost { return true }
        if error.kind == .httpStatus, let status = error.httpStatus { return status == 502 || status == 504 }
        return false
    }

    /// Every page of a listing: `PageReturned` from 1 until a page shorter than `ReturnLimit`.
    func listAll<T: Decodable & Hashable & Sendable>(
        _ type: T.Type, _ path: String, query: String?, sortField: String? = nil, pageSize: Int? = nil
    ) async throws(KeyfactorClientError) -> [T] {
        let limit = pageSize ?? settings.pageSize
        var items: [T] = []
        var previous: [T]?
        var page = 1
        while true {
            var parameters: [(String, String)] = []
            if let query, !query.isEmpty { parameters.append(("QueryString", query)) }
            parameters.append(("PageReturned", String(page)))
            parameters.append(("ReturnLimit", String(limit)))
            if let sortField {
                parameters.append(("SortField", sortField))
                parameters.append(("SortAscending", "0"))
            }
            let answer = try await get(path, query: parameters)
            let batch = try decode([T].self, answer, method: .GET, path: path)
            if let previous, !batch.isEmpty, batch == previous {
                // A server that ignores PageReturned would otherwise be paged forever.
                throw KeyfactorClientError.undecodable(
                    method: "GET", path: path, status: answer.status,
                    reason: "page \(page) repeats page \(page - 1); the server ignores PageReturned", body: Data())
            }
            items += batch
            if batch.count < limit { return items }
            previous = batch
            page += 1
        }
    }
}
