#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability
import Logging
import NIOCore
import NIOHTTP1

extension KeyfactorClient {
    /// Wraps a transport so that every request is logged at debug level (method, path, status,
    /// milliseconds) and its headers at trace level, with the authorisation redacted.
    static func logging(_ transport: KeyfactorTransport, logger: Logger, secrets: [String]) -> KeyfactorTransport {
        let log = RequestLog(logger: logger, secrets: secrets)
        let sendFuture = transport.sendFuture.map { sendFuture in
            { @Sendable (request: TransportRequest) -> EventLoopFuture<TransportResponse> in
                let start = log.started(request)
                let answer = sendFuture(request)
                answer.whenComplete { log.finished(request, start: start, result: $0) }
                return answer
            }
        }
        return KeyfactorTransport(
            send: { request in
                let start = log.started(request)
                do {
                    let response = try await transport.send(request)
                    log.finished(request, start: start, result: .success(response))
                    return response
                } catch {
                    log.finished(request, start: start, result: .failure(error))
                    throw error
                }
            },
            sendFuture: sendFuture)
    }

    /// The path and query of a URL, without scheme, host or any user information.
    static func loggedPath(_ url: String) -> String {
        guard let components = URLComponents(string: url) else { return "(unparsable url)" }
        var text = components.percentEncodedPath
        if let query = components.percentEncodedQuery { text += "?" + query }
        return text
    }

    static func redacted(_ headers: HTTPHeaders) -> String {
        headers.map { name, value in
            name.lowercased() == "authorization" ? "\(name): \(value.split(separator: " ").first ?? "") ***" : "\(name): \(value)"
        }.joined(separator: ", ")
    }
}

/// Writes the request log lines: what is logged is the same whichever form the transport has.
private struct RequestLog: Sendable {
    let logger: Logger
    let secrets: [String]

    func started(_ request: TransportRequest) -> ContinuousClock.Instant {
        if logger.logLevel <= .trace {
            logger.trace("keyfactor request headers", metadata: [
                "method": "\(request.method.rawValue)", "path": "\(KeyfactorClient.loggedPath(request.url))",
                "headers": "\(KeyfactorClient.redacted(request.headers))",
            ])
        }
        return ContinuousClock.now
    }

    func finished(_ request: TransportRequest, start: ContinuousClock.Instant, result: Result<TransportResponse, any Error>) {
        // Formatting the path costs a URL parse: only when the line will be written.
        guard logger.logLevel <= .debug else { return }
        let path = KeyfactorClient.loggedPath(request.url)
        switch result {
        case .success(let response):
            logger.debug("keyfactor request", metadata: [
                "method": "\(request.method.rawValue)", "path": "\(path)", "status": "\(response.status)",
                "ms": "\(milliseconds(since: start))",
            ])
        case .failure(let error):
            var message = String(describing: error)
            for secret in secrets where !secret.isEmpty {
                message = message.replacingLiteral(secret, with: "***")
            }
            logger.debug("keyfactor request failed", metadata: [
                "method": "\(request.method.rawValue)", "path": "\(path)", "error": "\(message)",
                "ms": "\(milliseconds(since: start))",
            ])
        }
    }

    private func milliseconds(since start: ContinuousClock.Instant) -> Int64 {
        let elapsed = ContinuousClock.now - start
        return elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
    }
}
