import BinaryTestSupport
import Foundation
import KFJobs
import Testing

extension Reliability {
    /// `kfjobs ledger compact` on ledgers the reliability scenarios write (faults, `kill -9`, waves,
    /// replacements, unschedules): every command answers exactly as before it, and a `kill -9` at any
    /// of its steps leaves the old ledger or the new one, never a mix.
    @Suite("reliability: ledger compact keeps every answer (binary)", .serialized)
    struct CompactionTests {
        static let agents = 24

        /// Daily RefreshInventory on every orchestrator; `target` changes the definition (a replacement).
        static func recurringManifest(target: String) -> String {
            """
            apiVersion: kfjobs/v1
            kind: JobManifest
            metadata:
              name: nightly
            jobs:
              - name: refresh
                jobType: RefreshInventory
                agents: {query: 'Status -eq 2', expect: {max: 1000}}
                schedule: {daily: {at: "02:30"}}
                fields:
                  Target: "\(target)"

            """
        }

        /// A ledger with every kind of history, against a simulator with faults: a killed and resumed
        /// FetchLogs run, a matrix applied in waves, recurring jobs scheduled, replaced and two of
        /// them unscheduled, FetchLogs again (all skipped), and last a run killed mid-way, which
        /// leaves intents without outcomes. Returns the manifests, and one that renames the recurring
        /// job (for `--prune`).
        static func scenario(_ harness: SimulatorHarness) async throws -> (manifests: [String], renamed: String) {
            let logs = harness.path("logs.yaml")
            let matrix = harness.path("matrix.yaml")
            let nightly = harness.path("nightly.yaml")
            let late = harness.path("late.yaml")
            let renamed = harness.path("renamed.yaml")
            try logs.writeFile(ReliabilityFleet.fetchLogsManifest)
            try matrix.writeFile(ReliabilityFleet.matrixManifest(depths: [1, 2]))
            try late.writeFile(ReliabilityFleet.matrixManifest(depths: [3]).replacingOccurrences(of: "name: inventory", with: "name: inventory-late"))
            try renamed.writeFile(recurringManifest(target: "inventory-b").replacingOccurrences(of: "name: refresh", with: "name: refresh-renamed"))
            let common = ["--timeout", "2", "--concurrency", "4", "--max-jobs", "1000"]

            try await killAfterSomePosts(harness, ["apply", logs] + common)
            try await untilZero(harness, ["apply", logs] + common)
            try await untilZero(harness, ["apply", matrix, "--wave", "10"] + common)
            try nightly.writeFile(recurringManifest(target: "inventory-a"))
            try await untilZero(harness, ["apply", nightly] + common)
            try nightly.writeFile(recurringManifest(target: "inventory-b"))
            try await untilZero(harness, ["apply", nightly] + common)
            let recurring = try LedgerReader.state(paths: [harness.ledger]).entries.map(\.key).filter { $0.hasPrefix("nightly/") }
            let unschedule = try await harness.run(["unschedule", "--key", recurring[0], "--key", recurring[1]])
            #expect(unschedule.status == 0, "\(unschedule.stderr)")
            try await untilZero(harness, ["apply", logs] + common)
            try await killAfterSomePosts(harness, ["apply", late] + common)
            return ([logs, matrix, nightly, late], renamed)
        }

        /// Starts `apply` and kills it with SIGKILL once the simulator has counted a few more POSTs.
        static func killAfterSomePosts(_ harness: SimulatorHarness, _ arguments: [String]) async throws {
            let endpoint = "POST /OrchestratorJobs/Custom"
            let mark = harness.requestCount(endpoint: endpoint) + 5
            let run = try RunningKFJobs(arguments + ["--url", harness.simulator.baseURL, "--ledger", harness.ledger])
            try await harness.waitUntil("the run to be killed sent jobs", within: 60) {
                harness.requestCount(endpoint: endpoint) >= mark || !run.process.isRunning
            }
            if run.process.isRunning { run.signal(SIGKILL) }
            _ = await run.waitOffPool()
        }

        static func untilZero(_ harness: SimulatorHarness, _ arguments: [String]) async throws {
            var statuses: [Int32] = []
            while statuses.last != 0, statuses.count < 6 {
                let result = try await harness.run(arguments)
                statuses.append(result.status)
                if ![0, 2].contains(result.status) { throw HarnessError(message: "\(arguments) exited \(result.status): \(result.stderr.suffix(2_000))") }
            }
            #expect(statuses.last == 0, "\(arguments): \(statuses)")
        }

        /// What every reading command prints, normalised only where the output holds the time it was made.
        static func answers(_ harness: SimulatorHarness, manifests: [String], renamed: String) async throws -> [String: String] {
            var answers: [String: String] = [:]
            func record(_ name: String, _ result: KFJobsProcess.Result) {
                answers[name] = "exit \(result.status)\n" + normalised(result.stdout) + "\n--- stderr\n" + result.stderr
            }
            for format in ["text", "json", "csv"] {
                record("ledger \(format)", try await KFJobsProcess.runOffPool(["ledger", "--ledger", harness.ledger, "--output", format]))
            }
            for manifest in manifests {
                let name = URL(fileURLWithPath: manifest).lastPathComponent
                for format in ["text", "json"] {
                    record("plan \(name) \(format)", try await harness.run(["plan", manifest, "--output", format, "--max-jobs", "1000"]))
                    record("plan --prune \(name) \(format)", try await harness.run(["plan", manifest, "--prune", "--output", format, "--max-jobs", "1000"]))
                }
            }
            record("plan all json", try await harness.run(["plan"] + manifests + ["--output", "json", "--max-jobs", "1000"]))
            record("plan --prune renamed", try await harness.run(["plan", renamed, "--prune", "--output", "json", "--max-jobs", "1000"]))
            for format in ["text", "json"] { record("status \(format)", try await harness.run(["status", "--output", format])) }
            for run in try LedgerReader.state(paths: [harness.ledger]).runs.map(\.run) {
                record("unschedule --run \(run)", try await harness.run(["unschedule", "--run", run, "--dry-run", "--output", "json"]))
            }
            return answers
        }

        /// Plan JSON carries the time it was made.
        static func normalised(_ text: String) -> String {
            guard text.hasPrefix("{"), var object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return text }
            object["createdAt"] = nil
            guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted]) else { return text }
            return String(decoding: data, as: UTF8.self)
        }

        @Test func everyCommandAnswersAsBeforeTheCompaction() async throws {
            let harness = try await SimulatorHarness.start(
                fleetYAML: ReliabilityFleet.generated(agents: Self.agents, faults: .mixed(seed: 2026_1202, latency: "20ms..40ms")))
            let (manifests, renamed) = try await Self.scenario(harness)
            // Immediate jobs run one second after they were created: let every one finish, so that the
            // server's answers are the same before and after.
            let settled = try await harness.run(["status", "--wait", "--wait-timeout", "2m"])
            #expect([0, 2].contains(settled.status), "\(settled.stderr)")

            let before = try await Self.answers(harness, manifests: manifests, renamed: renamed)
            let original = try Data(contentsOf: URL(fileURLWithPath: harness.ledger))
            let compact = try await KFJobsProcess.runOffPool(["ledger", "compact", "--ledger", harness.ledger, "--output", "json"])
            #expect(compact.status == 0, "\(compact.stderr)")
            let summary = try JSONDecoder().decode(LedgerCompaction.Summary.self, from: Data(compact.stdout.utf8))
            #expect(summary.recordsAfter < summary.recordsBefore, "\(summary)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: harness.ledger)).count < original.count)

            let after = try await Self.answers(harness, manifests: manifests, renamed: renamed)
            #expect(after.keys.sorted() == before.keys.sorted())
            for (name, answer) in before.sorted(by: { $0.key < $1.key }) {
                #expect(after[name] == answer, "\(name) changed:\nbefore:\n\(answer.prefix(3_000))\nafter:\n\((after[name] ?? "").prefix(3_000))")
            }
            // And applying again after it does what applying before it would have done: nothing twice.
            let expected = try await ExactlyOnce.plan(harness, manifests: [manifests[0]], maxJobs: 1000)
            try await Self.untilZero(harness, ["apply", manifests[0], "--timeout", "2", "--max-jobs", "1000"])
            let findings = try await expected.check(harness)
            #expect(findings.duplicates == 0, "\(findings.summary)")
            report(
                "compaction equivalence: \(summary.recordsBefore) -> \(summary.recordsAfter) records, \(summary.bytesBefore) -> \(summary.bytesAfter) bytes, "
                    + "\(summary.runs) runs, \(summary.keys) keys (\(summary.uncertainKeys) uncertain), \(before.count) outputs compared")
        }

        /// `kill -9` at each step of a compaction (`KFJOBS_TEST_KILL_AT`): the ledger is the old one
        /// or the compacted one, byte for byte, and a compaction run afterwards finishes the job.
        @Test(arguments: ["compact-written", "compact-before-rename", "compact-renamed"])
        func killNineDuringACompactionLeavesTheOldLedgerOrTheNew(point: String) async throws {
            let harness = try await SimulatorHarness.start(fleetYAML: ReliabilityFleet.generated(agents: 12, faults: nil))
            // A ledger with history to drop: three rounds of an immediate job whose field changes each time.
            let rounds = harness.path("rounds.yaml")
            for round in 1...3 {
                try rounds.writeFile("""
                    apiVersion: kfjobs/v1
                    kind: JobManifest
                    metadata: {name: rounds}
                    jobs:
                      - name: refresh
                        jobType: RefreshInventory
                        agents: {query: 'Status -eq 2', expect: {max: 1000}}
                        fields: {Target: "round-\(round)"}

                    """)
                try await Self.untilZero(harness, ["apply", rounds, "--max-jobs", "1000"])
            }
            let original = try Data(contentsOf: URL(fileURLWithPath: harness.ledger))
            let copy = harness.path("copy.jsonl")
            try original.write(to: URL(fileURLWithPath: copy))
            let reference = try await KFJobsProcess.runOffPool(["ledger", "compact", "--ledger", copy])
            #expect(reference.status == 0, "\(reference.stderr)")
            let compacted = try Data(contentsOf: URL(fileURLWithPath: copy))
            #expect(compacted != original)

            let killed = try RunningKFJobs(["ledger", "compact", "--ledger", harness.ledger], environment: ["KFJOBS_TEST_KILL_AT": point])
            _ = await killed.waitOffPool()
            #expect(killed.wasKilled, "killed at \(point)")
            let left = try Data(contentsOf: URL(fileURLWithPath: harness.ledger))
            #expect(left == original || left == compacted, "after a kill at \(point) the ledger is the old one or the new one")
            #expect(left == (point == "compact-renamed" ? compacted : original), "at \(point)")

            let again = try await KFJobsProcess.runOffPool(["ledger", "compact", "--ledger", harness.ledger])
            #expect(again.status == 0, "\(again.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: harness.ledger)) == compacted)
            #expect(!FileManager.default.fileExists(atPath: LedgerCompaction.temporaryPath(for: harness.ledger)))
        }
    }
}

extension String {
    fileprivate func writeFile(_ text: String) throws {
        try text.write(toFile: self, atomically: true, encoding: .utf8)
    }
}
