import BinaryTestSupport
import Foundation
import KFJobs
import KeyfactorSimulator
import TestSupport
import Testing

extension BinaryTests {
    /// `kfjobs status` against the simulator: states, exit codes, JSON, waiting, logs, JUnit, annotations.
    @Suite("kfjobs status (binary)", .serialized)
    struct StatusCommandTests {
        @Test func aMixedLedgerShowsScheduledSucceededAndFailedWithMessages() async throws {
            let harness = try await SimulatorHarness.start(jobDelay: "0s")
            #expect(try await harness.run(["apply", "examples/fetch-logs.yaml"]).status == 0)
            #expect(try await harness.run(["apply", try harness.recurringManifest()]).status == 0)

            let result = try await harness.run(["status"])

            #expect(result.status == 2, "two orchestrators fail every job")
            #expect(result.stderr.contains("failed: fetch-logs/all-logs@"))
            #expect(result.stderr.contains("on us-app-02: disk full: no space left on /var/tmp"))
            #expect(result.stderr.contains("on ap-app-01: the orchestrator reported a failure"))
            #expect(result.stdout.contains("scheduled (recurring)"))
            #expect(result.stdout.contains("status: "))
            #expect(result.stdout.contains("19 succeeded, 2 failed"))
            #expect(!result.stderr.contains("::error"), "annotations only when asked or on GitHub")
        }

        @Test func jsonValidatesAgainstTheSchemaAndCountsAddUp() async throws {
            let harness = try await SimulatorHarness.start(jobDelay: "0s")
            #expect(try await harness.run(["apply", "examples/fetch-logs.yaml"]).status == 0)
            let result = try await harness.run(["status", "--output", "json"])
            #expect(result.status == 2)
            let document = try JSONDecoder().decode(StatusDocument.self, from: Data(result.stdout.utf8))
            #expect(document.summary.total == BuiltInFleet.logAgents)
            #expect(document.summary.counts == ["succeeded": 19, "failed": 2])
            #expect(document.summary.exitCode == 2)
            #expect(document.jobs.filter { $0.state == .failed }.compactMap(\.clientMachine).sorted() == ["ap-app-01", "us-app-02"])
            #expect(try SchemaConformanceTests.validate([result.stdout.replacingOccurrences(of: "\n", with: " ")], schema: "kfjobs-status.schema.json") == [true])
            let schema = try await KFJobsProcess.runOffPool(["schema", "status"])
            #expect(schema.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == StatusSchema.json.trimmingCharacters(in: .whitespacesAndNewlines))
        }

        @Test func waitFollowsJobsAsTheServersClockMoves() async throws {
            let clock = ManualSimulatorClock()
            let harness = try await SimulatorHarness.start(jobDelay: "30s", clock: clock)
            #expect(try await harness.run(["apply", "examples/fetch-logs.yaml"]).status == 0)
            let polledBefore = harness.scheduledJobsRequests()

            let waiting = Task { try await harness.run(["status", "--wait", "--wait-timeout", "5m", "--output", "json"]) }
            // Only once kfjobs has seen the jobs still scheduled does the server's time move past their start.
            try await harness.waitUntil("kfjobs asked for the scheduled jobs") { harness.scheduledJobsRequests() != polledBefore }
            clock.advance(by: 31)
            let result = try await waiting.value

            #expect(result.stderr.contains("waiting for \(BuiltInFleet.logAgents) of \(BuiltInFleet.logAgents) jobs: \(BuiltInFleet.logAgents) scheduled"), "\(result.stderr)")
            let document = try JSONDecoder().decode(StatusDocument.self, from: Data(result.stdout.utf8))
            #expect(!document.summary.timedOut)
            #expect(document.summary.counts == ["succeeded": 19, "failed": 2])
            #expect(result.status == 2)
        }

        @Test func waitTimesOutWithExitFourWhenJobsNeverRun() async throws {
            // A manual clock that nobody moves: the jobs stay scheduled for good.
            let harness = try await SimulatorHarness.start(jobDelay: "2s", clock: ManualSimulatorClock())
            #expect(try await harness.run(["apply", "examples/fetch-logs.yaml"]).status == 0)
            let junit = harness.path("status.xml")
            let result = try await harness.run(["status", "--wait", "--wait-timeout", "2s", "--junit", junit])
            #expect(result.status == 4, "\(result.stderr)")
            #expect(result.stderr.contains("timed out after 2s: \(BuiltInFleet.logAgents) jobs have not finished"))
            let xml = try String(contentsOfFile: junit, encoding: .utf8)
            #expect(xml.contains("tests=\"\(BuiltInFleet.logAgents)\" failures=\"0\" errors=\"0\" skipped=\"\(BuiltInFleet.logAgents)\""))
        }

        @Test func fetchLogsSavesOneFilePerOrchestratorAndJUnitValidates() async throws {
            let harness = try await SimulatorHarness.start(jobDelay: "0s")
            #expect(try await harness.run(["apply", "examples/fetch-logs.yaml"]).status == 0)
            let logs = harness.path("logs")
            let junit = harness.path("junit.xml")
            let result = try await harness.run(["status", "--fetch-logs", logs, "--junit", junit, "--github-annotations"])
            #expect(result.status == 2)
            let files = try FileManager.default.contentsOfDirectory(atPath: logs).sorted()
            #expect(files.count == BuiltInFleet.logAgents)
            #expect(files.contains("eu-web-01.log"))
            let failing = try String(contentsOfFile: logs + "/us-app-02.log", encoding: .utf8)
            #expect(failing.contains("ERROR Keyfactor.Orchestrators.JobExecutor disk full: no space left on /var/tmp"))
            let xml = try String(contentsOfFile: junit, encoding: .utf8)
            #expect(xml.contains("tests=\"\(BuiltInFleet.logAgents)\" failures=\"2\""))
            #expect(xml.contains("classname=\"fetch-logs/all-logs\""))
            #expect(try JUnitSchema.validate(xml) == "valid")
            let annotations = result.stderr.split(separator: "\n").filter { $0.hasPrefix("::error title=kfjobs failed::failed: fetch-logs/all-logs@") }
            #expect(annotations.count == 2)
        }

        @Test func shardLedgersAreReadTogether() async throws {
            let harness = try await SimulatorHarness.start(jobDelay: "0s")
            let first = harness.path("shard1.jsonl")
            let second = harness.path("shard2.jsonl")
            #expect(try await harness.runNoLedger(["apply", "examples/fetch-logs.yaml", "--shard", "1/2", "--ledger", first]).status == 0)
            #expect(try await harness.runNoLedger(["apply", "examples/fetch-logs.yaml", "--shard", "2/2", "--ledger", second]).status == 0)
            let result = try await harness.runNoLedger(["status", "--ledger", first, "--ledger", second, "--output", "json"])
            let document = try JSONDecoder().decode(StatusDocument.self, from: Data(result.stdout.utf8))
            #expect(document.summary.total == BuiltInFleet.logAgents)
        }

        @Test func aMissingLedgerIsExitOneAndAnUnreachableServerExitThree() async throws {
            let harness = try await SimulatorHarness.start(jobDelay: "0s")
            let missing = try await harness.run(["status"])
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("no such ledger"))
            #expect(try await harness.run(["apply", "examples/fetch-logs.yaml"]).status == 0)
            let url = harness.simulator.baseURL
            try await harness.simulator.shutdown()
            let unreachable = try await KFJobsProcess.runOffPool(["status", "--url", url, "--ledger", harness.ledger])
            #expect(unreachable.status == 3, "\(unreachable.stderr)")
            try? FileManager.default.removeItem(at: harness.directory)
        }
    }
}

/// Validates JUnit XML against the test fixtures' XSD with python's xmlschema.
enum JUnitSchema {
    static let xsd = KFJobsProcess.packageRoot.appendingPathComponent("Tests/KFJobsTests/Fixtures/junit/junit.xsd")

    static func validate(_ xml: String) throws -> String {
        let script = """
        import sys, xmlschema
        try:
            xmlschema.XMLSchema(sys.argv[1]).validate(sys.stdin.read())
            print("valid")
        except Exception as error:
            print("invalid: " + str(error).splitlines()[0])
        """
        return try PythonCheck.run(script, arguments: [xsd.path], input: xml)
    }
}
