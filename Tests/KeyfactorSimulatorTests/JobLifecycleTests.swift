import Foundation
import KeyfactorSimulator
import KeyfactorWire
import Testing

@Suite struct JobLifecycleTests {
    func create(_ harness: Harness, _ agent: String, _ jobType: String, fields: String? = nil, schedule: String = #"{"Immediate":true}"#)
        async throws -> String
    {
        let reply = try await harness.post(
            "/OrchestratorJobs/Custom", SubmissionTests.request(agent, jobType, fields: fields, schedule: schedule))
        #expect(reply.status == 200, "\(reply.body)")
        return reply.object["JobId"] as? String ?? ""
    }

    @Test func immediateJobIsScheduledThenRunsAfterTheDelay() async throws {
        try await Harness.with(try TestFleet.fleet()) { harness in
            let jobId = try await create(harness, TestFleet.euWeb01, "RefreshInventory", fields: #"{"Target":"/etc/pki"}"#)
            let scheduled = try await harness.get("/OrchestratorJobs/ScheduledJobs")
            #expect(scheduled.headers["x-total-count"].first == "1")
            #expect(
                scheduled.body
                    == #"[{"Id":""# + jobId
                    + #"","ClientMachine":"eu-web-01","Target":null,"Schedule":{"Immediate":true},"Requested":"2026-11-28T12:00:00Z","JobType":"RefreshInventory"}]"#
            )
            let rows = try KeyfactorJSON.decoder().decode([ScheduledJob].self, from: Data(scheduled.body.utf8))
            #expect(rows.first?.id == jobId)

            #expect(harness.simulator.advanceClock(by: 9))
            #expect(try await harness.get("/OrchestratorJobs/JobHistory").array.isEmpty)
            harness.clock.advance(by: 1)
            let history = try await harness.get("/OrchestratorJobs/JobHistory?QueryString=\("JobId -eq \"\(jobId)\"".queryEncoded)")
            #expect(
                history.body
                    == #"[{"JobHistoryId":1000,"AgentMachine":"eu-web-01","JobId":""# + jobId
                    + #"","Schedule":{"Immediate":true},"JobType":"RefreshInventory","OperationStart":"2026-11-28T12:00:10Z","OperationEnd":"2026-11-28T12:00:11Z","Message":"","Result":2,"Status":3,"StorePath":null,"ClientMachine":"eu-web-01"}]"#
            )
            let entries = try KeyfactorJSON.decoder().decode([JobHistoryEntry].self, from: Data(history.body.utf8))
            #expect(entries.first?.result == 2)
            #expect(try await harness.get("/OrchestratorJobs/ScheduledJobs").array.isEmpty)
        }
    }

    @Test func failingAgentGivesFailureWithItsMessage() async throws {
        try await Harness.with(try TestFleet.fleet()) { harness in
            let jobId = try await create(harness, TestFleet.usDb01, "RotateSSHKeys")
            harness.clock.advance(by: 60)
            let history = try await harness.get("/OrchestratorJobs/JobHistory?QueryString=\("Result -eq 4".queryEncoded)")
            #expect(history.array.count == 1)
            #expect(history.array.first?["JobId"] as? String == jobId)
            #expect(history.array.first?["Message"] as? String == "disk full")
            #expect(history.array.first?["Status"] as? Int == 3)
        }
    }

    @Test func fetchLogsLeavesLogTextForJobStatusData() async throws {
        try await Harness.with(try TestFleet.fleet()) { harness in
            let jobId = try await create(harness, TestFleet.usApp01, "FetchLogs")
            harness.clock.advance(by: 10)
            let history = try await harness.get("/OrchestratorJobs/JobHistory?QueryString=\("JobId -eq \"\(jobId)\"".queryEncoded)")
            let historyId = history.array.first?["JobHistoryId"] as? Int ?? -1
            let data = try await harness.get("/OrchestratorJobs/JobStatus/Data?jobHistoryId=\(historyId)")
            #expect(data.status == 200)
            let decoded = try KeyfactorJSON.decoder().decode(JobStatusData.self, from: Data(data.body.utf8))
            #expect(decoded.jobHistoryId == Int64(historyId))
            let text = decoded.data ?? ""
            #expect(text.contains("starting log collection on us-app-01"))
            #expect(text.contains(jobId))
            let missing = try await harness.get("/OrchestratorJobs/JobStatus/Data?jobHistoryId=999999")
            #expect(missing.status == 400)
            let bad = try await harness.get("/OrchestratorJobs/JobStatus/Data")
            #expect(bad.status == 400)
        }
    }

    @Test func exactlyOnceRunsAfterItsTimeAndRecurringJobsStayScheduled() async throws {
        try await Harness.with(try TestFleet.fleet()) { harness in
            let once = try await create(harness, TestFleet.euWeb01, "FetchLogs", schedule: #"{"ExactlyOnce":{"Time":"2026-11-28T13:00:00Z"}}"#)
            let interval = try await create(harness, TestFleet.euWeb01, "FetchLogs", schedule: #"{"Interval":{"Minutes":30}}"#)
            harness.clock.advance(by: 1800)
            let early = try await harness.get("/OrchestratorJobs/ScheduledJobs?SortField=Id")
            #expect(Set(early.array.compactMap { $0["Id"] as? String }) == [once, interval])
            harness.clock.advance(by: 1810)
            let later = try await harness.get("/OrchestratorJobs/ScheduledJobs")
            #expect(later.array.compactMap { $0["Id"] as? String } == [interval])
            let history = try await harness.get("/OrchestratorJobs/JobHistory?QueryString=\("ScheduleType -eq ExactlyOnce".queryEncoded)")
            #expect(history.array.compactMap { $0["JobId"] as? String } == [once])
            #expect(history.array.first?["OperationStart"] as? String == "2026-11-28T13:00:10Z")
        }
    }

    @Test func scheduledJobsCanBeQueriedByAgentTypeAndTime() async throws {
        try await Harness.with(try TestFleet.fleet()) { harness in
            let first = try await create(harness, TestFleet.euWeb01, "FetchLogs", schedule: #"{"Interval":{"Minutes":30}}"#)
            harness.clock.advance(by: 60)
            _ = try await create(harness, TestFleet.usApp01, "FetchLogs", schedule: #"{"Interval":{"Minutes":30}}"#)
            let query = "AgentId -eq \"\(TestFleet.euWeb01)\" AND JobType -eq FetchLogs AND Requested -lt \"2026-11-28T12:00:30Z\""
            let reply = try await harness.get("/OrchestratorJobs/ScheduledJobs?QueryString=\(query.queryEncoded)")
            #expect(reply.array.compactMap { $0["Id"] as? String } == [first])
        }
    }

    @Test func unscheduleByIdsAndByQuery() async throws {
        try await Harness.with(try TestFleet.fleet()) { harness in
            let a = try await create(harness, TestFleet.euWeb01, "FetchLogs", schedule: #"{"Interval":{"Minutes":30}}"#)
            let b = try await create(harness, TestFleet.usApp01, "FetchLogs", schedule: #"{"Interval":{"Minutes":30}}"#)
            let c = try await create(harness, TestFleet.usApp01, "RotateSSHKeys", schedule: #"{"Interval":{"Minutes":30}}"#)
            let byIds = try await harness.post("/OrchestratorJobs/Unschedule", #"{"JobIds":["\#(a.uppercased())"]}"#)
            #expect(byIds.status == 204)
            #expect(byIds.body.isEmpty)
            var left = try await harness.get("/OrchestratorJobs/ScheduledJobs").array.compactMap { $0["Id"] as? String }
            #expect(Set(left) == [b, c])
            let byQuery = try await harness.post("/OrchestratorJobs/Unschedule", #"{"Query":"JobType -eq \"RotateSSHKeys\""}"#)
            #expect(byQuery.status == 204)
            left = try await harness.get("/OrchestratorJobs/ScheduledJobs").array.compactMap { $0["Id"] as? String }
            #expect(left == [b])
            let both = try await harness.post("/OrchestratorJobs/Unschedule", #"{"JobIds":["\#(b)"],"Query":"JobType -eq FetchLogs"}"#)
            #expect(both.status == 400)
            let neither = try await harness.post("/OrchestratorJobs/Unschedule", "{}")
            #expect(neither.status == 400)
            let badQuery = try await harness.post("/OrchestratorJobs/Unschedule", #"{"Query":"Colour -eq red"}"#)
            #expect(badQuery.status == 400)
            let states = try await harness.createdJobs().compactMap { $0["State"] as? String }
            #expect(states == ["unscheduled", "scheduled", "unscheduled"])
        }
    }

    @Test func inspectionListsEveryJobAndCountsRequests() async throws {
        try await Harness.with(try TestFleet.fleet()) { harness in
            let jobId = try await create(harness, TestFleet.euWeb01, "RefreshInventory", fields: #"{"Target":"x"}"#)
            _ = try await harness.post("/OrchestratorJobs/Custom", SubmissionTests.request(TestFleet.euDb01, "FetchLogs"))
            _ = try await harness.get("/Agents")
            let jobs = try await harness.send(.GET, "/_simulator/jobs", api: false, headers: [])
            #expect(
                jobs.body
                    == #"[{"JobId":""# + jobId
                    + #"","AgentId":"11111111-1111-4111-8111-111111111111","ClientMachine":"eu-web-01","JobTypeName":"RefreshInventory","Schedule":{"Immediate":true},"JobFields":[{"JobTypeField":"Target","Value":"x"},{"JobTypeField":"Depth","Value":"2"},{"JobTypeField":"IncludeExpired","Value":"false"}],"RequestTimestamp":"2026-11-28T12:00:00Z","State":"scheduled","JobHistoryId":null}]"#
            )
            let stats = try await harness.send(.GET, "/_simulator/stats", api: false, headers: []).object
            let requests = stats["Requests"] as? [String: [String: Int]] ?? [:]
            #expect(requests["POST /OrchestratorJobs/Custom"] == ["200": 1, "400": 1])
            #expect(requests["GET /Agents"] == ["200": 1])
            #expect(stats["JobsCreated"] as? Int == 1)
        }
    }
}
