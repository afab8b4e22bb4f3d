import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

extension KeyfactorTransport {
    /// The largest answer read: JobStatus/Data can hold 2 MB of logs, pages of agents a few.
    static let maxResponseBytes = 64 * 1024 * 1024

    /// Requests over `client`; failures classified into `KeyfactorClientError`.
    public static func asyncHTTPClient(_ client: HTTPClient) -> KeyfactorTransport {
        KeyfactorTransport { request in
            var outgoing = HTTPClientRequest(url: request.url)
            outgoing.method = request.method
            outgoing.headers = request.headers
            let progress = SendProgress()
            if let body = request.body {
                // Streamed so that we learn when AsyncHTTPClient starts writing the body, i.e. a
                // connection existed and the request head had left: the line between "never
                // reached the server" and "may have".
                outgoing.body = .stream(SignallingBody(data: body, progress: progress), length: .known(Int64(body.count)))
            }
            let milliseconds = Int64((request.timeout * 1000).rounded(.up))
            do {
                let response = try await client.execute(outgoing, timeout: .milliseconds(milliseconds))
                let buffer = try await response.body.collect(upTo: maxResponseBytes)
                return TransportResponse(
                    status: Int(response.status.code), headers: response.headers, body: Data(buffer.readableBytesView))
            } catch {
                throw classify(error, url: request.url, bodySent: request.body == nil ? nil : progress.started)
            }
        }
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

    private static func tlsReason(_ error: any Error) -> String {
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

/// Remembers whether AsyncHTTPClient asked for the request body.
final class SendProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var didStart = false

    var started: Bool {
        lock.lock()
        defer { lock.unlock() }
        return didStart
    }

    func markStarted() {
        lock.lock()
        didStart = true
        lock.unlock()
    }
}

/// A one-chunk body that marks `progress` when it is first read.
struct SignallingBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let data: Data
    let progress: SendProgress

    struct AsyncIterator: AsyncIteratorProtocol {
        var data: Data?
        let progress: SendProgress

        mutating func next() async -> ByteBuffer? {
            guard let chunk = data else { return nil }
            data = nil
            progress.markStarted()
            return ByteBuffer(bytes: chunk)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(data: data, progress: progress) }
}
