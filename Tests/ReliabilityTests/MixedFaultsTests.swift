import BinaryTestSupport
import Foundation
import Testing

extension Reliability {
    /// Issue 9's mixed faults — 5% 503, 3% 429, 2% of jobs committed but their answer dropped, 1%
    /// never answered — on every submission, seeded; apply is run again until it exits 0, as a
    /// retried CI step would be. Nothing may be created twice and nothing lost.
    @Suite("reliability: exactly once under mixed faults (binary)", .serialized)
    struct MixedFaultsTests {
        /// Two keys per orchestrator (a matrix of two depths), so reconciliation also has to tell
        /// apart jobs of the same type on the same orchestrator.
        @Test func everyPlannedKeyEndsWithExactlyOneJobUnderMixedFaults() async throws {
            let form = ReliabilityForm.current
            let agents = form.pick(short: 500, long: 5_000)
            let jobCount = agents * 2
            let maxRuns = 8
            let harness = try await SimulatorHarness.start(
                fleetYAML: ReliabilityFleet.generated(agents: agents, faults: .mixed(seed: 20_261_129)))
            defer { Task { try? await harness.stop() } }
            let manifest = harness.path("inventory.yaml")
            try ReliabilityFleet.matrixManifest(depths: [1, 2]).write(toFile: manifest, atomically: true, encoding: .utf8)

            let expected = try await ExactlyOnce.plan(harness, manifests: [manifest], maxJobs: jobCount)
            #expect(expected.planned.count == jobCount)
            #expect(expected.planned.allSatisfy { $0.action == .submit })

            let began = Date()
            var statuses: [Int32] = []
            while statuses.last != 0, statuses.count < maxRuns {
                let result = try await harness.run([
                    "apply", manifest, "--timeout", "2", "--concurrency", "32", "--max-jobs", String(jobCount), "--retries", "5",
                ])
                statuses.append(result.status)
                // A run under these faults may leave jobs failed or unknown (exit 2) for the next run to
                // settle, but never stop on a usage, manifest, server or ledger error, nor crash.
                #expect([0, 2].contains(result.status), "run \(statuses.count): \(result.stderr.suffix(2_000))")
                if ![0, 2].contains(result.status) { break }
            }
            let elapsed = Date().timeIntervalSince(began)
            #expect(statuses.last == 0, "apply never exited 0 in \(maxRuns) runs: \(statuses)")

            let findings = try await expected.check(harness)
            #expect(findings.duplicates == 0, "\(findings.summary)")
            #expect(findings.losses.isEmpty, "\(findings.summary)")
            #expect(findings.strays.isEmpty, "\(findings.summary)")
            #expect(findings.ledgerMismatches.isEmpty, "\(findings.summary)")

            let faults = try await harness.submissionOutcomes()
            #expect((faults["drop"] ?? 0) > 0 && (faults["hang"] ?? 0) > 0, "the faults were injected: \(faults)")
            report(
                "mixed faults: \(jobCount) jobs, \(statuses.count) runs (exits \(statuses)), \(findings.summary), "
                    + "submissions by outcome \(faults), \(String(format: "%.1f", elapsed)) s")
        }
    }
}

extension SimulatorHarness {
    /// `POST /OrchestratorJobs/Custom` by outcome (`200`, `503`, `429`, `drop`, `hang`, ...).
    func submissionOutcomes() async throws -> [String: Int] {
        try await requestStats()["POST /OrchestratorJobs/Custom"] ?? [:]
    }
}
