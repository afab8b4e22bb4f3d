import BinaryTestSupport
import Foundation
import KFJobs
import Testing

extension BinaryTests {
    /// `apply --wave`: waves waited for, a stop on too many failures, and a re-run that continues.
    @Suite("apply in waves (binary)", .serialized)
    struct WavesTests {
        @Test func tooManyFailuresStopTheRolloutAndARerunContinues() async throws {
            let harness = try await SimulatorHarness.start(jobDelay: "0s")
            let first = try await harness.run(["apply", "examples/fetch-logs.yaml", "--wave", "4", "--max-failures", "0"])
            #expect(first.status == 2, "\(first.stderr)")
            #expect(first.stderr.contains("wave 1 of 6: 4 jobs"))
            #expect(first.stderr.contains("jobs failed, more than --max-failures allows (0)"))
            let created = try await harness.jobs()
            #expect(created.count < BuiltInFleet.logAgents, "the rollout stopped early")
            #expect(created.count % 4 == 0, "whole waves only")
            #expect(LedgerState(records: try LedgerReader.read(path: harness.ledger)).entries.filter { $0.liveJobId != nil }.count == created.count)

            let second = try await harness.run(["apply", "examples/fetch-logs.yaml", "--wave", "25%", "--max-failures", "10%"])
            #expect(second.status == 0 || second.status == 2, "\(second.stderr)")
            #expect(second.stdout.contains("\(created.count) already in the ledger"))
            let all = try await harness.jobs()
            #expect(all.count == BuiltInFleet.logAgents)
            #expect(Set(all.compactMap { $0["AgentId"] as? String }).count == BuiltInFleet.logAgents, "no orchestrator got the job twice")
        }

        @Test func aGenerousBudgetRunsEveryWaveAndTheJUnitReportCarriesTheFailures() async throws {
            let harness = try await SimulatorHarness.start(jobDelay: "0s")
            let junit = harness.path("apply.xml")
            let result = try await harness.run(["apply", "examples/fetch-logs.yaml", "--wave", "50%", "--max-failures", "20%", "--junit", junit])
            #expect(result.status == 2, "failures within the budget are still reported: \(result.stderr)")
            #expect(result.stderr.contains("wave 2 of 2"))
            #expect(!result.stderr.contains("stopped after wave"))
            #expect(try await harness.jobs().count == BuiltInFleet.logAgents)
            let xml = try String(contentsOfFile: junit, encoding: .utf8)
            #expect(xml.contains("tests=\"\(BuiltInFleet.logAgents)\" failures=\"2\" errors=\"0\" skipped=\"0\""))
            #expect(xml.contains("disk full: no space left on /var/tmp"))
            #expect(try JUnitSchema.validate(xml) == "valid")
        }

        @Test func junitWithoutWavesReportsSubmissions() async throws {
            let harness = try await SimulatorHarness.start(jobDelay: "0s")
            let junit = harness.path("apply.xml")
            let result = try await harness.run(["apply", "examples/fetch-logs.yaml", "--junit", junit])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("applied: \(BuiltInFleet.logAgents) submitted"))
            let xml = try String(contentsOfFile: junit, encoding: .utf8)
            #expect(xml.contains("tests=\"\(BuiltInFleet.logAgents)\" failures=\"0\""))
            #expect(try JUnitSchema.validate(xml) == "valid")
        }

        @Test(arguments: ["0", "-1", "0%", "101%", "x"])
        func badWaveSizesAreUsageErrors(size: String) async throws {
            let result = try await KFJobsProcess.runOffPool(["apply", "examples/fetch-logs.yaml", "--simulate", "--wave", size, "--ledger", "/nonexistent/l.jsonl"])
            #expect(result.status == 64)
        }
    }
}
