import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore

/// A request as the test server saw it.
struct RecordedRequest: Sendable {
    let method: String
    let path: String
    let query: [String: String]
    /// Header names in lower case.
    let headers: [String: String]
    let body: Data
}

/// What the test server answers.
struct Reply: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: Data = Data()

    static func json(_ text: String, status: Int = 200, headers: [(String, String)] = []) -> Reply {
        Reply(status: status, headers: [("Content-Type", "application/json")] + headers, body: Data(text.utf8))
    }
}

/// Everything the server received, in order.
actor RequestLog {
    private(set) var requests: [RecordedRequest] = []
    func append(_ request: RecordedRequest) { requests.append(request) }
}

/// A real HTTP (or HTTPS) server on 127.0.0.1 and an ephemeral port, for as long as `body` runs.
func withTestServer<T: Sendable>(
    tls: TLSConfiguration? = nil,
    handler: @escaping @Sendable (RecordedRequest) async -> Reply,
    _ body: @Sendable (_ port: Int, _ log: RequestLog) async throws -> T
) async throws -> T {
    let log = RequestLog()
    let (ports, portContinuation) = AsyncStream<Int>.makeStream()
    let responder = CallbackResponder { (request: Request, _: BasicRequestContext) in
        var request = request
        let buffer = try await request.collectBody(upTo: 16 * 1024 * 1024)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
        let recorded = RecordedRequest(
            method: request.method.rawValue, path: request.uri.path, query: query, headers: headers,
            body: Data(buffer.readableBytesView))
        await log.append(recorded)
        let reply = await handler(recorded)
        var fields = HTTPFields()
        for (name, value) in reply.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        return Response(
            status: HTTPResponse.Status(code: reply.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body)))
    }
    var quiet = Logger(label: "test-server")
    quiet.logLevel = .critical
    let configuration = ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0))
    let onServerRunning: @Sendable (any Channel) async -> Void = { channel in
        portContinuation.yield(channel.localAddress?.port ?? 0)
        portContinuation.finish()
    }
    let app: Application<CallbackResponder<BasicRequestContext>>
    if let tls {
        app = Application(
            responder: responder, server: try .tls(.http1(), tlsConfiguration: tls), configuration: configuration,
            onServerRunning: onServerRunning, logger: quiet)
    } else {
        app = Application(
            responder: responder, server: .http1(), configuration: configuration, onServerRunning: onServerRunning,
            logger: quiet)
    }
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            group.cancelAll()
            throw TestServerError.noPort
        }
        do {
            let result = try await body(port, log)
            group.cancelAll()
            return result
        } catch {
            group.cancelAll()
            throw error
        }
    }
}

enum TestServerError: Error {
    case noPort
}

/// A port on 127.0.0.1 where nothing listens: bound, then closed.
func closedPort() throws -> Int {
    #if canImport(Glibc)
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
    let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}
