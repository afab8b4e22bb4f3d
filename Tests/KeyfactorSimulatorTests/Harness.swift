import AsyncHTTPClient
import Foundation
import KeyfactorSimulator
import NIOCore
import NIOHTTP1

/// A running simulator on 127.0.0.1 port 0, a manual clock, and an HTTP client to talk to it.
struct Harness {
    /// What came back from one request.
    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed]) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
    }

    let simulator: KeyfactorSimulator
    let clock: ManualSimulatorClock

    static let standardHeaders = [("x-keyfactor-requested-with", "APIClient"), ("Accept", "application/json")]

    /// Starts `fleet`, runs `body`, and always shuts the simulator down.
    static func with(_ fleet: SimulatorFleet, _ body: (Harness) async throws -> Void) async throws {
        let clock = ManualSimulatorClock(now: TestFleet.start)
        let simulator = try await KeyfactorSimulator.start(
            fleet: fleet, options: KeyfactorSimulator.Options(clock: clock))
        let harness = Harness(simulator: simulator, clock: clock)
        do {
            try await body(harness)
            try await simulator.shutdown()
        } catch {
            try? await simulator.shutdown()
            throw error
        }
    }

    /// A request under the API path (`api: true`) or at the server root.
    func send(
        _ method: HTTPMethod, _ path: String, api: Bool = true, body: String? = nil,
        headers: [(String, String)] = Harness.standardHeaders, timeout: TimeAmount = .seconds(10)
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: (api ? simulator.baseURL : simulator.rootURL) + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            if !headers.contains(where: { $0.0.lowercased() == "content-type" }) {
                request.headers.add(name: "Content-Type", value: "application/json")
            }
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let bytes = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return Reply(status: Int(response.status.code), headers: response.headers, body: String(buffer: bytes))
    }

    func get(_ path: String, headers: [(String, String)] = Harness.standardHeaders) async throws -> Reply {
        try await send(.GET, path, headers: headers)
    }

    func post(_ path: String, _ body: String, headers: [(String, String)] = Harness.standardHeaders) async throws -> Reply {
        try await send(.POST, path, body: body, headers: headers)
    }

    /// Every job the simulator ever created, from the inspection endpoint.
    func createdJobs() async throws -> [[String: Any]] {
        try await send(.GET, "/_simulator/jobs", api: false, headers: []).array
    }

    /// Names of the agents a `GET /Agents` reply lists, in order.
    static func machines(_ reply: Reply) -> [String] {
        reply.array.compactMap { ($0["ClientMachine"] ?? $0["clientMachine"]) as? String }
    }
}

extension String {
    /// Percent-encodes a query parameter value.
    var queryEncoded: String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return addingPercentEncoding(withAllowedCharacters: allowed) ?? self
    }
}
