import AsyncHTTPClient
import BinaryTestSupport
import Foundation
import KFJobs
import Testing

extension BinaryTests {
    /// `kfjobs apply --bulk` against a simulator over HTTP: jobs grouped into bulk requests, the
    /// ledger's JobIds equal to the server's, and lost bulk answers reconciled without duplicates.
    @Suite("kfjobs apply --bulk (binary)", .serialized)
    struct BulkApplyTests {
        @Test func bulkSendsOneRequestForIdenticalJobsAndRecordsEachAgentsJobId() async throws {
            let harness = try await SimulatorHarness.start()
            let result = try await harness.run(["apply", "examples/fetch-logs.yaml", "--bulk"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("applied: \(BuiltInFleet.logAgents) submitted"))
            let jobs = try await harness.jobs()
            #expect(jobs.count == BuiltInFleet.logAgents)
            #expect(Set(jobs.compactMap { ($0["AgentId"] as? String)?.lowercased() }).count == BuiltInFleet.logAgents, "one job per agent")

            let records = try LedgerReader.read(path: harness.ledger)
            #expect(records.filter { $0.type == .intent }.count == BuiltInFleet.logAgents)
            let submitted = records.filter { $0.outcome == .submitted }
            #expect(submitted.count == BuiltInFleet.logAgents)
            #expect(Set(submitted.compactMap { $0.jobId?.lowercased() }) == Set(jobs.compactMap { ($0["JobId"] as? String)?.lowercased() }))
            // Each agent's record holds the job the server made for that very agent.
            let agentOfJob = Dictionary(
                jobs.compactMap { job in (job["JobId"] as? String).map { ($0.lowercased(), (job["AgentId"] as? String ?? "").lowercased()) } },
                uniquingKeysWith: { first, _ in first })
            #expect(submitted.allSatisfy { agentOfJob[$0.jobId?.lowercased() ?? ""] == $0.agentId?.lowercased() })

            let requests = try await harness.requestCounts()
            #expect(requests["POST /OrchestratorJobs/Custom/Bulk"] == ["200": 1])
            #expect(requests["POST /OrchestratorJobs/Custom"] == nil, "nothing went alone")

            let again = try await harness.run(["apply", "examples/fetch-logs.yaml", "--bulk"])
            #expect(again.status == 0)
            #expect(try await harness.jobs().count == BuiltInFleet.logAgents, "a re-run submits nothing twice")
        }

        @Test func bulkSizeBoundsEachRequest() async throws {
            let harness = try await SimulatorHarness.start()
            let result = try await harness.run(["apply", "examples/fetch-logs.yaml", "--bulk", "--bulk-size", "5"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try await harness.jobs().count == BuiltInFleet.logAgents)
            let requests = try await harness.requestCounts()
            // 21 agents: four requests of 5, and the last job alone (a group of one is a plain request).
            #expect(requests["POST /OrchestratorJobs/Custom/Bulk"] == ["200": 4])
            #expect(requests["POST /OrchestratorJobs/Custom"] == ["200": 1])
        }

        @Test func twoMatrixCombinationsOnTheSameAgentsGetOneJobEachPerAgent() async throws {
            let harness = try await SimulatorHarness.start()
            let manifest = harness.directory.appendingPathComponent("two-depths.yaml")
            try """
            apiVersion: kfjobs/v1
            kind: JobManifest
            metadata: {name: two-depths}
            jobs:
              - name: refresh
                jobType: RefreshInventory
                matrix:
                  depth: ["1", "3"]
                agents:
                  query: 'Status -eq 2 AND ClientMachine -startswith "eu-"'
                fields:
                  Target: /etc/ssl
                  Depth: "${matrix.depth}"
            """.write(to: manifest, atomically: true, encoding: .utf8)
            let result = try await harness.run(["apply", manifest.path, "--bulk", "--bulk-size", "3", "--concurrency", "8"])
            #expect(result.status == 0, "\(result.stderr)")
            let jobs = try await harness.jobs()
            let perAgent = Dictionary(grouping: jobs, by: { ($0["AgentId"] as? String ?? "").lowercased() })
            #expect(perAgent.count == 10)
            for (agent, agentJobs) in perAgent {
                let depths = agentJobs.compactMap { job in
                    (job["JobFields"] as? [[String: Any]])?.first { $0["JobTypeField"] as? String == "Depth" }?["Value"].map { "\($0)" }
                }.sorted()
                #expect(depths == ["1", "3"], "agent \(agent): one job per combination")
            }
            let records = try LedgerReader.read(path: harness.ledger)
            #expect(Set(records.filter { $0.outcome == .submitted }.compactMap { $0.jobId?.lowercased() })
                == Set(jobs.compactMap { ($0["JobId"] as? String)?.lowercased() }))
            let requests = try await harness.requestCounts()
            // Per combination: 10 agents in groups of 3, 3, 3 and the last alone.
            #expect(requests["POST /OrchestratorJobs/Custom/Bulk"] == ["200": 6])
            #expect(requests["POST /OrchestratorJobs/Custom"] == ["200": 2])
        }

        @Test func droppedBulkAnswersAreReconciledPerAgentAndCreateNoDuplicates() async throws {
            let harness = try await SimulatorHarness.start(extraYAML: "faults:\n  dropRate: 0.4\n  seed: 3\n")
            let arguments = ["apply", "examples/fetch-logs.yaml", "--bulk", "--bulk-size", "4", "--concurrency", "3", "--timeout", "4"]
            let first = try await harness.run(arguments)
            #expect(first.status == 0 || first.status == 2, "\(first.stderr)")
            let jobs = try await harness.jobs()
            let perAgent = Dictionary(grouping: jobs, by: { ($0["AgentId"] as? String ?? "").lowercased() })
            #expect(perAgent.values.allSatisfy { $0.count == 1 }, "no agent got the job twice")
            let records = try LedgerReader.read(path: harness.ledger)
            #expect(records.contains { $0.reconciled == true }, "some bulk answers were lost and their agents looked up")
            let requests = try await harness.requestCounts()
            #expect(requests["POST /OrchestratorJobs/Custom/Bulk"]?["drop"] ?? 0 > 0)

            // Whatever the first run left uncertain, a second settles it without a duplicate.
            let again = try await harness.run(arguments)
            #expect(again.status == 0 || again.status == 2, "\(again.stderr)")
            let after = try await harness.jobs()
            #expect(Set(after.compactMap { ($0["AgentId"] as? String)?.lowercased() }).count == after.count)
            if again.status == 0 {
                #expect(after.count == BuiltInFleet.logAgents)
                let state = LedgerState(records: try LedgerReader.read(path: harness.ledger))
                let live = Set(state.entries.compactMap { $0.liveJobId?.lowercased() })
                #expect(live == Set(after.compactMap { ($0["JobId"] as? String)?.lowercased() }), "the ledger's JobIds are the server's")
            }
        }

        @Test(arguments: [4, 8, 12])
        func killNineDuringABulkRunThenResumeKeepsExactlyOneJobPerAgent(killAfter: Int) async throws {
            let harness = try await SimulatorHarness.start(extraYAML: "faults:\n  latency: 150ms\n  seed: 3\n")
            let arguments = ["apply", "examples/fetch-logs.yaml", "--bulk", "--bulk-size", "4", "--concurrency", "2", "--timeout", "6"]
            let run = try RunningKFJobs(arguments + ["--url", harness.simulator.baseURL, "--ledger", harness.ledger])
            // The kill point is chosen by what the server created, never by a timer.
            try await harness.waitUntil("the server holds \(killAfter) jobs") { try await harness.jobs().count >= killAfter }
            run.signal(SIGKILL)
            _ = await run.waitOffPool()
            #expect(run.wasKilled)

            // Re-run until it exits 0, as a retried CI step would: agents whose bulk answer the kill lost
            // are looked up alone, never sent twice.
            var last = try await harness.run(arguments)
            var attempts = 0
            while last.status != 0, attempts < 3 {
                attempts += 1
                last = try await harness.run(arguments)
            }
            #expect(last.status == 0, "\(last.stderr)")
            let jobs = try await harness.jobs()
            let byAgent = Dictionary(grouping: jobs) { ($0["AgentId"] as? String ?? "").lowercased() }
            #expect(jobs.count == BuiltInFleet.logAgents)
            #expect(byAgent.values.allSatisfy { $0.count == 1 }, "an agent has two jobs")
            let state = LedgerState(records: try LedgerReader.read(path: harness.ledger))
            #expect(state.entries.count == BuiltInFleet.logAgents)
            for entry in state.entries {
                let serverJob = byAgent[entry.lastOutcome?.identity.agentId.lowercased() ?? ""]?.first?["JobId"] as? String
                #expect(entry.liveJobId?.lowercased() == serverJob?.lowercased(), "\(entry.key)")
            }
        }
    }
}

extension SimulatorHarness {
    /// Requests the simulator served, by endpoint then outcome (`GET /_simulator/stats`).
    func requestCounts() async throws -> [String: [String: Int]] {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: simulator.rootURL + "/_simulator/stats"), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        guard let object = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any],
              let requests = object["Requests"] as? [String: [String: Int]]
        else { throw HarnessError(message: "unexpected /_simulator/stats shape") }
        return requests
    }
}
