import AsyncHTTPClient
import Foundation
import KeyfactorSimulator
import NIOCore

/// A simulator hosted in the test process (so it outlives a killed `kfjobs`), a scratch folder for
/// ledgers, and black-box inspection of what the server holds.
struct SimulatorHarness {
    let simulator: KeyfactorSimulator
    let directory: URL

    /// Starts a simulator with the built-in fleet plus `extraYAML` (top-level keys such as `faults:`).
    static func start(extraYAML: String = "") async throws -> SimulatorHarness {
        let text = SimulatorFleet.builtInDefaultYAML + (extraYAML.isEmpty ? "" : "\n" + extraYAML)
        let loaded = SimulatorFleet.load(Array(text.utf8), file: "test-fleet.yaml")
        guard let fleet = loaded.fleet else { throw HarnessError(message: "test fleet: \(loaded.diagnostics)") }
        let simulator = try await KeyfactorSimulator.start(fleet: fleet)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kfjobs-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return SimulatorHarness(simulator: simulator, directory: directory)
    }

    var ledger: String { directory.appendingPathComponent("kfjobs-ledger.jsonl").path }

    func stop() async throws {
        try await simulator.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs kfjobs against this simulator (`--url`) with the scratch ledger.
    func kfjobs(_ arguments: [String], environment: [String: String] = [:]) throws -> KFJobsProcess.Result {
        try KFJobsProcess.run(arguments + ["--url", simulator.baseURL, "--ledger", ledger], environment: environment)
    }

    /// Every job the simulator ever created (`GET /_simulator/jobs`).
    func jobs() async throws -> [[String: Any]] {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: simulator.rootURL + "/_simulator/jobs"), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 64 << 20)
        let json = try JSONSerialization.jsonObject(with: Data(buffer: body))
        if let rows = json as? [[String: Any]] { return rows }
        if let object = json as? [String: Any], let rows = object["jobs"] as? [[String: Any]] ?? object["Jobs"] as? [[String: Any]] { return rows }
        throw HarnessError(message: "unexpected /_simulator/jobs shape")
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
