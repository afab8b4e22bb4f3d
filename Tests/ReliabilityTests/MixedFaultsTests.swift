import BinaryTestSupport
import Foundation
import KFJobs
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

            let records = try LedgerReader.read(path: harness.ledger)
            let reconciled = records.filter { $0.reconciled == true }.count
            let retried = records.filter { ($0.attempts ?? 0) > 1 }.count
            let faults = harness.submissionOutcomes()
            #expect((faults["drop"] ?? 0) > 0 && (faults["hang"] ?? 0) > 0, "the faults were injected: \(faults)")
            report(
                "mixed faults: \(jobCount) jobs, \(statuses.count) runs (exits \(statuses)), \(findings.summary), "
                    + "submissions by outcome \(faults), \(reconciled) outcomes reconciled, \(retried) after more than one attempt, "
                    + "\(String(format: "%.1f", elapsed)) s")

            // The same keys again on purpose, under the same faults: `--resubmit` retried until it exits
            // 0 sends each exactly once more, and the same token once more sends nothing.
            let token = "mixed-faults-2"
            let resubmitBegan = Date()
            let reconciledBefore = reconciled
            var resubmits: [Int32] = []
            while resubmits.last != 0, resubmits.count < maxRuns {
                let result = try await harness.run([
                    "apply", manifest, "--timeout", "2", "--concurrency", "32", "--max-jobs", String(jobCount), "--retries", "5",
                    "--resubmit", token,
                ])
                resubmits.append(result.status)
                #expect([0, 2].contains(result.status), "resubmit run \(resubmits.count): \(result.stderr.suffix(2_000))")
                if ![0, 2].contains(result.status) { break }
            }
            #expect(resubmits.last == 0, "apply --resubmit never exited 0 in \(maxRuns) runs: \(resubmits)")
            let again = try await harness.run(["apply", manifest, "--max-jobs", String(jobCount), "--resubmit", token])
            #expect(again.status == 0, "\(again.stderr.suffix(2_000))")
            let resubmitted = try await expected.check(harness, rounds: 2, token: token)
            #expect(resubmitted.holds, "\(resubmitted.summary)")
            let reconciledNow = try LedgerReader.read(path: harness.ledger).filter { $0.reconciled == true }.count
            report(
                "mixed faults, resubmitted: \(jobCount) jobs, \(resubmits.count) runs (exits \(resubmits)), \(resubmitted.summary), "
                    + "\(reconciledNow - reconciledBefore) outcomes reconciled, \(String(format: "%.1f", Date().timeIntervalSince(resubmitBegan))) s")
        }
    }
}

extension Reliability.MixedFaultsTests {
    /// The other reading of "slow beyond the client's timeout": the server takes longer than the
    /// client waits but still creates the job, after the client gave up. Apply must not conclude
    /// "nothing was created" (and send again) before such a request can no longer act on the server.
    @Test func answersSlowerThanTheTimeoutAreReconciledNotResent() async throws {
        let agents = ReliabilityForm.current.pick(short: 24, long: 200)
        // Each answer takes 1.5-2.5 s against a 2 s timeout: about half commit after the client gave up.
        let harness = try await SimulatorHarness.start(
            fleetYAML: ReliabilityFleet.generated(agents: agents, faults: ReliabilityFleet.Faults(latency: "1500ms..2500ms", seed: 2026)))
        let manifest = harness.path("logs.yaml")
        try ReliabilityFleet.fetchLogsManifest.write(toFile: manifest, atomically: true, encoding: .utf8)
        let expected = try await ExactlyOnce.plan(harness, manifests: [manifest], maxJobs: agents)

        let began = Date()
        var statuses: [Int32] = []
        while statuses.last != 0, statuses.count < 4 {
            let result = try await harness.run(["apply", manifest, "--timeout", "2", "--concurrency", "12", "--max-jobs", String(agents)])
            statuses.append(result.status)
            #expect([0, 2].contains(result.status), "\(result.stderr.suffix(2_000))")
            if ![0, 2].contains(result.status) { break }
        }
        #expect(statuses.last == 0, "apply never exited 0: \(statuses)")
        let findings = try await expected.check(harness)
        #expect(findings.holds, "\(findings.summary)")
        let reconciled = try LedgerReader.read(path: harness.ledger).filter { $0.reconciled == true }.count
        #expect(reconciled > 0, "some answers came after the timeout and were reconciled")
        report(
            "slow commits: \(agents) jobs, \(statuses.count) runs (exits \(statuses)), \(reconciled) reconciled, "
                + "\(findings.summary), \(String(format: "%.1f", Date().timeIntervalSince(began))) s")
    }
}

extension SimulatorHarness {
    /// `POST /OrchestratorJobs/Custom` by outcome (`200`, `503`, `429`, `drop`, `hang`, ...).
    func submissionOutcomes() -> [String: Int] {
        requestStats()["POST /OrchestratorJobs/Custom"] ?? [:]
    }
}
