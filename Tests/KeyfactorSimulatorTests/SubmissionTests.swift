import Foundation
import KeyfactorSimulator
import KeyfactorWire
import Testing

@Suite struct SubmissionTests {
    static func request(_ agent: String, _ jobType: String, fields: String? = nil, schedule: String = #"{"Immediate":true}"#)
        -> String
    {
        var body = #"{"AgentId":""# + agent + #"","JobTypeName":""# + jobType + #"","Schedule":"# + schedule
        if let fields { body += #","JobFields":"# + fields }
        return body + "}"
    }

    @Test func createdJobHasAPIMdShapeWithDefaultsFilledIn() async throws {
        try await Harness.with(try TestFleet.fleet()) { harness in
            let reply = try await harness.post(
                "/OrchestratorJobs/Custom", Self.request(TestFleet.euWeb01, "RotateSSHKeys", fields: #"{"Comment":"rotated by kfjobs"}"#))
            #expect(reply.status == 200)
            let jobId = reply.object["JobId"] as? String ?? ""
            #expect(UUID(uuidString: jobId) != nil)
            #expect(
                reply.body
                    == #"{"JobId":""# + jobId
                    + #"","OrchestratorId":"11111111-1111-4111-8111-111111111111","JobTypeName":"RotateSSHKeys","Schedule":{"Immediate":true},"JobFields":[{"JobTypeField":"KeyBits","Value":"4096"},{"JobTypeField":"Comment","Value":"rotated by kfjobs"}],"RequestTimestamp":"2026-11-28T12:00:00Z"}"#
            )
            let decoded = try KeyfactorJSON.decoder().decode(CustomJobResponse.self, from: Data(reply.body.utf8))
            #expect(decoded.jobId == jobId)
            #expect(decoded.jobFields.map(\.jobTypeField) == ["KeyBits", "Comment"])
            #expect(reply.headers["Content-Type"].first == "application/json; charset=utf-8")
        }
    }

    @Test func camelCaseFleetAnswersCamelCaseAndAcceptsEitherCasing() async throws {
        try await Harness.with(try TestFleet.fleet(casing: "camel")) { harness in
            let body = #"{"agentId":"\#(TestFleet.euWeb01)","jobTypeName":"FetchLogs","schedule":{"immediate":true}}"#
            let reply = try await harness.post("/OrchestratorJobs/Custom", body)
            #expect(reply.status == 200)
            let jobId = reply.object["jobId"] as? String ?? ""
            #expect(
                reply.body
                    == #"{"jobId":""# + jobId
                    + #"","orchestratorId":"11111111-1111-4111-8111-111111111111","jobTypeName":"FetchLogs","schedule":{"immediate":true},"jobFields":[],"requestTimestamp":"2026-11-28T12:00:00Z"}"#
            )
            let pascal = try await harness.post("/OrchestratorJobs/Custom", Self.request(TestFleet.euWeb01, "FetchLogs"))
            #expect(pascal.status == 200)
            let decoded = try KeyfactorJSON.decoder().decode(CustomJobResponse.self, from: Data(pascal.body.utf8))
            #expect(decoded.orchestratorId == TestFleet.euWeb01)
        }
    }

    @Test func nativeJSONValuesAndCaseInsensitiveFieldNamesAreAccepted() async throws {
        try await Harness.with(try TestFleet.fleet()) { harness in
            let reply = try await harness.post(
                "/OrchestratorJobs/Custom",
                Self.request(TestFleet.euWeb01, "RefreshInventory", fields: #"{"target":"/etc/pki","Depth":5,"IncludeExpired":true}"#))
            #expect(reply.status == 200)
            let fields = reply.object["JobFields"] as? [[String: Any]] ?? []
            #expect(fields.map { $0["JobTypeField"] as? String } == ["Target", "Depth", "IncludeExpired"])
            #expect(fields.map { $0["Value"] as? String } == ["/etc/pki", "5", "true"])
        }
    }

    @Test(arguments: [
        (TestFleet.euWeb01, "FetchLogs", nil as String?, "0xA0110003", "the x-keyfactor-requested-with header is missing", false),
        ("99999999-9999-4999-8999-999999999999", "FetchLogs", nil, "0xA0120001", "orchestrator 99999999-9999-4999-8999-999999999999 does not exist", true),
        (TestFleet.euDb01, "FetchLogs", nil, "0xA0120002", "orchestrator 33333333-3333-4333-8333-333333333333 is not approved (status 1) and cannot run jobs", true),
        (TestFleet.usWeb01, "FetchLogs", nil, "0xA0120002", "orchestrator 44444444-4444-4444-8444-444444444444 is not approved (status 3) and cannot run jobs", true),
        (TestFleet.euWeb01, "Reboot", nil, "0xA0130001", "job type Reboot does not exist", true),
        (TestFleet.euWeb02, "FetchLogs", nil, "0xA0120003", "orchestrator 22222222-2222-4222-8222-222222222222 lacks the LOGS capability that FetchLogs needs", true),
        (TestFleet.euWeb01, "RefreshInventory", #"{"Target":"a","Colour":"red"}"#, "0xA0130002", "job type RefreshInventory has no field Colour", true),
        (TestFleet.euWeb01, "RefreshInventory", #"{"Target":"a","Depth":"two"}"#, "0xA0130003", "the value \"two\" of field Depth is not a valid Integer", true),
        (TestFleet.euWeb01, "RefreshInventory", #"{"Target":"a","IncludeExpired":"yes"}"#, "0xA0130003", "the value \"yes\" of field IncludeExpired is not a valid Boolean", true),
        (TestFleet.euWeb01, "RotateSSHKeys", #"{"NotAfter":"next week"}"#, "0xA0130003", "the value \"next week\" of field NotAfter is not a valid DateTime", true),
        (TestFleet.euWeb01, "RefreshInventory", #"{"Depth":"3"}"#, "0xA0130004", "field Target of job type RefreshInventory is required and has no default value", true),
        (TestFleet.euWeb01, "RefreshInventory", #"["Target"]"#, "0xA0110001", "JobFields must be an object of field names to values, not an array", true),
    ])
    func serverSideChecks(agent: String, jobType: String, fields: String?, code: String, message: String, withHeader: Bool)
        async throws
    {
        try await Harness.with(try TestFleet.fleet()) { harness in
            let reply = try await harness.post(
                "/OrchestratorJobs/Custom", Self.request(agent, jobType, fields: fields),
                headers: withHeader ? Harness.standardHeaders : [])
            #expect(reply.status == 400)
            #expect(reply.body == #"{"ErrorCode":""# + code + #"","Message":""# + message.replacingOccurrences(of: "\"", with: "\\\"") + #""}"#)
            let error = try KeyfactorJSON.decoder().decode(KeyfactorErrorBody.self, from: Data(reply.body.utf8))
            #expect(error.errorCode == code)
            #expect(try await harness.createdJobs().isEmpty)
        }
    }

    @Test(arguments: [
        ("not json", "the request body is not valid JSON"),
        ("[1]", "the request body must be a JSON object, not an array"),
        (#"{"JobTypeName":"FetchLogs"}"#, "AgentId is required"),
        (#"{"AgentId":"x"}"#, "JobTypeName is required"),
        (#"{"AgentId":"x","JobTypeName":"FetchLogs","Schedule":{"Immediate":true,"Interval":{"Minutes":5}}}"#, "invalid schedule: the schedule must have exactly one of Immediate, Interval, Daily, Weekly, Monthly, ExactlyOnce"),
        (#"{"AgentId":"x","JobTypeName":"FetchLogs","Schedule":{"Interval":{"Minutes":0}}}"#, "invalid schedule: Interval needs Minutes, a whole number of at least 1"),
        (#"{"AgentId":"x","JobTypeName":"FetchLogs","Schedule":{"Weekly":{"Days":[7],"Time":"2026-12-01T02:30:00Z"}}}"#, "invalid schedule: Weekly Days are numbers 0 (sunday) to 6 (saturday)"),
        (#"{"AgentId":"x","JobTypeName":"FetchLogs","Schedule":{"Daily":{"Time":"half past two"}}}"#, "invalid schedule: \"half past two\" is not an ISO 8601 time"),
    ])
    func malformedBodies(body: String, message: String) async throws {
        try await Harness.with(try TestFleet.fleet()) { harness in
            let reply = try await harness.post("/OrchestratorJobs/Custom", body)
            #expect(reply.status == 400)
            #expect(reply.object["Message"] as? String == message)
        }
    }

    @Test(arguments: [
        (#"{"Interval":{"Minutes":90}}"#, #"{"Interval":{"Minutes":90}}"#),
        (#"{"daily":{"time":"2026-12-01T02:30:00Z"}}"#, #"{"Daily":{"Time":"2026-12-01T02:30:00Z"}}"#),
        (#"{"Weekly":{"Days":[1,5],"Time":"2026-12-01T02:30:00Z"}}"#, #"{"Weekly":{"Days":[1,5],"Time":"2026-12-01T02:30:00Z"}}"#),
        (#"{"Monthly":{"Day":15,"Time":"2026-12-01T04:30:00+02:00"}}"#, #"{"Monthly":{"Day":15,"Time":"2026-12-01T02:30:00Z"}}"#),
        (#"{"ExactlyOnce":{"Time":"2026-12-01T02:30:00Z"}}"#, #"{"ExactlyOnce":{"Time":"2026-12-01T02:30:00Z"}}"#),
        ("null", #"{"Immediate":true}"#),
    ])
    func schedulesComeBackInAPIMdForm(sent: String, expected: String) async throws {
        try await Harness.with(try TestFleet.fleet()) { harness in
            let reply = try await harness.post("/OrchestratorJobs/Custom", Self.request(TestFleet.euWeb01, "FetchLogs", schedule: sent))
            #expect(reply.status == 200)
            #expect(reply.body.contains(#""Schedule":"# + expected + ","))
            let decoded = try KeyfactorJSON.decoder().decode(CustomJobResponse.self, from: Data(reply.body.utf8))
            #expect(decoded.schedule != nil)
        }
    }

    @Test func bulkCreatesForGoodAgentsAndListsTheOthers() async throws {
        try await Harness.with(try TestFleet.fleet()) { harness in
            let body = #"{"OrchestratorIds":["\#(TestFleet.euWeb01)","\#(TestFleet.euDb01)","\#(TestFleet.usApp01)","\#(TestFleet.euWeb02)"],"JobTypeName":"FetchLogs","Schedule":{"Immediate":true}}"#
            let reply = try await harness.post("/OrchestratorJobs/Custom/Bulk", body)
            #expect(reply.status == 200)
            let pairs = reply.object["OrchestratorJobPairs"] as? [[String: Any]] ?? []
            #expect(pairs.compactMap { $0["OrchestratorId"] as? String } == [TestFleet.euWeb01, TestFleet.usApp01])
            #expect(reply.object["FailedOrchestratorIds"] as? [String] == [TestFleet.euDb01, TestFleet.euWeb02])
            let created = try await harness.createdJobs()
            #expect(created.compactMap { $0["JobId"] as? String } == pairs.compactMap { $0["JobId"] as? String })
            let decoded = try KeyfactorJSON.decoder().decode(BulkJobResponse.self, from: Data(reply.body.utf8))
            #expect(decoded.orchestratorJobPairs.count == 2)
            #expect(reply.body.hasSuffix(#""FailedOrchestratorIds":["\#(TestFleet.euDb01)","\#(TestFleet.euWeb02)"],"JobTypeName":"FetchLogs","Schedule":{"Immediate":true},"JobFields":[],"RequestTimestamp":"2026-11-28T12:00:00Z"}"#))
            let badType = try await harness.post(
                "/OrchestratorJobs/Custom/Bulk", #"{"OrchestratorIds":["\#(TestFleet.euWeb01)"],"JobTypeName":"Nope"}"#)
            #expect(badType.status == 400)
            let noIds = try await harness.post("/OrchestratorJobs/Custom/Bulk", #"{"OrchestratorIds":[],"JobTypeName":"FetchLogs"}"#)
            #expect(noIds.status == 400)
        }
    }
}
