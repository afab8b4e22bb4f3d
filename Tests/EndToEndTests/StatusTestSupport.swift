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

    /// `kfjobs(...)` waited for on a thread of its own: a test blocked in `waitUntilExit` on one of the
    /// few cooperative threads would starve the in-process simulator, which answers on them too.
    func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> KFJobsProcess.Result {
        try await KFJobsProcess.runOffPool(arguments + ["--url", simulator.baseURL, "--ledger", ledger], environment: environment)
    }

    /// `run(...)` without adding `--ledger` (for commands given several, or their own).
    func runNoLedger(_ arguments: [String], environment: [String: String] = [:]) async throws -> KFJobsProcess.Result {
        try await KFJobsProcess.runOffPool(arguments + ["--url", simulator.baseURL], environment: environment)
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

    /// A manifest of recurring jobs (every six hours on the Frankfurt orchestrators), in the scratch folder.
    func recurringManifest() throws -> String {
        let path = path("recurring.yaml")
        try Self.recurringManifestText.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let recurringManifestText = """
        apiVersion: kfjobs/v1
        kind: JobManifest
        metadata:
          name: housekeeping
        jobs:
          - name: purge
            jobType: PurgeTempFiles
            agents: {query: 'Status -eq 2 AND ClientMachine -startswith "eu-"'}
            schedule: {interval: 6h}
            fields:
              OlderThanDays: 7

        """

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
}

extension KFJobsProcess {
    /// `run(...)` on a thread of its own, so the cooperative pool stays free while the child runs.
    static func runOffPool(
        _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Swift.Result { try run(arguments, environment: environment, in: directory) })
            }.start()
        }
    }
}
