import BinaryTestSupport
import Foundation
import KFJobs
import KeyfactorSimulator
import Testing

extension Reliability {
    /// The ledger's file system fills up: the command stops with exit 3 and says "No space left on
    /// device"; once space is freed, running it again repairs what was torn, reconciles what was left
    /// uncertain and ends as if nothing had happened. On a small tmpfs, where one can be mounted.
    @Suite(
        "reliability: a full disk (binary, tmpfs)", .serialized,
        .enabled(if: FullDisk.unavailable == nil, Comment(rawValue: FullDisk.unavailable ?? "")))
    struct FullDiskTests {
        @Test func applyStopsOnAFullDiskAndARunAfterFreeingSpaceEndsWithOneJobPerKey() async throws {
            let agents = 60
            let harness = try await SimulatorHarness.start(
                fleetYAML: ReliabilityFleet.generated(agents: agents, faults: ReliabilityFleet.Faults(latency: "2ms..6ms", seed: 17)))
            let disk = try FullDisk(kilobytes: 256)
            defer { disk.unmount() }
            let manifest = harness.path("logs.yaml")
            try ReliabilityFleet.fetchLogsManifest.write(toFile: manifest, atomically: true, encoding: .utf8)
            let expected = try await ExactlyOnce.plan(harness, manifests: [manifest], maxJobs: agents)
            let ledger = disk.path("kfjobs-ledger.jsonl")
            // Room for the run record and a fraction of the jobs' records (about 1 kB a job).
            try disk.fill(leaving: 12 * 1024)
            let apply = ["apply", manifest, "--url", harness.simulator.baseURL, "--ledger", ledger, "--concurrency", "4", "--max-jobs", "1000"]

            let full = try await KFJobsProcess.runOffPool(apply)
            #expect(full.status == 3, "\(full.stderr.suffix(2_000))")
            #expect(full.stderr.contains("No space left on device"), "\(full.stderr.suffix(2_000))")
            let sentBeforeFull = try await harness.jobs().count
            #expect(sentBeforeFull < agents, "it stopped before the end")
            let endedTorn = try Data(contentsOf: URL(fileURLWithPath: ledger)).last != UInt8(ascii: "\n")

            try disk.release()
            var runs: [Int32] = []
            var stderr = ""
            while runs.last != 0, runs.count < 4 {
                let result = try await KFJobsProcess.runOffPool(apply)
                runs.append(result.status)
                stderr += result.stderr
                #expect([0, 2].contains(result.status), "\(result.stderr.suffix(2_000))")
                if ![0, 2].contains(result.status) { break }
            }
            #expect(runs.last == 0, "\(runs)")
            if endedTorn { #expect(stderr.contains("removed a torn last line"), "\(stderr.suffix(2_000))") }
            let findings = try await Self.check(expected, harness, ledger: ledger)
            #expect(findings.holds, "\(findings.summary)")
            report("full disk, apply: \(sentBeforeFull) of \(agents) jobs sent before the disk was full (ledger torn: \(endedTorn)), resumed \(runs), \(findings.summary)")
        }

        /// `ExactlyOnce.check` against a ledger outside the harness's folder.
        static func check(_ expected: ExactlyOnce, _ harness: SimulatorHarness, ledger: String) async throws -> ExactlyOnce.Findings {
            try? FileManager.default.removeItem(atPath: harness.ledger)
            try FileManager.default.copyItem(atPath: ledger, toPath: harness.ledger)
            return try await expected.check(harness)
        }

        @Test func compactStopsOnAFullDiskLeavingTheLedgerAndFinishesOnceSpaceIsFreed() async throws {
            let disk = try FullDisk(kilobytes: 512)
            defer { disk.unmount() }
            let ledger = disk.path("kfjobs-ledger.jsonl")
            try Self.history(runs: 40, keys: 10).write(toFile: ledger, atomically: false, encoding: .utf8)
            let original = try Data(contentsOf: URL(fileURLWithPath: ledger))
            let dry = try await KFJobsProcess.runOffPool(["ledger", "compact", "--ledger", ledger, "--dry-run", "--output", "json"])
            let planned = try JSONDecoder().decode(LedgerCompaction.Summary.self, from: Data(dry.stdout.utf8))
            // Less room than the compacted ledger needs.
            try disk.fill(leaving: planned.bytesAfter / 2)

            let full = try await KFJobsProcess.runOffPool(["ledger", "compact", "--ledger", ledger])
            #expect(full.status == 3, "\(full.stderr)")
            #expect(full.stderr.contains("No space left on device"), "\(full.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: ledger)) == original, "the ledger is left as it was")
            #expect(!FileManager.default.fileExists(atPath: LedgerCompaction.temporaryPath(for: ledger)), "no half-written file is left")

            try disk.release()
            let freed = try await KFJobsProcess.runOffPool(["ledger", "compact", "--ledger", ledger, "--output", "json"])
            #expect(freed.status == 0, "\(freed.stderr)")
            let summary = try JSONDecoder().decode(LedgerCompaction.Summary.self, from: Data(freed.stdout.utf8))
            #expect(summary.bytesAfter == planned.bytesAfter && summary.recordsAfter == planned.recordsAfter)
            let before = try LedgerReader.read(path: ledger).count
            #expect(before == summary.recordsAfter)
        }

        /// `--simulate` keeps the sandbox's state in a file beside the ledger. Apply sets room aside for
        /// it before it creates any job: with too little, it stops at once (exit 3, nothing created);
        /// with room for the state but not the ledger, the sandbox still keeps what was created. Either
        /// way a run after freeing space ends with one job per key in the sandbox and the ledger.
        @Test(arguments: ["no room for the state", "no room for the ledger"])
        func theSandboxOnAFullDiskNeverLosesOrDoublesAJob(case name: String) async throws {
            let disk = try FullDisk(kilobytes: 512)
            defer { disk.unmount() }
            let ledger = disk.path("kfjobs-ledger.jsonl")
            let state = ledger + ".simulator.json"
            let manifest = KFJobsProcess.packageRoot.appendingPathComponent("examples/fetch-logs.yaml").path
            let jobs = 21  // the built-in fleet's approved LOGS orchestrators
            // What apply sets aside for the state (SimulatorStateFile.reserve), in whole pages as tmpfs counts.
            let reservation = (jobs * 2_048 + 64 * 1024 + 4_095) / 4_096 * 4_096
            // Then, room for the records of about half the jobs (about 1 kB each).
            try disk.fill(leaving: name == "no room for the state" ? reservation / 2 : reservation + 12 * 1024)
            // Few requests in flight, so that intents are not all written ahead of the first request.
            let apply = ["apply", manifest, "--simulate", "--ledger", ledger, "--concurrency", "2"]

            let full = try await KFJobsProcess.runOffPool(apply)
            #expect(full.status == 3, "\(full.stderr)")
            #expect(full.stderr.contains("No space left on device"), "\(full.stderr)")
            let keptBefore = FileManager.default.fileExists(atPath: state)
                ? try SimulatorStoreSnapshot.decode(Array(try Data(contentsOf: URL(fileURLWithPath: state)))).jobCount : 0
            if name == "no room for the state" {
                #expect(keptBefore == 0, "nothing was created")
                #expect(try LedgerReader.state(paths: [ledger]).entries.isEmpty, "nothing was sent")
            } else {
                #expect(keptBefore > 0 && keptBefore < jobs, "some jobs were created, and the sandbox kept them: \(keptBefore)")
            }
            #expect(!FileManager.default.fileExists(atPath: state + ".tmp"), "no reservation is left taking the space")

            try disk.release()
            var runs: [Int32] = []
            while runs.last != 0, runs.count < 4 {
                let result = try await KFJobsProcess.runOffPool(apply)
                runs.append(result.status)
                #expect([0, 2].contains(result.status), "\(result.stderr)")
                if ![0, 2].contains(result.status) { break }
            }
            #expect(runs.last == 0, "\(runs)")
            let snapshot = try SimulatorStoreSnapshot.decode(Array(try Data(contentsOf: URL(fileURLWithPath: state))))
            #expect(snapshot.jobCount == jobs, "one job per key in the sandbox")
            let rows = try LedgerReader.state(paths: [ledger]).entries
            #expect(rows.count == jobs && rows.allSatisfy { $0.lastOutcome?.kind == .submitted })
            #expect(Set(rows.compactMap(\.liveJobId)).count == jobs)
            // Every JobId the ledger holds is one the sandbox knows.
            let status = try await KFJobsProcess.runOffPool(["status", "--simulate", "--ledger", ledger, "--output", "json"])
            #expect(!status.stdout.contains("\"unknown\""), "\(status.stdout.prefix(2_000))")
            report("full disk, sandbox (\(name)): \(keptBefore) jobs kept when the disk was full, resumed \(runs), \(snapshot.jobCount) jobs for \(jobs) keys")
        }

        /// A ledger of `runs` runs that each sent an immediate job to `keys` orchestrators, as apply writes one.
        static func history(runs: Int, keys: Int) throws -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var text = ""
            for run in 0..<runs {
                let at = Date(timeIntervalSince1970: 1_796_000_000 + Double(run) * 86_400)
                var runRecord = LedgerRecord(type: .run, at: at, run: "run-\(run)", server: "simulator")
                runRecord.version = "0.1.0"
                runRecord.arguments = ["apply", "logs.yaml"]
                runRecord.inputs = []
                text += String(decoding: try encoder.encode(runRecord), as: UTF8.self) + "\n"
                for key in 0..<keys {
                    let agent = String(format: "0b6c5c2e-3f7a-4d3e-9a53-%012x", key)
                    let identity = JobIdentity(
                        key: "logs/all@\(agent)", fingerprint: "f", manifest: "logs", job: "all", agentId: agent, clientMachine: "node-\(key)",
                        jobTypeName: "FetchLogs")
                    text += String(decoding: try encoder.encode(LedgerRecord(intent: identity, at: at, run: "run-\(run)", server: "simulator")), as: UTF8.self) + "\n"
                    var outcome = JobOutcome(.submitted, identity, at: at, attempts: 1, durationMs: 3, jobId: UUID().uuidString)
                    outcome.orchestratorId = agent
                    text += String(decoding: try encoder.encode(LedgerRecord(outcome: outcome, run: "run-\(run)", server: "simulator")), as: UTF8.self) + "\n"
                }
            }
            return text
        }
    }
}
