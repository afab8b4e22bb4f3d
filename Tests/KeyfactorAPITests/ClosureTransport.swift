import Foundation
import KeyfactorAPI
import Logging
import NIOHTTP1

/// A transport answering from a closure and remembering every request.
final class ScriptedTransport: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [TransportRequest] = []
    private let answer: @Sendable (TransportRequest, Int) async throws -> TransportResponse

    /// `answer` gets the request and its 0-based index among all requests.
    init(_ answer: @escaping @Sendable (TransportRequest, Int) async throws -> TransportResponse) {
        self.answer = answer
    }

    var requests: [TransportRequest] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    var transport: KeyfactorTransport {
        KeyfactorTransport { request in
            let index = self.lock.withLock {
                self.recorded.append(request)
                return self.recorded.count - 1
            }
            return try await self.answer(request, index)
        }
    }
}

func json(_ text: String, status: Int = 200, headers: [(String, String)] = []) -> TransportResponse {
    var fields = HTTPHeaders(headers)
    fields.add(name: "Content-Type", value: "application/json")
    return TransportResponse(status: status, headers: fields, body: Data(text.utf8))
}

func queryItems(_ url: String) -> [String: String] {
    var items: [String: String] = [:]
    for item in URLComponents(string: url)?.queryItems ?? [] { items[item.name] = item.value }
    return items
}

/// Collects log lines so tests can look for leaked secrets.
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }

    func append(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }

    func logger(level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: "test") { _ in CapturingLogHandler(capture: self) }
        logger.logLevel = level
        return logger
    }
}

struct CapturingLogHandler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        capture.append("\(event.level) \(event.message) \(rendered)")
    }
}
