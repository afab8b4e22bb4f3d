import Foundation
import KeyfactorSimulator
import Testing

/// The fleet's dialect and quirk settings: read from the file, and served as other servers behave.
@Suite struct DialectTests {
    func fleet(_ dialect: SimulatorDialect) throws -> SimulatorFleet {
        var fleet = try TestFleet.fleet()
        fleet.dialect = dialect
        return fleet
    }

    @Test func theSettingsAreReadFromTheServerSection() throws {
        let text = FleetTests.header + """
            server:
              parameterSpelling: prefixed
              totalCount: false
              rejectQueryFields: {jobHistory: [JobId, AgentId], scheduledJobs: [Id]}
              forbidden: [agents, createJob]
              clockSkew: -90s
            """
        let (fleet, diagnostics) = SimulatorFleet.load(Array(text.utf8), file: "f.yaml", now: TestFleet.start)
        #expect(diagnostics.isEmpty)
        let dialect = try #require(fleet?.dialect)
        #expect(dialect == SimulatorDialect(
            parameterSpelling: .prefixed, sendsTotalCount: false,
            rejectedQueryFields: ["jobHistory": ["JobId", "AgentId"], "scheduledJobs": ["Id"]],
            forbiddenEndpoints: ["agents", "createJob"], clockSkew: -90))
    }

    @Test(arguments: [
        ("server: {parameterSpelling: pq}\n", "f.yaml:3:29: error: parameterSpelling must be one of both, prefixed, plain, not 'pq'"),
        ("server: {forbidden: [everything]}\n", "f.yaml:3:22: error: forbidden lists endpoints (agents, agent, jobTypes, createJob, createBulk, scheduledJobs, jobHistory, jobStatusData, unschedule, statusEndpoints), not 'everything'"),
        ("server: {rejectQueryFields: {history: [JobId]}}\n", "f.yaml:3:30: error: unknown key 'history' in rejectQueryFields"),
        ("server: {clockSkew: later}\n", "f.yaml:3:21: error: clockSkew must be a duration such as 10m or -90s, not 'later'"),
        ("server: {totalCount: maybe}\n", "f.yaml:3:22: error: expected true or false, not 'maybe'"),
    ])
    func mistakesAreLocated(text: String, expected: String) {
        let (fleet, diagnostics) = SimulatorFleet.load(Array((FleetTests.header + text).utf8), file: "f.yaml", now: TestFleet.start)
        #expect(fleet == nil)
        #expect(diagnostics.first?.description == expected)
    }

    @Test func aPrefixedServerIgnoresThePlainParametersAndAPlainOneThePrefixed() async throws {
        try await Harness.with(try fleet(SimulatorDialect(parameterSpelling: .prefixed))) { harness in
            let prefixedReply = try await harness.get("/Agents?pq.returnLimit=1")
            #expect(Harness.machines(prefixedReply).count == 1)
            let plainReply = try await harness.get("/Agents?ReturnLimit=1")
            #expect(Harness.machines(plainReply).count == 6)
        }
        try await Harness.with(try fleet(SimulatorDialect(parameterSpelling: .plain))) { harness in
            let plainReply = try await harness.get("/Agents?ReturnLimit=1")
            #expect(Harness.machines(plainReply).count == 1)
            let prefixedReply = try await harness.get("/Agents?pq.returnLimit=1")
            #expect(Harness.machines(prefixedReply).count == 6)
        }
    }

    @Test func totalCountCanBeLeftOut() async throws {
        try await Harness.with(try fleet(SimulatorDialect(sendsTotalCount: false))) { harness in
            let reply = try await harness.get("/Agents")
            #expect(reply.status == 200)
            #expect(reply.headers["x-total-count"].isEmpty)
        }
    }

    @Test func aRejectedQueryFieldIsA400AndOthersStillWork() async throws {
        try await Harness.with(try fleet(SimulatorDialect(rejectedQueryFields: ["jobHistory": ["JobId"]]))) { harness in
            let rejected = try await harness.get("/OrchestratorJobs/JobHistory?QueryString=\("(jobid -eq \"x\")".queryEncoded)")
            #expect(rejected.status == 400)
            #expect(rejected.object["ErrorCode"] as? String == "0xA0110005")
            #expect(rejected.object["Message"] as? String == "the query field JobId is not supported by GET /OrchestratorJobs/JobHistory")
            let other = try await harness.get("/OrchestratorJobs/JobHistory?QueryString=\("JobType -eq \"FetchLogs\"".queryEncoded)")
            #expect(other.status == 200)
            // Only the list named rejects it.
            let scheduled = try await harness.get("/OrchestratorJobs/ScheduledJobs?QueryString=\("JobType -eq \"FetchLogs\"".queryEncoded)")
            #expect(scheduled.status == 200)
        }
    }

    @Test func forbiddenEndpointsAnswer403() async throws {
        try await Harness.with(try fleet(SimulatorDialect(forbiddenEndpoints: ["jobHistory"]))) { harness in
            let reply = try await harness.get("/OrchestratorJobs/JobHistory")
            #expect(reply.status == 403)
            #expect(reply.object["ErrorCode"] as? String == "0xA0110011")
            #expect(try await harness.get("/Agents").status == 200)
        }
    }

    @Test func theDateHeaderIsSkewed() async throws {
        try await Harness.with(try fleet(SimulatorDialect(clockSkew: 3600))) { harness in
            let reply = try await harness.get("/Status/Endpoints")
            let text = try #require(reply.headers["Date"].first)
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            let date = try #require(formatter.date(from: text))
            // An hour ahead, within the second Date's resolution and this test's own run.
            #expect(abs(date.timeIntervalSinceNow - 3600) < 60)
            #expect(reply.headers["Date"].count == 1)
        }
    }
}
