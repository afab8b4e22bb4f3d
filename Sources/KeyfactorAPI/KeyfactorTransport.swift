#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore
import NIOHTTP1

/// One HTTP exchange as the client sees it: what to send.
public struct TransportRequest: Sendable {
    public var method: HTTPMethod
    public var url: String
    public var headers: HTTPHeaders
    public var body: Data?
    /// Seconds the whole exchange may take, from the request's start to the answer's last byte.
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
    /// Sends one request and awaits its answer.
    public let send: @Sendable (TransportRequest) async throws -> TransportResponse
    /// The same exchange as a future, for callers driven by Dispatch (no Swift task per request);
    /// nil for transports that only have the async form.
    public let sendFuture: (@Sendable (TransportRequest) -> EventLoopFuture<TransportResponse>)?

    /// A transport with only the async form (unit tests' closures).
    public init(_ send: @escaping @Sendable (TransportRequest) async throws -> TransportResponse) {
        self.send = send
        self.sendFuture = nil
    }

    /// A transport built on futures; the async form awaits them.
    public init(sendFuture: @escaping @Sendable (TransportRequest) -> EventLoopFuture<TransportResponse>) {
        self.sendFuture = sendFuture
        self.send = { request in try await sendFuture(request).get() }
    }

    /// Both forms given explicitly (wrappers such as logging keep each form native).
    init(
        send: @escaping @Sendable (TransportRequest) async throws -> TransportResponse,
        sendFuture: (@Sendable (TransportRequest) -> EventLoopFuture<TransportResponse>)?
    ) {
        self.send = send
        self.sendFuture = sendFuture
    }
}
