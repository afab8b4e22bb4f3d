import Foundation
import NIOHTTP1

/// One HTTP exchange as the client sees it: what to send.
public struct TransportRequest: Sendable {
    public var method: HTTPMethod
    public var url: String
    public var headers: HTTPHeaders
    public var body: Data?
    /// Seconds until the answer's head must have arrived.
    public var timeout: TimeInterval

    public init(method: HTTPMethod, url: String, headers: HTTPHeaders, body: Data?, timeout: TimeInterval) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// What came back.
public struct TransportResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data

    public init(status: Int, headers: HTTPHeaders = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// How requests leave the process: AsyncHTTPClient in production, a closure in unit tests.
///
/// A transport throws `KeyfactorClientError` for failures it can classify; anything else is
/// treated as a connection lost after sending (the cautious answer).
public struct KeyfactorTransport: Sendable {
    public let send: @Sendable (TransportRequest) async throws -> TransportResponse

    public init(_ send: @escaping @Sendable (TransportRequest) async throws -> TransportResponse) {
        self.send = send
    }
}
