import Foundation
import KeyfactorWire
import Testing
@testable import KFJobs

@Suite("Status resolution")
struct StatusResolverTests {
    @Test func aMixedLedgerGetsEveryState() async throws {
        let server = ScriptedStatusServer()
        server.schedule("J-SCHEDULED")
        server.schedule("j-recurring", .interval(minutes: 60))
        server.addHistory("j-recurring", historyId: 5, status: 3, result: 4, message: "last run failed")
        server.addHistory("j-waiting", historyId: 10, status: 1, result: 0)
        server.addHistory("j-running", historyId: 11, status: 2, result: 0)
        server.addHistory("j-ok", historyId: 12, status: 3, result: 2)
        server.addHistory("j-warn", historyId: 13, status: 3, result: 3, message: "2 stores skipped")
        server.addHistory("j-fail", historyId: 14, status: 4, result: 4, message: "disk full")
        server.addHistory("j-retried", historyId: 15, status: 3, result: 4, message: "first try")
        server.addHistory("j-retried", historyId: 16, status: 3, result: 2)
        let jobs = ["j-scheduled", "j-recurring", "j-waiting", "j-running", "j-ok", "j-warn", "j-fail", "j-retried", "j-gone"].map { tracked($0) }

        let statuses = try await StatusResolver(reads: server).resolve(jobs)

        #expect(statuses.map(\.state) == [.scheduled, .scheduled, .waiting, .inProcess, .succeeded, .warning, .failed, .succeeded, .unknown])
        #expect(statuses.map(\.recurring) == [false, true, false, false, false, false, false, false, false])
        #expect(statuses[5].message == "2 stores skipped")
        #expect(statuses[6].message == "disk full")
        #expect(statuses[6].jobHistoryId == 14)
        #expect(statuses[7].jobHistoryId == 16, "the latest run wins")
        #expect(statuses.map(\.isSettled) == [false, true, false, false, true, true, true, true, true])
        #expect(StatusSummary(statuses).exitCode == 2)
        // One ScheduledJobs query, one JobHistory query for all but the non-recurring scheduled job.
        #expect(server.queries.map(\.list) == ["ScheduledJobs", "JobHistory"])
        #expect(!ScriptedStatusServer.ids(in: server.queries[1].query).contains("j-scheduled"))
    }

    @Test func thousandsOfJobsAreAskedForInBatchesUnderTheLimit() async throws {
        let server = ScriptedStatusServer()
        let ids = (0..<3000).map { _ in UUID().uuidString.lowercased() }
        for (index, id) in ids.enumerated() where index % 2 == 0 { server.schedule(id) }
        for (index, id) in ids.enumerated() where index % 2 == 1 { server.addHistory(id, historyId: Int64(index), status: 3, result: 2) }

        let statuses = try await StatusResolver(reads: server).resolve(ids.map { tracked($0) })

        #expect(statuses.filter { $0.state == .scheduled }.count == 1500)
        #expect(statuses.filter { $0.state == .succeeded }.count == 1500)
        let queries = server.queries
        #expect(queries.allSatisfy { StatusQuery.encodedLength($0.query) <= StatusQuery.defaultMaxBytes })
        let scheduledQueries = queries.filter { $0.list == "ScheduledJobs" }
        #expect(scheduledQueries.count < 3000 / 20, "batched, never one request per job")
        #expect(scheduledQueries.reduce(Set<String>()) { $0.union(ScriptedStatusServer.ids(in: $1.query)) } == Set(ids))
        #expect(scheduledQueries.map { ScriptedStatusServer.ids(in: $0.query).count }.reduce(0, +) == 3000, "each id asked once")
        let historyIds = queries.filter { $0.list == "JobHistory" }.map { ScriptedStatusServer.ids(in: $0.query) }
        #expect(historyIds.map(\.count).reduce(0, +) == 1500, "only the jobs not still scheduled")
    }

    @Test(arguments: [100, 500, 1900])
    func batchesCoverEveryIdOnceWithinTheBudget(maxBytes: Int) {
        let ids = (0..<400).map { "id-\($0)" }
        let batches = StatusQuery.batches(field: "JobId", ids: ids, maxBytes: maxBytes)
        #expect(batches.allSatisfy { StatusQuery.encodedLength($0) <= maxBytes })
        #expect(batches.flatMap { $0.components(separatedBy: " OR ") } == ids.map { "JobId -eq \"\($0)\"" })
    }

    @Test func anEncodedTermCountsItsEscapes() {
        // Spaces and quotes triple when percent-encoded; that is what IIS measures.
        // 10 characters, of which 2 spaces and 2 quotes become 3 bytes each.
        #expect(StatusQuery.encodedLength("Id -eq \"a\"") == 18)
    }

    @Test(arguments: [
        (3, 2, JobState.succeeded), (3, 3, .warning), (3, 4, .failed), (4, 2, .succeeded), (3, 0, .warning),
        (1, 0, .waiting), (0, 0, .waiting), (2, 0, .inProcess), (5, 4, .inProcess),
    ])
    func historyRowsMapToStates(status: Int, result: Int, state: JobState) {
        #expect(JobState.of(JobHistoryEntry(jobHistoryId: 1, jobId: "j", result: result, status: status)) == state)
    }

    @Test(arguments: [
        ([JobState.succeeded, .succeeded], false, Int32(0)),
        ([.succeeded, .scheduled], false, 0),
        ([.succeeded, .failed], false, 2),
        ([.warning], false, 2),
        ([.unknown], false, 2),
        ([.succeeded, .inProcess], true, 4),
        ([.failed, .inProcess], true, 2),
    ])
    func exitCodes(states: [JobState], timedOut: Bool, code: Int32) {
        let statuses = states.enumerated().map { JobStatus(job: tracked("j\($0.offset)"), state: $0.element) }
        #expect(StatusSummary(statuses, timedOut: timedOut).exitCode == code)
    }

    @Test func liveJobsComeFromTheLedgersLatestOutcomes() {
        func outcome(_ key: String, _ outcome: LedgerRecord.Outcome, jobId: String?, server: String = "s", run: String = "r1") -> LedgerRecord {
            var record = LedgerRecord(type: .outcome, at: Date(), run: run, server: server)
            record.key = key
            record.outcome = outcome
            record.jobId = jobId
            return record
        }
        let state = LedgerState(records: [
            outcome("a", .submitted, jobId: "1"), outcome("b", .adopted, jobId: "2"), outcome("c", .rejected, jobId: nil),
            outcome("d", .submitted, jobId: "4"), outcome("d", .unscheduled, jobId: "4", run: "r2"),
            outcome("e", .submitted, jobId: "5", server: "other"),
        ])
        #expect(TrackedJob.live(in: state, server: "s").map(\.jobId) == ["1", "2"])
        #expect(TrackedJob.live(in: state).count == 3)
    }

    @Test func completedFetchLogsRunsGiveTheirData() async throws {
        let server = ScriptedStatusServer()
        server.addHistory("l1", historyId: 21, status: 3, result: 2)
        server.addHistory("l2", historyId: 22, status: 3, result: 4, message: "agent crashed")
        server.addHistory("x", historyId: 23, status: 3, result: 2)
        server.state.withLockedValue { $0.data = [21: "log of web-1\n", 22: "log of web-2\n", 23: "not a log"] }
        let resolver = StatusResolver(reads: server)
        let statuses = try await resolver.resolve([
            tracked("l1", type: "FetchLogs", machine: "web-1"), tracked("l2", type: "FetchLogs", machine: "web-2"), tracked("x", type: "Other"),
        ])
        let logs = try await resolver.fetchLogs(statuses)
        #expect(logs.map(\.clientMachine) == ["web-1", "web-2"])
        #expect(logs.map(\.data) == ["log of web-1\n", "log of web-2\n"])
    }
}
