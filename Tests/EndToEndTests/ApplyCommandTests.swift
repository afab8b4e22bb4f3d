import BinaryTestSupport
import Foundation
import KFJobs
import Testing

extension BinaryTests {
    /// `kfjobs apply` as a user runs it, against a simulator over HTTP, checked through what the server
    /// holds (`/_simulator/jobs`) and the ledger.
    @Suite("kfjobs apply (binary)", .serialized)
    struct ApplyCommandTests {
        @Test func fetchLogsAppliesOncePerEligibleAgentAndResumesWithoutDuplicates() async throws {
            let harness = try await SimulatorHarness.start()
            let first = try await harness.run(["apply", "examples/fetch-logs.yaml"])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("applied: \(BuiltInFleet.logAgents) submitted"))
            let jobs = try await harness.jobs()
            #expect(jobs.count == BuiltInFleet.logAgents)

            let records = try LedgerReader.read(path: harness.ledger)
            let submitted = records.filter { $0.outcome == .submitted }
            #expect(submitted.count == BuiltInFleet.logAgents)
            #expect(Set(submitted.compactMap(\.jobId)) == Set(jobs.compactMap { $0["JobId"] as? String }))
            #expect(records.first?.type == .run)

            let second = try await harness.run(["apply", "examples/fetch-logs.yaml"])
            #expect(second.status == 0)
            #expect(second.stdout.contains("\(BuiltInFleet.logAgents) already in the ledger"))
            #expect(try await harness.jobs().count == BuiltInFleet.logAgents, "a re-run submits nothing twice")
        }

        @Test func droppedAnswersAreReconciledNotResent() async throws {
            let harness = try await SimulatorHarness.start(extraYAML: "faults:\n  dropRate: 0.3\n  seed: 11\n")
            let result = try await harness.run(["apply", "examples/fetch-logs.yaml", "--concurrency", "4", "--timeout", "6"])
            let jobs = try await harness.jobs()
            let perAgent = Dictionary(grouping: jobs, by: { ($0["AgentId"] as? String ?? "").lowercased() })
            #expect(perAgent.values.allSatisfy { $0.count == 1 }, "no agent got the job twice")
            let state = LedgerState(records: try LedgerReader.read(path: harness.ledger))
            let reconciled = try LedgerReader.read(path: harness.ledger).filter { $0.reconciled == true }
            #expect(!reconciled.isEmpty, "some answers were dropped and reconciled")
            if result.status == 0 {
                #expect(jobs.count == BuiltInFleet.logAgents)
                #expect(state.entries.allSatisfy { $0.liveJobId != nil })
            }
            // Whatever this run left uncertain, a second run settles without creating duplicates.
            let again = try await harness.run(["apply", "examples/fetch-logs.yaml", "--concurrency", "4", "--timeout", "6"])
            #expect(again.status == 0 || again.status == 2, "\(again.stderr)")
            let after = try await harness.jobs()
            #expect(Set(after.compactMap { $0["AgentId"] as? String }).count == after.count)
        }

        @Test func throttlingAndUnavailabilityAreRetried() async throws {
            let harness = try await SimulatorHarness.start(extraYAML: "faults:\n  throttleRate: 0.2\n  failRate: 0.2\n  retryAfter: 0\n  seed: 5\n")
            let result = try await harness.run(["apply", "examples/fetch-logs.yaml", "--retries", "10"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try await harness.jobs().count == BuiltInFleet.logAgents)
            let records = try LedgerReader.read(path: harness.ledger)
            #expect(records.contains { ($0.attempts ?? 0) > 1 }, "some requests needed another attempt")
        }

        @Test func aHeldLedgerIsRefusedAndTheHolderNamed() async throws {
            let harness = try await SimulatorHarness.start()
            let held = try LedgerFile.open(path: harness.ledger, holder: "pid 777 on ci-runner, run r-held")
            defer { held.file.close() }
            let result = try await harness.run(["apply", "examples/fetch-logs.yaml"])
            #expect(result.status == 3)
            #expect(result.stderr.contains("pid 777 on ci-runner, run r-held"))
            #expect(try await harness.jobs().isEmpty)
        }

        @Test func aCorruptLedgerStopsBeforeAnythingIsSent() async throws {
            let harness = try await SimulatorHarness.start()
            try "{\"v\":1}\nnot json\n".write(toFile: harness.ledger, atomically: false, encoding: .utf8)
            let result = try await harness.run(["apply", "examples/fetch-logs.yaml"])
            #expect(result.status == 3)
            #expect(result.stderr.contains("\(harness.ledger):1: ledger record is corrupt"))
            #expect(try await harness.jobs().isEmpty)
        }

        @Test func aTornLastLineIsCutBackWithAWarningAndTheRunResumes() async throws {
            let harness = try await SimulatorHarness.start()
            let first = try await harness.run(["apply", "examples/fetch-logs.yaml"])
            #expect(first.status == 0)
            // A crash mid-write leaves half a record at the end.
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: harness.ledger))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("{\"v\":1,\"type\":\"outco".utf8))
            try handle.close()
            let second = try await harness.run(["apply", "examples/fetch-logs.yaml"])
            #expect(second.status == 0, "\(second.stderr)")
            #expect(second.stderr.contains("removed a torn last line"))
            #expect(second.stdout.contains("\(BuiltInFleet.logAgents) already in the ledger"))
            #expect(try String(contentsOfFile: harness.ledger, encoding: .utf8).hasSuffix("}\n"))
            #expect(try await harness.jobs().count == BuiltInFleet.logAgents)
        }

        @Test func aPlanWithErrorsSendsNothing() async throws {
            let harness = try await SimulatorHarness.start()
            let manifest = harness.directory.appendingPathComponent("bad.yaml")
            try """
            apiVersion: kfjobs/v1
            kind: JobManifest
            metadata: {name: bad}
            jobs:
              - name: refresh
                jobType: RefreshInventory
                agents: {query: 'Status -eq 2'}
                fields: {Target: x, Depth: deep}
            """.write(to: manifest, atomically: true, encoding: .utf8)
            let result = try await harness.run(["apply", manifest.path])
            #expect(result.status == 1)
            #expect(result.stderr.contains("bad.yaml:8:32: error: field 'Depth' is an Integer, but 'deep' is not a 64-bit whole number"))
            #expect(result.stderr.contains("nothing was submitted"))
            #expect(try await harness.jobs().isEmpty)
        }

        @Test func maxJobsRefusesALargerPlan() async throws {
            let harness = try await SimulatorHarness.start()
            let result = try await harness.run(["apply", "examples/fetch-logs.yaml", "--max-jobs", "5"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("the plan sends \(BuiltInFleet.logAgents) requests, more than --max-jobs 5"))
            #expect(try await harness.jobs().isEmpty)
        }

        @Test func shardsTogetherCoverThePlanExactlyOnce() async throws {
            let harness = try await SimulatorHarness.start()
            for shard in ["1/3", "2/3", "3/3"] {
                let result = try await KFJobsProcess.runOffPool([
                    "apply", "examples/fetch-logs.yaml", "--url", harness.simulator.baseURL, "--shard", shard,
                    "--ledger", harness.directory.appendingPathComponent("ledger-\(shard.prefix(1)).jsonl").path,
                ])
                #expect(result.status == 0, "\(result.stderr)")
            }
            let jobs = try await harness.jobs()
            #expect(jobs.count == BuiltInFleet.logAgents)
            #expect(Set(jobs.compactMap { $0["AgentId"] as? String }).count == BuiltInFleet.logAgents)
        }

        @Test func aQueryTheServerRejectsIsReportedAtTheQuery() async throws {
            let harness = try await SimulatorHarness.start()
            let manifest = harness.directory.appendingPathComponent("query.yaml")
            try """
            apiVersion: kfjobs/v1
            kind: JobManifest
            metadata: {name: typo}
            jobs:
              - name: logs
                jobType: FetchLogs
                agents:
                  query: 'Stauts -eq 2'
            """.write(to: manifest, atomically: true, encoding: .utf8)
            let result = try await harness.run(["plan", manifest.path])
            #expect(result.status == 1)
            #expect(result.stderr.contains("query.yaml:8:14: error: the server rejected this query: "))
        }
    }
}

extension BinaryTests {
    /// `plan --out FILE` then `apply --plan FILE`: exactly the reviewed plan, or nothing.
    @Suite("kfjobs apply --plan (binary)", .serialized)
    struct SavedPlanTests {
        @Test func aSavedPlanIsAppliedWhenNothingChanged() async throws {
            let harness = try await SimulatorHarness.start()
            let planFile = harness.directory.appendingPathComponent("plan.json").path
            let plan = try await harness.run(["plan", "examples/fetch-logs.yaml", "--out", planFile])
            #expect(plan.status == 0)
            let apply = try await harness.run(["apply", "examples/fetch-logs.yaml", "--plan", planFile])
            #expect(apply.status == 0, "\(apply.stderr)")
            #expect(try await harness.jobs().count == BuiltInFleet.logAgents)
            // The plan said "submit"; after applying, the same plan no longer matches (now "skip").
            let again = try await harness.run(["apply", "examples/fetch-logs.yaml", "--plan", planFile])
            #expect(again.status == 1)
            #expect(again.stderr.contains("the server or the ledger changed since the plan"))
            #expect(try await harness.jobs().count == BuiltInFleet.logAgents)
        }

        @Test func aSavedPlanIsRefusedWhenAManifestChanged() async throws {
            let harness = try await SimulatorHarness.start()
            let manifest = harness.directory.appendingPathComponent("logs.yaml")
            let original = try String(contentsOfFile: "examples/fetch-logs.yaml".relativeToPackage, encoding: .utf8)
            try original.write(to: manifest, atomically: true, encoding: .utf8)
            let planFile = harness.directory.appendingPathComponent("plan.json").path
            #expect(try await harness.run(["plan", manifest.path, "--out", planFile]).status == 0)
            try (original + "\n# edited after review\n").write(to: manifest, atomically: true, encoding: .utf8)
            let apply = try await harness.run(["apply", manifest.path, "--plan", planFile])
            #expect(apply.status == 1)
            #expect(apply.stderr.contains("the manifests changed since the plan"))
            #expect(try await harness.jobs().isEmpty)
        }
    }
}

extension String {
    /// A path relative to the package root, made absolute.
    var relativeToPackage: String { KFJobsProcess.packageRoot.appendingPathComponent(self).path }
}
