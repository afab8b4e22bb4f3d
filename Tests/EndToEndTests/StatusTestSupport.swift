import BinaryTestSupport
import Foundation
import KeyfactorSimulator

extension SimulatorHarness {
    /// A simulator with the built-in fleet whose run-once jobs run `jobDelay` after they are created
    /// (`0s`: as soon as anyone looks), on `clock` (a manual clock keeps them waiting until moved).
    static func start(jobDelay: String, clock: any SimulatorClock = SystemSimulatorClock()) async throws -> SimulatorHarness {
        let text = SimulatorFleet.builtInDefaultYAML.replacingOccurrences(of: "  delay: 2s\n", with: "  delay: \(jobDelay)\n")
        guard text != SimulatorFleet.builtInDefaultYAML || jobDelay == "2s" else {
            throw HarnessError(message: "the built-in fleet no longer says delay: 2s")
        }
        return try await start(fleetYAML: text, clock: clock)
    }

    /// How many ScheduledJobs requests the simulator has answered.
    func scheduledJobsRequests() -> Int {
        requestCount(endpoint: "GET /OrchestratorJobs/ScheduledJobs")
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
}
