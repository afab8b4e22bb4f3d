import BinaryTestSupport
import Foundation
import KeyfactorSimulator
import TestSupport
import Testing

extension BinaryTests {
    /// `--simulate` as a sandbox that remembers: the embedded simulator's state beside the ledger, so
    /// that apply, status, unschedule and a second apply follow the same jobs, as against one server.
    @Suite("--simulate keeps the simulator's state (binary)", .serialized)
    struct SandboxTests {
        let scratch = ScratchDirectory("kfjobs-sandbox")

        /// A folder with the examples' FetchLogs manifest and a recurring one, as a newcomer's checkout.
        func workspace() throws -> URL {
            let root = URL(fileURLWithPath: try scratch.path("repo"))
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: KFJobsProcess.packageRoot.appendingPathComponent("examples/fetch-logs.yaml"), to: root.appendingPathComponent("fetch-logs.yaml"))
            try Self.refreshManifest.write(to: root.appendingPathComponent("refresh.yaml"), atomically: true, encoding: .utf8)
            return root
        }

        /// Recurring jobs with a field value that must never reach the state file.
        static let secretLikeValue = "only-in-the-manifest-7f3a"
        static let refreshManifest = """
            apiVersion: kfjobs/v1
            kind: JobManifest
            metadata:
              name: nightly-refresh
            jobs:
              - name: refresh
                jobType: RefreshInventory
                agents: {query: 'Status -eq 2 AND ClientMachine -startswith "eu-"', lastSeenWithin: 1d}
                schedule: {daily: {at: "02:30"}}
                fields:
                  Target: \(secretLikeValue)

            """

        static let statePath = "kfjobs-ledger.jsonl.simulator.json"

        func run(_ arguments: [String], in root: URL, environment: [String: String] = [:]) async throws -> KFJobsProcess.Result {
            try await KFJobsProcess.runOffPool(arguments, environment: environment, in: root)
        }

        @Test func applyThenStatusThenASecondApplyFollowTheSameJobs() async throws {
            let root = try workspace()
            let apply = try await run(["apply", "fetch-logs.yaml", "--simulate"], in: root)
            #expect(apply.status == 0, "\(apply.stderr)")
            #expect(apply.stdout.contains("applied: 21 submitted"), "\(apply.stdout)")

            let state = root.appendingPathComponent(Self.statePath)
            let attributes = try FileManager.default.attributesOfItem(atPath: state.path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let snapshot = try SimulatorStoreSnapshot.decode(Array(try Data(contentsOf: state)))
            #expect(snapshot.jobCount == 21)

            // The two failing orchestrators of the default fleet make status exit 2; every job is found.
            let status = try await run(["status", "--simulate", "--wait", "--wait-timeout", "2m", "--fetch-logs", "logs"], in: root)
            #expect(status.status == 2, "\(status.stderr)")
            #expect(status.stdout.contains("19 succeeded"), "\(status.stdout)")
            #expect(!status.stdout.contains("unknown"), "\(status.stdout)")
            let logs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("logs").path)
            #expect(logs.count == 21)
            #expect(logs.contains("eu-web-01.log"))

            let again = try await run(["apply", "fetch-logs.yaml", "--simulate"], in: root)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stdout.contains("applied: nothing to do; 21 already in the ledger"), "\(again.stdout)")

            // --fresh forgets: a new simulator knows none of the ledger's jobs.
            let fresh = try await run(["status", "--simulate", "--fresh"], in: root)
            #expect(fresh.status == 2)
            #expect(fresh.stdout.contains("21 unknown"), "\(fresh.stdout)")
        }

        @Test func unscheduleThenApplyAgainAsAgainstOneServer() async throws {
            let root = try workspace()
            let apply = try await run(["apply", "refresh.yaml", "--simulate", "--output", "json"], in: root)
            #expect(apply.status == 0, "\(apply.stderr)")
            let runId = try #require((try JSONSerialization.jsonObject(with: Data(apply.stdout.utf8)) as? [String: Any])?["run"] as? String)

            let text = try String(contentsOf: root.appendingPathComponent(Self.statePath), encoding: .utf8)
            #expect(text.contains("\"Target\""), "the field's name is kept")
            #expect(!text.contains(Self.secretLikeValue), "no field value is ever written to the state")

            let status = try await run(["status", "--simulate"], in: root)
            #expect(status.status == 0, "\(status.stdout)\(status.stderr)")
            #expect(status.stdout.contains("scheduled (recurring)"))

            let removed = try await run(["unschedule", "--run", runId, "--simulate"], in: root)
            #expect(removed.status == 0, "\(removed.stderr)")
            #expect(removed.stdout.contains("unscheduled 9 jobs; 0 were no longer scheduled"), "\(removed.stdout)")

            // The server no longer has them, and the ledger says so: a second apply schedules them anew.
            let again = try await run(["apply", "refresh.yaml", "--simulate"], in: root)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stdout.contains("applied: 9 submitted"), "\(again.stdout)")
            let snapshot = try SimulatorStoreSnapshot.decode(Array(try Data(contentsOf: root.appendingPathComponent(Self.statePath))))
            #expect(snapshot.jobCount == 18)
        }

        @Test func anotherFleetIsRefusedNamingFresh() async throws {
            let root = try workspace()
            #expect(try await run(["apply", "fetch-logs.yaml", "--simulate"], in: root).status == 0)
            let fleet = root.appendingPathComponent("small-fleet.yaml")
            try """
                apiVersion: kfjobs/v1
                kind: SimulatorFleet
                metadata: {name: small}
                agents:
                  - {clientMachine: lab-01, status: approved, capabilities: [LOGS]}

                """.write(to: fleet, atomically: true, encoding: .utf8)
            let refused = try await run(["status", "--fleet", "small-fleet.yaml"], in: root)
            #expect(refused.status == 64)
            #expect(refused.stderr.contains("was made with fleet 'default', not with this fleet 'small'"), "\(refused.stderr)")
            #expect(refused.stderr.contains("--fresh"))
            let fresh = try await run(["plan", "fetch-logs.yaml", "--fleet", "small-fleet.yaml", "--fresh"], in: root)
            #expect(fresh.status == 0, "\(fresh.stderr)")
            #expect(fresh.stdout.contains("1 to submit"), "\(fresh.stdout)")
        }

        @Test(arguments: [
            ("not json at all", "is not a simulator state file (not a JSON object)"),
            (#"{"servers": {}}"#, "is not a simulator state file (its format is not kfjobs-simulator-state)"),
            (#"{"format": "kfjobs-simulator-state", "version": 1, "jobs": []}"#, "is a damaged simulator state file (fleet is missing)"),
        ])
        func aCorruptOrForeignStateFileIsAClearError(content: String, message: String) async throws {
            let root = try workspace()
            try content.write(to: root.appendingPathComponent(Self.statePath), atomically: true, encoding: .utf8)
            let result = try await run(["plan", "fetch-logs.yaml", "--simulate"], in: root)
            #expect(result.status == 3)
            #expect(result.stderr.contains(Self.statePath + " " + message), "\(result.stderr)")
            #expect(result.stderr.contains("--fresh"))
        }

        /// `kill -9` after the new state is written and fsync'ed but before it replaces the old one:
        /// the old state stays whole (the last run's jobs are what is missing), and the next command
        /// works from it.
        @Test func killNineBeforeTheRenameLeavesTheOldStateWhole() async throws {
            let root = try workspace()
            #expect(try await run(["apply", "fetch-logs.yaml", "--simulate"], in: root).status == 0)
            let state = root.appendingPathComponent(Self.statePath)
            let before = try Data(contentsOf: state)

            let killed = try RunningKFJobs(
                ["apply", "refresh.yaml", "--simulate"], environment: ["KFJOBS_TEST_KILL_AT": "simulator-state-before-rename"], in: root)
            _ = await killed.waitOffPool()
            #expect(killed.wasKilled)
            #expect(try Data(contentsOf: state) == before, "the state file is the one before the killed run")
            #expect(try SimulatorStoreSnapshot.decode(Array(before)).jobCount == 21)

            // The killed run's jobs are missing from the simulator; status says so and goes on.
            let status = try await run(["status", "--simulate"], in: root)
            #expect(status.status == 2)
            #expect(status.stdout.contains("9 unknown"), "\(status.stdout)")
            let after = try SimulatorStoreSnapshot.decode(Array(try Data(contentsOf: state)))
            #expect(after.jobCount == 21)
        }

        /// `kill -9` in the middle of an apply's submissions: the state file is never torn (here there
        /// was none yet, so there is still none), the resumed apply works, and the only jobs the
        /// simulator lacks are those the killed run submitted: status finds exactly those unknown.
        @Test func killNineMidApplyLosesAtMostThatRunsJobs() async throws {
            let root = try workspace()
            try """
                apiVersion: kfjobs/v1
                kind: SimulatorFleet
                metadata: {name: slow}
                jobs: {delay: 0s}
                faults: {latency: 20ms..40ms, seed: 9}
                generate:
                  - {count: 40, name: "node-{index:02}", status: approved, capabilities: [LOGS]}

                """.write(to: root.appendingPathComponent("slow.yaml"), atomically: true, encoding: .utf8)
            let ledger = root.appendingPathComponent("kfjobs-ledger.jsonl").path
            let killed = try RunningKFJobs(["apply", "fetch-logs.yaml", "--fleet", "slow.yaml", "--concurrency", "2"], in: root)
            // The instant is an observed event: the fifth outcome line in the ledger.
            let deadline = Date().addingTimeInterval(120)
            while killed.process.isRunning, Date() < deadline,
                  ((try? String(contentsOfFile: ledger, encoding: .utf8)) ?? "").components(separatedBy: #""type":"outcome""#).count <= 5 {
                usleep(1_000)
            }
            killed.signal(SIGKILL)
            _ = await killed.waitOffPool()
            #expect(killed.wasKilled)
            let state = root.appendingPathComponent(Self.statePath)
            #expect(!FileManager.default.fileExists(atPath: state.path), "the killed run saved nothing, and left nothing torn")

            let records = try String(contentsOfFile: ledger, encoding: .utf8).split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            let killedRun = try #require(records.first?["run"] as? String)
            let lost = Set(records.filter { $0["run"] as? String == killedRun && $0["outcome"] as? String == "submitted" }.compactMap { $0["key"] as? String })
            #expect(!lost.isEmpty && lost.count < 40)

            let resumed = try await run(["apply", "fetch-logs.yaml", "--fleet", "slow.yaml", "--timeout", "1"], in: root)
            #expect(resumed.status == 0, "\(resumed.stderr)")
            let snapshot = try SimulatorStoreSnapshot.decode(Array(try Data(contentsOf: state)))
            #expect(snapshot.jobCount == 40 - lost.count)
            let status = try await run(["status", "--fleet", "slow.yaml", "--output", "json"], in: root)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
            let unknown = (document["jobs"] as? [[String: Any]] ?? []).filter { $0["state"] as? String == "unknown" }.compactMap { $0["key"] as? String }
            #expect(Set(unknown) == lost)
        }
    }
}
