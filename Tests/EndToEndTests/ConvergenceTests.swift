import BinaryTestSupport
import Foundation
import KFJobs
import Testing

extension BinaryTests {
    /// Issue 14 end to end against the simulator: a recurring job unscheduled behind kfjobs's back is
    /// planned `recreate` and scheduled again; `--resubmit TOKEN` runs one-shot jobs again once per
    /// token; `plan --detailed-exitcode` turns both into a drift alarm.
    @Suite("kfjobs convergence: drift and re-runs (binary)", .serialized)
    struct ConvergenceTests {
        static let recurring = "examples/recurring-schedules.yaml"

        /// The done-when scenario: apply, unschedule one job in the "portal", plan shows recreate,
        /// apply schedules it again, and `plan --detailed-exitcode` then exits 0.
        @Test func aRecurringJobUnscheduledOnTheServerIsRecreated() async throws {
            let harness = try await SimulatorHarness.start(jobDelay: "0s")
            let first = try await harness.run(["apply", Self.recurring])
            #expect(first.status == 0, "\(first.stderr)")
            let created = try await harness.jobs().count
            #expect(created > 10)
            #expect(try await harness.run(["plan", Self.recurring, "--detailed-exitcode"]).status == 0, "nothing to do after the apply")

            let before = harness.scheduledJobsRequests()
            #expect(try await harness.run(["plan", Self.recurring]).status == 0)
            let readsOfACleanPlan = harness.scheduledJobsRequests() - before

            // Someone removes one job in the portal.
            let state = LedgerState(records: try LedgerReader.read(path: harness.ledger))
            let victim = try #require(TrackedJob.live(in: state).first)
            try await harness.unscheduleOnServer(jobIds: [victim.jobId])

            let marked = harness.scheduledJobsRequests()
            let plan = try await harness.run(["plan", Self.recurring])
            #expect(plan.status == 0, "\(plan.stderr)")
            #expect(harness.scheduledJobsRequests() - marked == readsOfACleanPlan, "drift costs no request per job: the same pages are read")
            #expect(readsOfACleanPlan <= 2, "one read of the job type's pages, not one per job (\(readsOfACleanPlan))")
            #expect(plan.stdout.contains("\(created - 1) already in the ledger, 1 to recreate"), "\(plan.stdout)")
            #expect(plan.stdout.contains("changes to existing jobs:\n  recreate  \(victim.key)  \(victim.jobId) (gone from the server's scheduled jobs)\n"), "\(plan.stdout)")
            #expect(try await harness.run(["plan", Self.recurring, "--detailed-exitcode"]).status == 2)

            let json = try await harness.run(["plan", Self.recurring, "--output", "json"])
            let document = try PlanDocument.decode(Data(json.stdout.utf8))
            #expect(document.summary.recreate == 1)
            let planned = try #require(document.jobs.first { $0.action == .recreate })
            #expect(planned.key == victim.key)
            #expect(planned.existingJobId == victim.jobId)
            #expect(try SchemaConformanceTests.validate([json.stdout.replacingOccurrences(of: "\n", with: " ")], schema: "kfjobs-plan.schema.json") == [true])

            let junit = harness.path("apply-junit.xml")
            let apply = try await harness.run(["apply", Self.recurring, "--junit", junit])
            #expect(apply.status == 0, "\(apply.stderr)")
            #expect(apply.stdout.contains("applied: 1 recreated; \(created - 1) already in the ledger"), "\(apply.stdout)")
            let records = try LedgerReader.read(path: harness.ledger)
            let outcome = try #require(records.last { $0.key == victim.key && $0.type == .outcome })
            #expect(outcome.outcome == .recreated)
            let newJobId = try #require(outcome.jobId)
            #expect(newJobId != victim.jobId)
            let intentIndex = try #require(records.lastIndex { $0.key == victim.key && $0.type == .intent })
            #expect(intentIndex < (records.lastIndex { $0 == outcome } ?? 0), "the intent came first")
            let jobs = try await harness.jobs()
            let recreated = try #require(jobs.first { ($0["JobId"] as? String)?.lowercased() == newJobId.lowercased() })
            #expect(recreated["State"] as? String == "scheduled")
            #expect((recreated["AgentId"] as? String)?.lowercased() == victim.agentId?.lowercased())
            #expect(jobs.count == created + 1, "exactly one new job")
            let xml = try String(contentsOfFile: junit, encoding: .utf8)
            #expect(try JUnitSchema.validate(xml) == "valid")
            #expect(xml.contains("recreated as job \(newJobId) on "), "the report's case for the job passes as recreated")
            #expect(!xml.contains("<failure"))

            #expect(try await harness.run(["plan", Self.recurring, "--detailed-exitcode"]).status == 0, "converged")

            // The ledger, status and its schema know the new outcome.
            let csv = try await KFJobsProcess.runOffPool(["ledger", "--output", "csv", "--ledger", harness.ledger])
            #expect(csv.stdout.contains(",recreated,\(newJobId),"), "\(csv.stdout)")
            let status = try await harness.run(["status", "--output", "json"])
            #expect(status.status == 0, "\(status.stderr)")
            let statusDocument = try JSONDecoder().decode(StatusDocument.self, from: Data(status.stdout.utf8))
            let followed = try #require(statusDocument.jobs.first { $0.key == victim.key })
            #expect(followed.outcome == .recreated)
            #expect(followed.state == .scheduled)
            #expect(followed.jobId == newJobId)
            #expect(try SchemaConformanceTests.validate([status.stdout.replacingOccurrences(of: "\n", with: " ")], schema: "kfjobs-status.schema.json") == [true])
            let lines = try String(contentsOfFile: harness.ledger, encoding: .utf8).split(separator: "\n").map(String.init)
            #expect(try SchemaConformanceTests.validate(lines, schema: "kfjobs-ledger.schema.json").allSatisfy { $0 })

            // unschedule follows the recreated job, not the lost one.
            let undo = try await harness.run(["unschedule", "--key", victim.key])
            #expect(undo.status == 0, "\(undo.stderr)")
            let removed = try await harness.jobs().filter { ($0["JobId"] as? String)?.lowercased() == newJobId.lowercased() }
            #expect(removed.first?["State"] as? String == "unscheduled")
        }

        /// `status` before the re-apply: the lost job is unknown, and says what plan will do about it.
        @Test func statusNamesALostRecurringJobAndDetailedExitCodeIsOneOnErrors() async throws {
            let harness = try await SimulatorHarness.start(jobDelay: "0s")
            let manifest = try harness.recurringManifest()
            #expect(try await harness.run(["apply", manifest]).status == 0)
            let victim = try #require(TrackedJob.live(in: LedgerState(records: try LedgerReader.read(path: harness.ledger))).first)
            try await harness.unscheduleOnServer(jobIds: [victim.jobId])
            let status = try await harness.run(["status"])
            #expect(status.status == 2)
            #expect(status.stderr.contains("kfjobs plan shows it as recreate"), "\(status.stderr)")

            let broken = harness.path("broken.yaml")
            try SimulatorHarness.recurringManifestText.replacingOccurrences(of: "OlderThanDays", with: "OlderThanDayz")
                .write(toFile: broken, atomically: true, encoding: .utf8)
            let failed = try await harness.run(["plan", broken, "--detailed-exitcode"])
            #expect(failed.status == 1, "\(failed.stderr)")
        }

        /// How many FetchLogs jobs the server holds per orchestrator.
        static func fetchLogsPerAgent(_ harness: SimulatorHarness) async throws -> [String: Int] {
            var counts: [String: Int] = [:]
            for job in try await harness.jobs() where job["JobTypeName"] as? String == "FetchLogs" {
                counts[(job["AgentId"] as? String ?? "").lowercased(), default: 0] += 1
            }
            return counts
        }

        /// Resubmission with one token twice creates each job once; with a second token twice, once
        /// more; recurring jobs are never resubmitted.
        @Test func aTokenResubmitsEachOneShotJobOnce() async throws {
            let harness = try await SimulatorHarness.start(jobDelay: "0s")
            let recurring = try harness.recurringManifest()
            let logs = "examples/fetch-logs.yaml"
            let first = try await harness.run(["apply", logs, recurring])
            #expect(first.status == 0, "\(first.stderr)")
            let scheduledRecurring = try await harness.jobs().count - BuiltInFleet.logAgents
            #expect(try await Self.fetchLogsPerAgent(harness).values.sorted() == Array(repeating: 1, count: BuiltInFleet.logAgents))

            for (token, rounds) in [("pipeline-1", 2), ("pipeline-1", 2), ("pipeline-2", 3), ("pipeline-2", 3)] {
                let run = try await harness.run(["apply", logs, recurring, "--resubmit", token])
                #expect(run.status == 0, "\(token): \(run.stderr)")
                #expect(try await Self.fetchLogsPerAgent(harness).values.sorted() == Array(repeating: rounds, count: BuiltInFleet.logAgents), "\(token)")
                #expect(try await harness.jobs().count == rounds * BuiltInFleet.logAgents + scheduledRecurring, "recurring jobs are never resubmitted")
            }
            let records = try LedgerReader.read(path: harness.ledger)
            #expect(records.filter { $0.type == .intent && $0.resubmitToken == "pipeline-2" }.count == BuiltInFleet.logAgents)
            #expect(records.filter { $0.type == .outcome && $0.resubmitToken == "pipeline-2" }.count == BuiltInFleet.logAgents)
            let rows = try await KFJobsProcess.runOffPool(["ledger", "--output", "json", "--ledger", harness.ledger])
            #expect(rows.stdout.contains("\"resubmitToken\" : \"pipeline-2\""))

            let preview = try await harness.run(["plan", logs, recurring, "--resubmit", "pipeline-3"])
            #expect(preview.stdout.contains("\(BuiltInFleet.logAgents) to resubmit"), "\(preview.stdout)")
            #expect(try await harness.run(["plan", logs, recurring, "--resubmit", "pipeline-3", "--detailed-exitcode"]).status == 2)
            #expect(try await harness.run(["plan", logs, recurring, "--resubmit", "pipeline-2", "--detailed-exitcode"]).status == 0)
            #expect(try await harness.run(["plan", logs, recurring, "--detailed-exitcode"]).status == 0)
        }

        @Test(arguments: ["", "two words", "tab\there", String(repeating: "t", count: 129)])
        func aBadTokenIsAUsageError(token: String) async throws {
            let harness = try await SimulatorHarness.start(jobDelay: "0s")
            for command in ["apply", "plan"] {
                let result = try await harness.run([command, "examples/fetch-logs.yaml", "--resubmit", token])
                #expect(result.status == 64, "\(command): \(result.stderr)")
                #expect(result.stderr.contains("--resubmit"), "\(result.stderr)")
            }
            #expect(try await harness.jobs().isEmpty)
        }

        /// Resubmission with saved plans, --max-jobs, --bulk and --shard, as for any other action.
        @Test func resubmissionWorksWithSavedPlansLimitsBulkAndShards() async throws {
            let harness = try await SimulatorHarness.start(jobDelay: "0s")
            let logs = "examples/fetch-logs.yaml"
            #expect(try await harness.run(["apply", logs]).status == 0)

            let saved = harness.path("plan.json")
            #expect(try await harness.run(["plan", logs, "--resubmit", "saved-1", "--out", saved]).status == 0)
            let without = try await harness.run(["apply", logs, "--plan", saved])
            #expect(without.status == 1)
            #expect(without.stderr.contains("was made with --resubmit saved-1, and apply was given none"), "\(without.stderr)")
            let other = try await harness.run(["apply", logs, "--plan", saved, "--resubmit", "saved-2"])
            #expect(other.status == 1)
            #expect(try await Self.fetchLogsPerAgent(harness).values.allSatisfy { $0 == 1 }, "a refused plan sends nothing")
            let same = try await harness.run(["apply", logs, "--plan", saved, "--resubmit", "saved-1"])
            #expect(same.status == 0, "\(same.stderr)")
            #expect(try await Self.fetchLogsPerAgent(harness).values.allSatisfy { $0 == 2 })

            let limited = try await harness.run(["apply", logs, "--resubmit", "bulk-1", "--max-jobs", "5"])
            #expect(limited.status == 1)
            #expect(limited.stderr.contains("more than --max-jobs 5"), "\(limited.stderr)")

            let bulkBefore = harness.requestCount(endpoint: "POST /OrchestratorJobs/Custom/Bulk")
            for shard in ["1/2", "2/2", "1/2", "2/2"] {
                let result = try await harness.run(["apply", logs, "--resubmit", "bulk-1", "--bulk", "--shard", shard])
                #expect(result.status == 0, "\(shard): \(result.stderr)")
            }
            #expect(harness.requestCount(endpoint: "POST /OrchestratorJobs/Custom/Bulk") > bulkBefore, "resubmissions went in bulk")
            #expect(try await Self.fetchLogsPerAgent(harness).values.sorted() == Array(repeating: 3, count: BuiltInFleet.logAgents),
                    "the two shards together resubmitted every job once")

            // In waves, waiting for each: the built-in fleet's two failing orchestrators fail their jobs
            // again (exit 2 within the budget), and every job was sent once more.
            let junit = harness.path("waves.xml")
            let waves = try await harness.run(["apply", logs, "--resubmit", "waves-1", "--wave", "50%", "--max-failures", "100%", "--junit", junit])
            #expect(waves.status == 2, "\(waves.stderr)")
            #expect(waves.stderr.contains("wave 2 of 2"), "\(waves.stderr)")
            #expect(try await Self.fetchLogsPerAgent(harness).values.sorted() == Array(repeating: 4, count: BuiltInFleet.logAgents))
            #expect(try JUnitSchema.validate(try String(contentsOfFile: junit, encoding: .utf8)) == "valid")
        }
    }
}
