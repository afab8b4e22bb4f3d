import AsyncHTTPClient
import Foundation
import KeyfactorSimulator
import NIOCore

/// A simulator hosted in the test process (so it outlives a killed `kfjobs`), a scratch folder for
/// ledgers, and black-box inspection of what the server holds.
public struct SimulatorHarness: Sendable {
    public let simulator: KeyfactorSimulator
    public let directory: URL

    /// Starts a simulator with the built-in fleet plus `extraYAML` (top-level keys such as `faults:`).
    public static func start(extraYAML: String = "") async throws -> SimulatorHarness {
        try await start(fleetYAML: SimulatorFleet.builtInDefaultYAML + (extraYAML.isEmpty ? "" : "\n" + extraYAML))
    }

    /// Starts a simulator serving the fleet file `fleetYAML`, on `clock`. It is stopped when the test
    /// ends (`.stopsHarnesses` on the suite).
    public static func start(fleetYAML: String, clock: any SimulatorClock = SystemSimulatorClock()) async throws -> SimulatorHarness {
        let loaded = SimulatorFleet.load(Array(fleetYAML.utf8), file: "test-fleet.yaml")
        guard let fleet = loaded.fleet else { throw HarnessError(message: "test fleet: \(loaded.diagnostics)") }
        let simulator = try await KeyfactorSimulator.start(fleet: fleet, options: .init(clock: clock))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kfjobs-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let harness = SimulatorHarness(simulator: simulator, directory: directory)
        StartedHarnesses.register(harness)
        return harness
    }

    public var ledger: String { directory.appendingPathComponent("kfjobs-ledger.jsonl").path }

    /// A path in the scratch folder.
    public func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    public func stop() async throws {
        try await simulator.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs kfjobs against this simulator (`--url`) with the scratch ledger, waited for on a thread
    /// of its own: a test blocked in `waitUntilExit` on one of the few cooperative threads would
    /// starve the in-process simulator, which answers on them too.
    public func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> KFJobsProcess.Result {
        try await KFJobsProcess.runOffPool(arguments + ["--url", simulator.baseURL, "--ledger", ledger], environment: environment)
    }

    /// `run(...)` without adding `--ledger` (for commands given several, or their own).
    public func runNoLedger(_ arguments: [String], environment: [String: String] = [:]) async throws -> KFJobsProcess.Result {
        try await KFJobsProcess.runOffPool(arguments + ["--url", simulator.baseURL], environment: environment)
    }

    /// Every job the simulator ever created (`GET /_simulator/jobs`).
    public func jobs() async throws -> [[String: Any]] {
        let json = try await inspect("/_simulator/jobs")
        if let rows = json as? [[String: Any]] { return rows }
        if let object = json as? [String: Any], let rows = object["jobs"] as? [[String: Any]] ?? object["Jobs"] as? [[String: Any]] { return rows }
        throw HarnessError(message: "unexpected /_simulator/jobs shape")
    }

    /// The requests the simulator has counted, by endpoint (e.g. `POST /OrchestratorJobs/Custom`) and
    /// outcome (`200`, `503`, `drop`, `hang`, ...), read in-process (`GET /_simulator/stats` serves the same).
    public func requestStats() -> [String: [String: Int]] {
        simulator.requestStats
    }

    /// The requests the simulator has counted for `endpoint`, whatever their outcome, or for every
    /// endpoint of the API and the token endpoint when nil.
    public func requestCount(endpoint: String? = nil) -> Int {
        let stats = requestStats()
        // The inspection endpoints count themselves; a test polling them must not move its own mark.
        let endpoints = endpoint.map { [$0] } ?? stats.keys.filter { !$0.contains("/_simulator/") }
        return endpoints.reduce(0) { total, name in total + (stats[name] ?? [:]).values.reduce(0, +) }
    }

    /// Returns once `condition` holds, looking every few milliseconds, and throws after `seconds` so a
    /// test that waits for something that never happens fails, saying `what`, instead of hanging.
    public func waitUntil(_ what: String, within seconds: TimeInterval = 60, _ condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while try await !condition() {
            guard Date() < deadline else { throw HarnessError(message: "waited \(Int(seconds)) s, and still not: \(what)") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    private func inspect(_ path: String) async throws -> Any {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: simulator.rootURL + path), timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 256 << 20)
        return try JSONSerialization.jsonObject(with: Data(buffer: body))
    }
}

/// A harness step that could not be done (a fleet that does not load, an unexpected answer).
public struct HarnessError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    public init(message: String) {
        self.message = message
    }
}
