import Foundation
import Testing
@testable import KFJobs

@Suite("Waiting for jobs")
struct StatusWaiterTests {
    private func waiter(_ server: ScriptedStatusServer, timeout: TimeInterval) -> StatusWaiter {
        let clock = server.clock
        return StatusWaiter(
            resolver: StatusResolver(reads: server), settings: .init(timeout: timeout, initialDelay: 1, maxDelay: 8),
            now: { clock.now }, sleep: { server.sleep($0) })
    }

    @Test func waitsWithBackoffUntilEveryJobFinishes() async throws {
        let server = ScriptedStatusServer()
        let start = server.clock.now
        for id in ["a", "b", "c"] { server.schedule(id) }
        server.schedule("recurring", .interval(minutes: 30))
        server.complete("a", at: start.addingTimeInterval(2), historyId: 1, result: 2)
        server.complete("b", at: start.addingTimeInterval(20), historyId: 2, result: 4, message: "disk full")
        server.complete("c", at: start.addingTimeInterval(40), historyId: 3, result: 2)

        let result = try await waiter(server, timeout: 600).wait(for: ["a", "b", "c", "recurring"].map { tracked($0) })

        #expect(!result.timedOut)
        #expect(result.statuses.map(\.state) == [.succeeded, .failed, .succeeded, .scheduled])
        #expect(result.statuses[1].message == "disk full")
        #expect(server.pauses == [1, 2, 4, 8, 8, 8, 8, 8], "doubling up to the ceiling")
        #expect(server.clock.now.timeIntervalSince(start) >= 40)
        // Finished jobs are not asked about again: the last poll asks only for c.
        #expect(ScriptedStatusServer.ids(in: server.queries.last(where: { $0.list == "ScheduledJobs" })?.query ?? "") == ["c"])
    }

    @Test func stopsAtTheTimeoutWithTheJobsStillPending() async throws {
        let server = ScriptedStatusServer()
        let start = server.clock.now
        server.schedule("slow")
        server.schedule("quick")
        server.complete("quick", at: start.addingTimeInterval(1), historyId: 1, result: 2)

        let result = try await waiter(server, timeout: 30).wait(for: [tracked("slow"), tracked("quick")])

        #expect(result.timedOut)
        #expect(result.statuses.map(\.state) == [.scheduled, .succeeded])
        #expect(server.clock.now.timeIntervalSince(start) == 30, "the last pause is cut to the deadline")
        #expect(StatusSummary(result.statuses, timedOut: true).exitCode == 4)
    }

    @Test func nothingToWaitForReturnsAtOnce() async throws {
        let server = ScriptedStatusServer()
        server.schedule("r", .daily(time: Date()))
        let result = try await waiter(server, timeout: 30).wait(for: [tracked("r")])
        #expect(!result.timedOut)
        #expect(result.polls == 1)
        #expect(server.pauses.isEmpty)
    }
}
