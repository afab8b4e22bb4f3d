import Foundation
@testable import KFJobs
import KeyfactorWire
import Testing

/// Choosing what `unschedule` removes from the ledger, and which of it the server still schedules.
@Suite("Unscheduler")
struct UnschedulerTests {
    static func identity(_ key: String) -> JobIdentity {
        JobIdentity(key: key, fingerprint: "f", manifest: "m", job: "j", agentId: "a-\(key)", clientMachine: "m-\(key)", jobTypeName: "T")
    }

    /// Two runs: r1 submitted k1 and k2, r2 submitted k3; k2 was later rejected (not live any more).
    static let state: LedgerState = {
        var records: [LedgerRecord] = []
        for (run, key, kind, jobId) in [("r1", "k1", JobOutcome.Kind.submitted, "J1"), ("r1", "k2", .submitted, "J2"), ("r2", "k3", .submitted, "J3"), ("r2", "k2", .rejected, nil)] {
            if !records.contains(where: { $0.type == .run && $0.run == run }) {
                records.append(LedgerRecord(type: .run, at: Date(timeIntervalSince1970: 1_799_000_000), run: run, server: "s"))
            }
            var outcome = JobOutcome(kind, identity(key), at: Date(timeIntervalSince1970: 1_800_000_000), attempts: 1, durationMs: 1)
            outcome.jobId = jobId
            records.append(LedgerRecord(outcome: outcome, run: run, server: "s"))
        }
        return LedgerState(records: records)
    }()

    @Test func aRunSelectsItsLiveJobsOnThisServer() throws {
        let chosen = try Unscheduler(server: "s").select(.run("r1"), from: Self.state)
        #expect(chosen.map(\.key) == ["k1"])
        #expect(try Unscheduler(server: "other").select(.run("r1"), from: Self.state).isEmpty)
    }

    @Test func unknownRunsAndKeysWithoutALiveJobAreProblems() {
        #expect(throws: Unscheduler.SelectionProblem.noSuchRun("r9")) {
            try Unscheduler(server: "s").select(.run("r9"), from: Self.state)
        }
        #expect(throws: Unscheduler.SelectionProblem.noLiveJob(key: "k2")) {
            try Unscheduler(server: "s").select(.keys(["k3", "k2"]), from: Self.state)
        }
    }

    @Test func whatRanAlreadyIsLeftAlone() async throws {
        let server = ScriptedStatusServer()
        server.schedule("J3")
        let chosen = try Unscheduler(server: "s").select(.keys(["k1", "k3"]), from: Self.state)
        let found = try await Unscheduler(server: "s").find(chosen, reads: server)
        #expect(found.removable.map(\.jobId) == ["J3"])
        #expect(found.gone.map(\.jobId) == ["J1"])
        #expect(server.queries.map(\.list) == ["ScheduledJobs"], "one batched query")
    }
}
