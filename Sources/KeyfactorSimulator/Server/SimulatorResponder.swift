import KeyfactorWire
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTPTypes
import Hummingbird
import NIOCore

/// What a handler answers, before it becomes a Hummingbird response.
struct APIResponse: Sendable {
    var status: Int
    var body: [UInt8]?
    var headers: [(String, String)] = []
    var contentType = "application/json; charset=utf-8"

    static func json(_ value: JSONOutput, casing: KeyCasing, status: Int = 200, headers: [(String, String)] = [])
        -> APIResponse
    {
        APIResponse(status: status, body: value.encoded(casing: casing), headers: headers)
    }

    static func empty(_ status: Int, headers: [(String, String)] = []) -> APIResponse {
        APIResponse(status: status, body: nil, headers: headers)
    }
}

/// Routes every request: inspection and token endpoints at the root, the API under its path, with
/// request counting, authentication, the mandatory header and faults applied in that order.
struct SimulatorResponder: HTTPResponder {
    typealias Context = SimulatorRequestContext

    let store: SimulatorStore
    let faults: FaultInjector
    let hangs: HangRegistry

    private var fleet: SimulatorFleet { store.fleet }
    private static let maxBody = 2 * 1024 * 1024

    func respond(to request: Request, context: Context) async throws -> Response {
        let method = request.method.rawValue
        var path = request.uri.path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        let apiPrefix = fleet.apiPath
        var apiRest: String?
        if path.lowercased().hasPrefix(apiPrefix.lowercased() + "/") {
            apiRest = String(path.dropFirst(apiPrefix.count))
        }
        let (found, pathKnown, id) = Endpoint.route(method: method, apiPath: apiRest, rootPath: path)
        guard let endpoint = found else {
            let response: APIResponse =
                pathKnown
                ? .json(SimulatorError(status: 405, code: "0xA0110007", message: "method \(method) is not allowed here").json, casing: fleet.casing, status: 405)
                : .json(SimulatorError.notFound("no such endpoint: \(method) \(path)").json, casing: fleet.casing, status: 404)
            store.count(endpoint: "other", outcome: String(response.status))
            return Self.response(response)
        }
        var request = request
        let body: [UInt8]
        do {
            let buffer = try await request.collectBody(upTo: Self.maxBody)
            body = Array(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            store.count(endpoint: endpoint.rawValue, outcome: "413")
            return Self.response(.json(SimulatorError(status: 413, code: "0xA0110008", message: "the request body is larger than 2 MB").json, casing: fleet.casing, status: 413))
        } catch {
            // The body never came whole (the client closed its connection part-way): nobody is left
            // to answer, and counting it as 413 would blame a body that was never too large.
            store.count(endpoint: endpoint.rawValue, outcome: "aborted")
            return Self.response(.empty(400))
        }
        let parameters = QueryParameters(request.uri.query, spelling: fleet.dialect.parameterSpelling)

        if !endpoint.isAPI {
            let response = handleRoot(endpoint, request: request, body: body)
            store.count(endpoint: endpoint.rawValue, outcome: String(response.status))
            return Self.response(response)
        }
        if let denied = authenticate(request) {
            store.count(endpoint: endpoint.rawValue, outcome: String(denied.status))
            return Self.response(denied)
        }
        guard let requestedWith = HTTPField.Name("x-keyfactor-requested-with"), request.headers[requestedWith] != nil
        else {
            store.count(endpoint: endpoint.rawValue, outcome: "400")
            return Self.response(.json(SimulatorError.missingRequestedWith.json, casing: fleet.casing, status: 400))
        }

        if fleet.dialect.forbiddenEndpoints.contains("\(endpoint)") {
            store.count(endpoint: endpoint.rawValue, outcome: "403")
            return Self.response(.json(SimulatorError.forbidden(endpoint).json, casing: fleet.casing, status: 403))
        }

        let decision = faults.decide(isSubmission: endpoint.isSubmission)
        if let latency = decision.latency, latency > 0 {
            // Latency is the server's own behaviour, in real time whatever the simulator's clock says.
            try? await Task.sleep(for: .seconds(latency))
        }
        switch decision.action {
        case .fail:
            store.count(endpoint: endpoint.rawValue, outcome: "503")
            return Self.response(.json(SimulatorError(status: 503, code: "0xA0110009", message: "the service is unavailable").json, casing: fleet.casing, status: 503))
        case .throttle:
            store.count(endpoint: endpoint.rawValue, outcome: "429")
            return Self.response(
                .json(
                    SimulatorError(status: 429, code: "0xA0110010", message: "too many requests").json, casing: fleet.casing,
                    status: 429, headers: [("Retry-After", String(faults.faults.retryAfter))]))
        case .hang:
            // Nothing is created: the request is held until the client gives up.
            store.count(endpoint: endpoint.rawValue, outcome: "hang")
            await hangs.hang(on: context.channel)
            throw CancellationError()
        case .drop, .none:
            break
        }

        let response: APIResponse
        do {
            response = try handleAPI(endpoint, id: id, parameters: parameters, body: body)
        } catch {
            response = .json(error.json, casing: fleet.casing, status: error.status)
        }
        if case .drop = decision.action {
            // The job is committed; the client never hears of it.
            store.count(endpoint: endpoint.rawValue, outcome: "drop")
            try? await context.channel.close(mode: .all)
            throw CancellationError()
        }
        store.count(endpoint: endpoint.rawValue, outcome: String(response.status))
        var final = response
        final.headers.append(("x-keyfactor-product-version", fleet.productVersion))
        return Self.response(final)
    }

    static func response(_ response: APIResponse) -> Response {
        var headers = HTTPFields()
        for (name, value) in response.headers {
            if let fieldName = HTTPField.Name(name) { headers[fieldName] = value }
        }
        guard let body = response.body else {
            return Response(status: .init(code: response.status), headers: headers)
        }
        headers[.contentType] = response.contentType
        headers[.contentLength] = String(body.count)
        return Response(
            status: .init(code: response.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
