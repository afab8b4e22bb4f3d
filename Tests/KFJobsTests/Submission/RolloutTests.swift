import Foundation
import KeyfactorWire
import NIOConcurrencyHelpers
import Testing
import TestSupport
@testable import KFJobs

/// Waves over an injected transport and a scripted status server: how items are split, when a
/// wave is waited for, and where the failure budget stops the rollout.
@Suite("Rollout")
final class RolloutTests: Sendable {
    let scratch = ScratchDirectory("kfjobs-rollout")

    /// The JobId the scripted submission server gives the job of item `index`.
    static func jobId(_ index: Int) -> String {
        "job-" + String(format: "%06d", index) + "-\(index)"
    }

    private func run(_ rollout: Rollout, items: Int, status: ScriptedStatusServer) async throws -> (Rollout.Result, [Rollout.Event], ScriptedSubmissionServer) {
        let submissions = ScriptedSubmissionServer(ledgerPath: try scratch.path("ledger-\(UUID().uuidString).jsonl")) { request, _ in
            SubmissionEngineTests.created(request)
        }
        let opened = try LedgerFile.open(path: submissions.ledgerPath, holder: "test")
        defer { opened.file.close() }
        let events = NIOLockedValueBox<[Rollout.Event]>([])
        let result = await rollout.run(
            SubmissionEngineTests.items(items), server: "simulator", runId: "r1", resolver: StatusResolver(reads: status), recordedJobIds: [],
            makeEngine: { batch, recorded in
                SubmissionEngine(
                    items: batch, ledger: opened.file, run: "r1", server: "simulator", settings: SubmissionSettings(concurrency: 4),
                    transport: submissions.transport, recordedJobIds: recorded)
            },
            stopRequested: { false }, onEvent: { event in events.withLockedValue { $0.append(event) } })
        return (result, events.withLockedValue { $0 }, submissions)
    }

    @Test func withoutAWaveSizeEverythingIsOneWaveThatIsNotWaitedFor() async throws {
        let status = ScriptedStatusServer()
        let (result, events, submissions) = try await run(Rollout(waveSize: nil), items: 10, status: status)
        #expect(result.report.counts == [.submitted: 10])
        #expect(result.stop == nil)
        #expect(result.states.isEmpty)
        #expect(status.queries.isEmpty, "nothing is looked up without waves")
        #expect(submissions.seen.withLockedValue { $0.requests.count } == 10)
        let started = events.compactMap { if case .waveStarted(_, let waves, let jobs, _) = $0 { (waves, jobs) } else { nil } }
        #expect(started.count == 1 && started[0] == (1, 10))
    }

    @Test func aFailureOverTheBudgetStopsAfterItsWaveAndLeavesTheRestUnstarted() async throws {
        let status = ScriptedStatusServer()
        for index in 0..<10 {
            status.addHistory(Self.jobId(index), historyId: Int64(index + 1), status: 4, result: index == 5 ? 4 : 2, message: index == 5 ? "agent offline" : "")
        }
        let rollout = Rollout(waveSize: .count(4), maxFailures: .count(0), now: { status.clock.now }, sleep: { status.sleep($0) })
        let (result, events, submissions) = try await run(rollout, items: 10, status: status)

        // Waves of 4, 4 and 2: the second holds the failure, so the third never starts.
        #expect(submissions.seen.withLockedValue { $0.requests.count } == 8)
        #expect(result.report.counts == [.submitted: 8])
        #expect(result.report.notStarted == 2)
        #expect(result.states.count == 8)
        #expect(result.states.values.filter { $0.state == .failed }.map(\.message) == ["agent offline"])
        guard case .tooManyFailures(let wave, let failed, let budget)? = result.stop else {
            Issue.record("expected a stop for too many failures, got \(String(describing: result.stop))")
            return
        }
        #expect((wave, failed, budget) == (1, 1, 0))
        let done = events.compactMap { if case .waveDone(let index, _, _, _, _) = $0 { index } else { nil } }
        #expect(done == [0])
        #expect(status.pauses.isEmpty, "every job had finished at the first look")
    }

    @Test func aPercentageBudgetGrowsWithTheJobsSent() async throws {
        let status = ScriptedStatusServer()
        for index in 0..<10 {
            status.addHistory(Self.jobId(index), historyId: Int64(index + 1), status: 4, result: index == 1 ? 4 : 2)
        }
        // 10% of 5 sent rounds up to 1 allowed failure: the one failure is within the budget.
        let rollout = Rollout(waveSize: .count(5), maxFailures: .percent(10), now: { status.clock.now }, sleep: { status.sleep($0) })
        let (result, events, _) = try await run(rollout, items: 10, status: status)
        #expect(result.stop == nil)
        #expect(result.report.counts == [.submitted: 10])
        let budgets = events.compactMap { if case .waveDone(_, _, _, let failed, let budget) = $0 { (failed, budget) } else { nil } }
        #expect(budgets.count == 2 && budgets[0] == (1, 1) && budgets[1] == (1, 1))
    }
}
