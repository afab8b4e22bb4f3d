import Foundation
import KeyfactorSimulator
import Testing

/// A simulator restored from another's snapshot serves the same jobs, history and logs, and the
/// snapshot never holds a field value.
@Suite struct SnapshotTests {
    @Test func aRestoredSimulatorServesTheSameJobsHistoryAndLogs() async throws {
        let fleet = try TestFleet.fleet()
        var snapshot: SimulatorStoreSnapshot?
        var before: (scheduled: String, history: String, logs: String) = ("", "", "")
        try await Harness.with(fleet) { harness in
            let lifecycle = JobLifecycleTests()
            let logsJob = try await lifecycle.create(harness, TestFleet.euWeb01, "FetchLogs")
            _ = try await lifecycle.create(harness, TestFleet.euWeb02, "RefreshInventory", fields: #"{"Target":"/secret/path-9c1"}"#)
            _ = try await lifecycle.create(
                harness, TestFleet.usApp01, "RefreshInventory", fields: #"{"Target":"/x"}"#, schedule: #"{"Interval":{"Minutes":90}}"#)
            harness.clock.advance(by: 60)
            let history = try await harness.get("/OrchestratorJobs/JobHistory")
            let historyId = try #require(history.array.first { $0["JobId"] as? String == logsJob }?["JobHistoryId"] as? Int)
            before = (
                try await harness.get("/OrchestratorJobs/ScheduledJobs").body, history.body,
                try await harness.get("/OrchestratorJobs/JobStatus/Data?jobHistoryId=\(historyId)").body)
            snapshot = harness.simulator.snapshot()
        }
        let saved = try #require(snapshot)
        let bytes = saved.encoded()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("/secret/path-9c1") && !text.contains("\"/x\""), "no field value in the snapshot")
        #expect(text.contains("\"Target\""))
        let decoded = try SimulatorStoreSnapshot.decode(bytes)
        #expect(decoded == saved)
        #expect(decoded.jobCount == 3)

        let clock = ManualSimulatorClock(now: saved.savedAt)
        let restored = try await KeyfactorSimulator.start(fleet: fleet, options: .init(clock: clock, restoring: decoded))
        let harness = Harness(simulator: restored, clock: clock)
        do {
            #expect(try await harness.get("/OrchestratorJobs/ScheduledJobs").body == before.scheduled)
            #expect(try await harness.get("/OrchestratorJobs/JobHistory").body == before.history)
            let historyId = try #require(try await harness.get("/OrchestratorJobs/JobHistory").array.first?["JobHistoryId"] as? Int)
            #expect(try await harness.get("/OrchestratorJobs/JobStatus/Data?jobHistoryId=\(historyId)").body == before.logs)
            // New runs continue the history ids rather than reuse them.
            _ = try await JobLifecycleTests().create(harness, TestFleet.euWeb01, "FetchLogs")
            clock.advance(by: 60)
            let ids = try await harness.get("/OrchestratorJobs/JobHistory").array.compactMap { $0["JobHistoryId"] as? Int }
            #expect(Set(ids).count == ids.count && ids.count == 3)
            try await restored.shutdown()
        } catch {
            try? await restored.shutdown()
            throw error
        }
    }

    @Test func aSnapshotOfAnotherFleetIsRefused() async throws {
        let other = try TestFleet.fleet(extra: "")
        var renamed = other
        renamed.name = "another"
        let snapshot = SimulatorStoreSnapshot.empty(for: renamed)
        await #expect(throws: SimulatorSnapshotError.self) {
            try await KeyfactorSimulator.start(fleet: other, options: .init(restoring: snapshot))
        }
        #expect(other.identity == (try TestFleet.fleet()).identity, "loading the same fleet again gives the same identity")
        #expect(renamed.identity != other.identity)
    }

    @Test func theClockNeverRunsBackwards() {
        var snapshot = SimulatorStoreSnapshot.empty(for: SimulatorFleet(name: "x"), at: Date(timeIntervalSince1970: 2_000_000_000))
        snapshot.clockOffset = 0
        let wall = Date(timeIntervalSince1970: 1_999_999_000)
        #expect(snapshot.resumedClock(wallNow: wall).offset == 1000)
        snapshot.savedAt = wall.addingTimeInterval(-50)
        snapshot.clockOffset = 5
        #expect(snapshot.resumedClock(wallNow: wall).offset == 5)
    }
}
