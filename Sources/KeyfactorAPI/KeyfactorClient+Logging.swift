import Foundation
import Logging
import NIOHTTP1

extension KeyfactorClient {
    /// Wraps a transport so that every request is logged at debug level (method, path, status,
    /// milliseconds) and its headers at trace level, with the authorisation redacted.
    static func logging(_ transport: KeyfactorTransport, logger: Logger, secrets: [String]) -> KeyfactorTransport {
        KeyfactorTransport { request in
            let start = ContinuousClock.now
            let path = Self.loggedPath(request.url)
            if logger.logLevel <= .trace {
                logger.trace("keyfactor request headers", metadata: [
                    "method": "\(request.method.rawValue)", "path": "\(path)",
                    "headers": "\(redacted(request.headers))",
                ])
            }
            do {
                let response = try await transport.send(request)
                logger.debug("keyfactor request", metadata: [
                    "method": "\(request.method.rawValue)", "path": "\(path)", "status": "\(response.status)",
                    "ms": "\(milliseconds(since: start))",
                ])
                return response
            } catch {
                var message = String(describing: error)
                for secret in secrets where !secret.isEmpty {
                    message = message.replacingOccurrences(of: secret, with: "***")
                }
                logger.debug("keyfactor request failed", metadata: [
                    "method": "\(request.method.rawValue)", "path": "\(path)", "error": "\(message)",
                    "ms": "\(milliseconds(since: start))",
                ])
                throw error
            }
        }
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

    private static func milliseconds(since start: ContinuousClock.Instant) -> Int64 {
        let elapsed = ContinuousClock.now - start
        return elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
    }
}
