import BinaryTestSupport
import Foundation
import KFJobs
import Testing

extension BinaryTests {
    /// SIGINT and SIGTERM in the middle of an apply, each followed by a re-run: the server ends with
    /// exactly one job per planned key and the ledger's latest outcome for each key is that job.
    /// (`kill -9` at seeded random instants, with faults and matrices, is ReliabilityTests' KillNineTests.)
    ///
    /// The simulator lives in the test process, answers slowly so that a run is long enough to
    /// interrupt, and the signal is sent once the server has created jobs, never by a timer.
    @Suite("kfjobs apply: interruption and resume (binary)", .serialized)
    struct InterruptionTests {
        static let slowFleet = "faults:\n  latency: 150ms\n  seed: 3\n"

        /// Waits (polling the server, bounded) until it has created at least `count` jobs.
        private func waitForJobs(_ harness: SimulatorHarness, atLeast count: Int) async throws {
            try await harness.waitUntil("the server holds \(count) jobs") { try await harness.jobs().count >= count }
        }

        /// The invariant: one job per agent on the server, and the ledger's latest outcome per key is
        /// `submitted` (or adopted) with exactly the JobId the server holds for that agent.
        private func expectExactlyOnce(_ harness: SimulatorHarness, sourceLocation: SourceLocation = #_sourceLocation) async throws {
            let jobs = try await harness.jobs()
            let byAgent = Dictionary(grouping: jobs) { ($0["AgentId"] as? String ?? "").lowercased() }
            #expect(jobs.count == BuiltInFleet.logAgents, "\(jobs.count) jobs on the server", sourceLocation: sourceLocation)
            #expect(byAgent.values.allSatisfy { $0.count == 1 }, "an agent has two jobs", sourceLocation: sourceLocation)
            let state = LedgerState(records: try LedgerReader.read(path: harness.ledger))
            #expect(state.entries.count == BuiltInFleet.logAgents, sourceLocation: sourceLocation)
            for entry in state.entries {
                let agent = entry.lastOutcome?.identity.agentId.lowercased() ?? ""
                let serverJob = byAgent[agent]?.first?["JobId"] as? String
                #expect(entry.liveJobId?.lowercased() == serverJob?.lowercased(), "\(entry.key)", sourceLocation: sourceLocation)
            }
        }

        @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
        func aSignalStopsCleanlyAndARerunResumes(signal: Int32, exitCode: Int32) async throws {
            let harness = try await SimulatorHarness.start(extraYAML: Self.slowFleet)
            let run = try RunningKFJobs([
                "apply", "examples/fetch-logs.yaml", "--url", harness.simulator.baseURL, "--ledger", harness.ledger, "--concurrency", "2", "--timeout", "6",
            ])
            try await waitForJobs(harness, atLeast: 4)
            run.signal(signal)
            let stopped = await run.waitOffPool()
            #expect(stopped.status == exitCode, "\(stopped.stderr)")
            #expect(stopped.stderr.contains("run the same command again to resume"))
            let partial = LedgerState(records: try LedgerReader.read(path: harness.ledger))
            #expect(partial.entries.allSatisfy { !$0.hasOpenIntent }, "every request that left has its outcome")
            #expect(try await harness.jobs().count < BuiltInFleet.logAgents)

            let resumed = try await harness.run(["apply", "examples/fetch-logs.yaml", "--timeout", "6"])
            #expect(resumed.status == 0, "\(resumed.stderr)")
            try await expectExactlyOnce(harness)
        }
    }
}
