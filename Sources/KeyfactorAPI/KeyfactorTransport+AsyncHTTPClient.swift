import AsyncHTTPClient
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOSSL
import Portability

extension KeyfactorTransport {
    /// The largest answer read: JobStatus/Data can hold 2 MB of logs, pages of agents a few.
    static let maxResponseBytes = 64 * 1024 * 1024

    /// Requests over `client`; failures classified into `KeyfactorClientError`.
    ///
    /// Built on AsyncHTTPClient's delegate API, which runs on the connection's event loop: callers
    /// driven by Dispatch get a future with no Swift task per request; async callers await it, and
    /// cancelling their task cancels the request.
    public static func asyncHTTPClient(_ client: HTTPClient) -> KeyfactorTransport {
        asyncHTTPClient { _ in HTTPClientSet.Route(client: client, proxy: nil) }
    }

    /// Requests over the client set's route for each URL; failures to reach a proxy name the proxy.
    static func asyncHTTPClient(_ clients: HTTPClientSet) -> KeyfactorTransport {
        asyncHTTPClient { url in clients.route(for: url) }
    }

    private static func asyncHTTPClient(route: @escaping @Sendable (String) -> HTTPClientSet.Route) -> KeyfactorTransport {
        KeyfactorTransport(
            send: { request in
                let (task, answer) = start(request, on: route(request.url))
                return try await withTaskCancellationHandler {
                    try await answer.get()
                } onCancel: {
                    task?.cancel()
                }
            },
            sendFuture: { request in start(request, on: route(request.url)).answer })
    }

    /// Starts one request: the AsyncHTTPClient task (nil if the request could not be made) and its answer.
    private static func start(_ request: TransportRequest, on route: HTTPClientSet.Route)
        -> (task: HTTPClient.Task<TransportResponse>?, answer: EventLoopFuture<TransportResponse>)
    {
        let client = route.client
        let delegate = TransportResponseDelegate(maxBodyBytes: maxResponseBytes)
        let outgoing: HTTPClient.Request
        do {
            outgoing = try HTTPClient.Request(
                url: request.url, method: request.method, headers: request.headers,
                body: request.body.map { .byteBuffer(ByteBuffer(bytes: $0)) })
        } catch {
            let failure = classify(error, url: request.url, bodySent: request.body == nil ? nil : false)
            return (nil, client.eventLoopGroup.any().makeFailedFuture(failure))
        }
        let milliseconds = Int64((request.timeout * 1000).rounded(.up))
        let task = client.execute(request: outgoing, delegate: delegate, deadline: .now() + .milliseconds(milliseconds))
        let answer = task.futureResult.flatMapErrorThrowing { error in
            let bodySent = request.body == nil ? nil : delegate.headSent
            if let proxy = route.proxy, let failure = classifyProxyFailure(error, url: request.url, proxy: proxy) {
                throw failure
            }
            throw classify(error, url: request.url, bodySent: bodySent)
        }
        return (task, answer)
    }

    /// Maps AsyncHTTPClient, NIO and TLS errors to the client's error. `bodySent` is nil for
    /// requests without a body (where it cannot be known).
    static func classify(_ error: any Error, url: String, bodySent: Bool?) -> KeyfactorClientError {
        if let error = error as? KeyfactorClientError { return error }
        let notSent = bodySent == false
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .tlsHandshakeTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout:
                return .timeout(url: url, phase: .connect)
            case .getConnectionFromPoolTimeout:
                return .timeout(url: url, phase: .poolWait)
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return .timeout(url: url, phase: notSent ? .poolWait : .read)
            case .remoteConnectionClosed:
                return .connectionLost(url: url, afterSending: !notSent)
            case .cancelled, .alreadyShutdown:
                return .cancelled
            case .invalidURL, .emptyHost, .emptyScheme:
                return .configuration("the URL \(url) is not valid")
            default:
                break
            }
            if "\(error)".contains("unsupportedScheme") {
                return .configuration("the URL \(url) must start with https:// or http://")
            }
        }
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            return .tls(url: url, reason: tlsReason(error))
        }
        if error is CancellationError { return .cancelled }
        if let ioError = error as? IOError {
            if ioError.errnoCode == ECONNREFUSED { return .connectionFailed(url: url, reason: "connection refused") }
            if ioError.errnoCode == ECONNRESET || ioError.errnoCode == EPIPE {
                return .connectionLost(url: url, afterSending: !notSent)
            }
            return notSent || bodySent == nil
                ? .connectionFailed(url: url, reason: ioError.description)
                : .connectionLost(url: url, afterSending: true)
        }
        if let channelError = error as? ChannelError, case .connectTimeout = channelError {
            return .timeout(url: url, phase: .connect)
        }
        // NIOPosix's NIOConnectionError (refused, DNS) and resolver errors come here; they all
        // happen before a connection exists.
        let description = String(describing: error)
        let typeName = String(describing: type(of: error))
        if typeName.contains("Connection") || typeName.contains("Resolution") || typeName.contains("SocketAddress") {
            return .connectionFailed(url: url, reason: connectionReason(description))
        }
        return notSent
            ? .connectionFailed(url: url, reason: description)
            : .connectionLost(url: url, afterSending: true)
    }

    static func tlsReason(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate verify failed")
            || text.contains("unable to get local issuer") || text.contains("self signed") || text.contains("self-signed") {
            return "the server's certificate is not trusted"
        }
        if text.lowercased().contains("hostname") || text.contains("failedToValidateHostname") {
            return "the server's certificate does not match the host name"
        }
        return text
    }

    private static func connectionReason(_ description: String) -> String {
        if description.contains("refused") || description.contains("(errno: 111)") || description.contains("errno: 61") {
            return "connection refused"
        }
        if description.lowercased().contains("dns") || description.contains("resolve") || description.contains("getaddrinfo") {
            return "the host name cannot be resolved"
        }
        return description
    }
}

/// Collects an answer, and remembers whether the request head left: the line between "never
/// reached the server" and "may have" (a connection existed and the request was on its way).
final class TransportResponseDelegate: HTTPClientResponseDelegate, Sendable {
    typealias Response = TransportResponse

    private struct State {
        var headSent = false
        var head: HTTPResponseHead?
        var body = ByteBuffer()
    }

    private let state = NIOLockedValueBox(State())
    private let maxBodyBytes: Int

    init(maxBodyBytes: Int) {
        self.maxBodyBytes = maxBodyBytes
    }

    var headSent: Bool { state.withLockedValue { $0.headSent } }

    func didSendRequestHead(task: HTTPClient.Task<Response>, _ head: HTTPRequestHead) {
        state.withLockedValue { $0.headSent = true }
    }

    func didReceiveHead(task: HTTPClient.Task<Response>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        state.withLockedValue { $0.head = head }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Response>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let fits = state.withLockedValue { state -> Bool in
            guard state.body.readableBytes + buffer.readableBytes <= maxBodyBytes else { return false }
            var buffer = buffer
            state.body.writeBuffer(&buffer)
            return true
        }
        return fits ? task.eventLoop.makeSucceededVoidFuture() : task.eventLoop.makeFailedFuture(NIOTooManyBytesError(maxBytes: maxBodyBytes))
    }

    func didFinishRequest(task: HTTPClient.Task<Response>) throws -> TransportResponse {
        try state.withLockedValue { state in
            guard let head = state.head else { throw HTTPClientError.remoteConnectionClosed }
            return TransportResponse(
                status: Int(head.status.code), headers: head.headers, body: Data(state.body.readableBytesView))
        }
    }
}
