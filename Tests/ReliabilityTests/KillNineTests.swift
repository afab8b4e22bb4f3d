import BinaryTestSupport
import Foundation
import KFJobs
import Testing
import TestSupport

extension Reliability {
    /// `kill -9` of an apply at seeded random instants, then resumed until it exits 0: the server
    /// holds exactly one job per planned key and the ledger names it.
    ///
    /// An instant is an observed event, never a timer: the kill comes once the simulator has counted
    /// `k` requests of the run (planning reads included, so some kills land while planning), `k`
    /// drawn from a seeded generator over the run's expected requests. Some trials inject faults, some
    /// apply a matrix (several keys share an orchestrator and job type), some kill the first resume
    /// as well, and some kill a resubmission (`apply --resubmit TOKEN` after a first complete apply),
    /// which must then end with exactly two jobs per key.
    @Suite("reliability: kill -9 at random instants, then resume (binary)", .serialized)
    struct KillNineTests {
        /// One trial, drawn from the seed.
        struct Trial: CustomTestStringConvertible, Sendable {
            var number: Int
            var matrix: Bool
            var faults: Bool
            /// Where in the run the kill lands, as a share of its expected requests.
            var killAt: Double
            /// Where the first resume is killed too, if it is.
            var resumeKillAt: Double?
            /// The killed run is a resubmission of keys a first apply already created.
            var resubmit: Bool

            var testDescription: String {
                "trial \(number): \(matrix ? "matrix" : "fetch-logs")\(resubmit ? " resubmitted" : ""), faults \(faults ? "on" : "off"), kill at "
                    + String(format: "%.2f", killAt) + (resumeKillAt.map { String(format: ", resume killed at %.2f", $0) } ?? "")
            }
        }

        static let seed: UInt64 = 0x6B66_6A6F_6273_0009

        /// Four trials in the short form, twenty in the long one; the first four are the same in both.
        static var trials: [Trial] {
            var random = SplitMix64(seed: seed)
            return (1...ReliabilityForm.current.pick(short: 4, long: 20)).map { number in
                let killAt = Double.random(in: 0..<1, using: &random)
                let resumeKillAt = Double.random(in: 0..<1, using: &random)
                return Trial(
                    number: number, matrix: number % 2 == 0, faults: number % 4 == 3 || number % 4 == 0, killAt: killAt,
                    resumeKillAt: number % 3 == 0 ? resumeKillAt : nil, resubmit: number % 4 == 2 || number % 4 == 3)
            }
        }

        static let agents = 40
        static let concurrency = 4

        @Test(arguments: trials)
        func killNineThenResumeKeepsExactlyOnce(trial: Trial) async throws {
            let began = Date()
            // Slow enough answers that a run lasts a second or two, so a kill lands inside it.
            var faults = ReliabilityFleet.Faults(latency: "40ms..80ms", seed: Self.seed &+ UInt64(trial.number))
            if trial.faults {
                faults = .mixed(seed: Self.seed &+ UInt64(trial.number), latency: "40ms..80ms")
            }
            let harness = try await SimulatorHarness.start(fleetYAML: ReliabilityFleet.generated(agents: Self.agents, faults: faults))
            let manifest = harness.path("manifest.yaml")
            let text = trial.matrix ? ReliabilityFleet.matrixManifest(depths: [1, 2, 3]) : ReliabilityFleet.fetchLogsManifest
            try text.write(toFile: manifest, atomically: true, encoding: .utf8)
            let expected = try await ExactlyOnce.plan(harness, manifests: [manifest], maxJobs: 1_000)
            // A full run makes the planning reads again, then one request per job (more with faults).
            let planningRequests = harness.requestCount()
            var apply = ["apply", manifest, "--url", harness.simulator.baseURL, "--ledger", harness.ledger,
                         "--timeout", "2", "--concurrency", String(Self.concurrency)]
            let rounds = trial.resubmit ? 2 : 1
            let token = trial.resubmit ? "kill-nine-\(trial.number)" : nil
            if let token {
                // A first complete apply, then the killed run sends every key again.
                var first: [Int32] = []
                while first.last != 0, first.count < 6 {
                    first.append(try await KFJobsProcess.runOffPool(apply).status)
                }
                #expect(first.last == 0, "the first apply never exited 0: \(first)")
                apply += ["--resubmit", token]
            }

            let killed = try await killApply(harness, arguments: apply, at: trial.killAt, expectedRequests: planningRequests + expected.planned.count)
            #expect(killed.wasKilled, "the kill landed inside the run (\(trial.testDescription))")
            let openAfterKill = try Self.openIntents(harness.ledger)

            var runs: [Int32] = []
            if let resumeKillAt = trial.resumeKillAt {
                let left = rounds * expected.planned.count - (try await harness.jobs().count)
                let resumeKilled = try await killApply(harness, arguments: apply, at: resumeKillAt, expectedRequests: planningRequests + max(left, 1))
                runs.append(resumeKilled.wasKilled ? -9 : resumeKilled.result.status)
            }
            while runs.last != 0, runs.count < 6 {
                let result = try await KFJobsProcess.runOffPool(apply)
                runs.append(result.status)
                #expect([0, 2].contains(result.status), "resume \(runs.count): \(result.stderr.suffix(2_000))")
                if ![0, 2].contains(result.status) { break }
            }
            #expect(runs.last == 0, "resumed runs \(runs) never exited 0")

            let findings = try await expected.check(harness, rounds: rounds, token: token)
            #expect(findings.holds, "\(trial.testDescription): \(findings.summary)")
            report(
                "kill -9 \(trial.testDescription): killed after \(killed.requestsSeen) requests of ~\(planningRequests + expected.planned.count), "
                    + "\(openAfterKill) open intents left, resumes \(runs), \(findings.summary), "
                    + "\(String(format: "%.1f", Date().timeIntervalSince(began))) s")
        }

        struct Killed {
            var wasKilled: Bool
            var requestsSeen: Int
            var result: KFJobsProcess.Result
        }

        /// Starts `kfjobs apply` and kills it with SIGKILL once the simulator has counted `share` of
        /// `expectedRequests` more requests (at least one) — unless it ended first.
        ///
        /// The watch runs on a thread of its own and reads the simulator's counts in-process, every
        /// millisecond: when other suites keep the few cooperative threads busy, a watching task would
        /// wake too late and the run would finish before its kill.
        private func killApply(_ harness: SimulatorHarness, arguments: [String], at share: Double, expectedRequests: Int) async throws -> Killed {
            // Leave the last few requests out of the draw: a kill must land before the run can end.
            let span = max(1, expectedRequests - 3 * Self.concurrency)
            let mark = 1 + Int(share * Double(span - 1))
            let baseline = harness.requestCount()
            let run = try RunningKFJobs(arguments)
            let seen = await withCheckedContinuation { (continuation: CheckedContinuation<Int, Never>) in
                Thread {
                    let deadline = Date().addingTimeInterval(120)
                    var seen = harness.requestCount() - baseline
                    while run.process.isRunning, seen < mark, Date() < deadline {
                        usleep(1_000)
                        seen = harness.requestCount() - baseline
                    }
                    // A run that already ended is left alone: its pid may be reaped and reused.
                    if run.process.isRunning { run.signal(SIGKILL) }
                    continuation.resume(returning: seen)
                }.start()
            }
            let result = await run.waitOffPool()
            return Killed(wasKilled: run.wasKilled, requestsSeen: seen, result: result)
        }

        /// Keys whose last intent has no outcome: requests the killed run may or may not have sent
        /// (a torn last line is ignored, as apply cuts it back).
        static func openIntents(_ ledger: String) throws -> Int {
            LedgerState(records: try LedgerReader.read(path: ledger)).entries.filter(\.hasOpenIntent).count
        }
    }
}
