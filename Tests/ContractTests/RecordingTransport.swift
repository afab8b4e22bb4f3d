import Foundation
import KeyfactorAPI

/// A transport that forwards every request to a real one and remembers each request with its response.
final class RecordingTransport: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [(request: TransportRequest, response: TransportResponse)] = []
    private let inner: KeyfactorTransport

    init(forwardingTo inner: KeyfactorTransport) {
        self.inner = inner
    }

    var exchanges: [(request: TransportRequest, response: TransportResponse)] {
        lock.withLock { recorded }
    }

    var transport: KeyfactorTransport {
        KeyfactorTransport { request in
            let response = try await self.inner.send(request)
            self.lock.withLock { self.recorded.append((request, response)) }
            return response
        }
    }
}
