import AsyncHTTPClient
import Foundation
import NIOCore
import KeyfactorSimulator

extension SimulatorHarness {
    /// A simulator with the built-in fleet whose run-once jobs run `jobDelay` after they are created
    /// (`0s`: as soon as anyone looks), on `clock` (a manual clock keeps them waiting until moved).
    static func start(jobDelay: String, clock: any SimulatorClock = SystemSimulatorClock()) async throws -> SimulatorHarness {
        let text = SimulatorFleet.builtInDefaultYAML.replacingOccurrences(of: "  delay: 2s\n", with: "  delay: \(jobDelay)\n")
        guard text != SimulatorFleet.builtInDefaultYAML || jobDelay == "2s" else {
            throw HarnessError(message: "the built-in fleet no longer says delay: 2s")
        }
        let loaded = SimulatorFleet.load(Array(text.utf8), file: "test-fleet.yaml")
        guard let fleet = loaded.fleet else { throw HarnessError(message: "test fleet: \(loaded.diagnostics)") }
        let simulator = try await KeyfactorSimulator.start(fleet: fleet, options: .init(clock: clock))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kfjobs-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return SimulatorHarness(simulator: simulator, directory: directory)
    }

    /// Runs kfjobs against this simulator (`--url`) without adding `--ledger` (for commands given several).
    func kfjobsNoLedger(_ arguments: [String], environment: [String: String] = [:]) throws -> KFJobsProcess.Result {
        try KFJobsProcess.run(arguments + ["--url", simulator.baseURL], environment: environment)
    }

    /// How many ScheduledJobs requests the simulator has answered (`/_simulator/stats`).
    func scheduledJobsRequests() async throws -> Int {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: simulator.rootURL + "/_simulator/stats"), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        let json = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]
        let requests = json?["Requests"] as? [String: Any]
        let byOutcome = requests?["GET /OrchestratorJobs/ScheduledJobs"] as? [String: Any] ?? [:]
        return byOutcome.values.compactMap { $0 as? Int }.reduce(0, +)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
}
