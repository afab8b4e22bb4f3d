import BinaryTestSupport
import Foundation
import KFJobs
import Testing

extension BinaryTests {
    /// `kfjobs unschedule` against the simulator: a run's still-scheduled jobs removed and recorded.
    @Suite("kfjobs unschedule (binary)", .serialized)
    struct UnscheduleCommandTests {
        @Test func aRunsScheduledJobsAreListedRemovedAndRecorded() async throws {
            let harness = try await SimulatorHarness.start(jobDelay: "0s")
            #expect(try await harness.run(["apply", try harness.recurringManifest()]).status == 0)
            #expect(try await harness.run(["apply", "examples/fetch-logs.yaml"]).status == 0)
            let runs = LedgerState(records: try LedgerReader.read(path: harness.ledger)).runs.map(\.run)
            try #require(runs.count == 2)
            let recurringIds = Set(try LedgerReader.read(path: harness.ledger).filter { $0.run == runs[0] && $0.outcome == .submitted }.compactMap(\.jobId))
            #expect(!recurringIds.isEmpty)

            let dry = try await harness.run(["unschedule", "--run", runs[0], "--dry-run"])
            #expect(dry.status == 0, "\(dry.stderr)")
            #expect(dry.stdout.contains("would unschedule \(recurringIds.count) jobs:"))
            #expect(try await harness.jobs().filter { $0["State"] as? String == "unscheduled" }.isEmpty)

            let json = try await harness.run(["unschedule", "--run", runs[0], "--dry-run", "--output", "json"])
            #expect(json.status == 0)
            let listed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            #expect((listed?["unscheduled"] as? [[String: Any]])?.compactMap { $0["jobId"] as? String }.count == recurringIds.count)
            #expect(listed?["dryRun"] as? Bool == true)
            #expect(try SchemaConformanceTests.validate([json.stdout.replacingOccurrences(of: "\n", with: " ")], schema: "kfjobs-unschedule.schema.json") == [true])

            let result = try await harness.run(["unschedule", "--run", runs[0]])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("unscheduled \(recurringIds.count) jobs; 0 were no longer scheduled"))
            let removed = Set(try await harness.jobs().filter { $0["State"] as? String == "unscheduled" }.compactMap { $0["JobId"] as? String })
            #expect(removed == recurringIds)

            let records = try LedgerReader.read(path: harness.ledger)
            #expect(records.filter { $0.outcome == .unscheduled }.compactMap(\.jobId).count == recurringIds.count)
            #expect(LedgerState(records: records).runs.count == 3, "the unschedule opened a run record")
            let status = try await harness.run(["status", "--output", "json"])
            let document = try JSONDecoder().decode(StatusDocument.self, from: Data(status.stdout.utf8))
            #expect(document.summary.total == BuiltInFleet.logAgents, "only the FetchLogs jobs are still live")

            // The FetchLogs jobs already ran: nothing to remove, and nothing recorded.
            let ran = try await harness.run(["unschedule", "--run", runs[1]])
            #expect(ran.status == 0)
            #expect(ran.stdout.contains("unscheduling 0 jobs"))
            #expect(ran.stderr.contains("not scheduled any more"))
            #expect(try LedgerReader.read(path: harness.ledger).count == records.count)
        }

        @Test func chosenKeysOnlyAndUnknownRunsAreErrors() async throws {
            let harness = try await SimulatorHarness.start(jobDelay: "0s")
            #expect(try await harness.run(["apply", try harness.recurringManifest()]).status == 0)
            let live = TrackedJob.live(in: LedgerState(records: try LedgerReader.read(path: harness.ledger)))
            let chosen = try #require(live.first)
            let result = try await harness.run(["unschedule", "--key", chosen.key])
            #expect(result.status == 0, "\(result.stderr)")
            let unscheduled = try await harness.jobs().filter { $0["State"] as? String == "unscheduled" }
            #expect(unscheduled.compactMap { $0["JobId"] as? String } == [chosen.jobId])

            let unknown = try await harness.run(["unschedule", "--run", "no-such-run"])
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("no run no-such-run"))
            let both = try await harness.run(["unschedule", "--run", "x", "--key", "y"])
            #expect(both.status == 64)
        }
    }
}
