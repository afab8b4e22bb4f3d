import Foundation
import KeyfactorWire
import Testing

/// Responses from both generations of the API decode to the same values.
@Suite struct WireResponseDecodingTests {
    func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try KeyfactorJSON.decoder().decode(T.self, from: Data(text.utf8))
    }

    static let pascalAgent = #"""
        {"AgentId":"0b7b1e5c-1111-4a4a-9c9c-000000000001","ClientMachine":"eu-web-01","Username":"DOMAIN\\svc",
         "AgentPlatform":7,"Version":"24.1.0","Status":2,"LastSeen":"2026-11-28T10:15:00.1234567Z",
         "Capabilities":["LOGS","CERT_STORES"],"Blueprint":null,"Thumbprint":"AB12","LegacyThumbprint":null,
         "AuthCertificateReenrollment":"None","LastThumbprintUsed":null,"LastErrorCode":0,"LastErrorMessage":null}
        """#
    static let camelAgent = #"""
        {"agentId":"0b7b1e5c-1111-4a4a-9c9c-000000000001","clientMachine":"eu-web-01","username":"DOMAIN\\svc",
         "agentPlatform":7,"version":"24.1.0","status":2,"lastSeen":"2026-11-28T10:15:00.1234567",
         "capabilities":["LOGS","CERT_STORES"],"thumbprint":"AB12","authCertificateReenrollment":"None",
         "lastErrorCode":0,"jobTypes":[]}
        """#

    @Test func agentDecodesFromBothCasings() throws {
        let pascal = try decode(Agent.self, Self.pascalAgent)
        let camel = try decode(Agent.self, Self.camelAgent)
        #expect(pascal == camel)
        #expect(pascal.clientMachine == "eu-web-01")
        #expect(pascal.username == #"DOMAIN\svc"#)
        #expect(pascal.status == 2)
        #expect(pascal.agentPlatform == 7)
        #expect(pascal.capabilities == ["LOGS", "CERT_STORES"])
        #expect(pascal.blueprint == nil)
        #expect(pascal.lastErrorCode == 0)
        #expect(KeyfactorDate.format(try #require(pascal.lastSeen)) == "2026-11-28T10:15:00.123Z")
    }

    /// ASP.NET binds keys in any case; the rare body in neither usual casing still decodes, and a
    /// PascalCase or camelCase spelling wins over any other of the same name.
    @Test func keysInAnyOtherCasingDecode() throws {
        let odd = try decode(CustomJobResponse.self, #"{"JOBID":"j","orchestratorid":"o","JobTypeNAME":"T","JobId":"second"}"#)
        #expect(odd.jobId == "second")
        #expect(odd.orchestratorId == "o")
        #expect(odd.jobTypeName == "T")
        let shouting = try decode(CustomJobResponse.self, #"{"JOBID":"j","ORCHESTRATORID":"o"}"#)
        #expect(shouting.jobId == "j")
        #expect(shouting.orchestratorId == "o")
    }

    /// The submission path reads only the receipt; it reads the same members as `CustomJobResponse`.
    @Test(arguments: [
        #"{"JobId":"j","OrchestratorId":"o","JobTypeName":"T","Schedule":{"Immediate":true},"JobFields":[],"RequestTimestamp":"2026-11-28T10:15:00Z"}"#,
        #"{"jobId":"j","orchestratorId":"o","jobTypeName":"T","schedule":null,"jobFields":[],"requestTimestamp":"2026-11-28T10:15:00"}"#,
        #"{"JOBID":"j","orchestratorid":"o","RequestTimestmap":"2026-11-28T10:15:00Z"}"#,
    ])
    func receiptReadsWhatTheResponseReads(body: String) throws {
        let receipt = try decode(CustomJobReceipt.self, body)
        let response = try decode(CustomJobResponse.self, body)
        #expect(receipt == CustomJobReceipt(jobId: response.jobId, orchestratorId: response.orchestratorId, requestTimestamp: response.requestTimestamp))
        #expect(receipt.jobId == "j")
        #expect(receipt.requestTimestamp.map { KeyfactorDate.format($0) } == "2026-11-28T10:15:00Z")
    }

    @Test func receiptWithoutJobIdIsAnError() {
        #expect(throws: DecodingError.self) { try decode(CustomJobReceipt.self, #"{"OrchestratorId":"o"}"#) }
    }

    @Test func agentRoundTripsInBothCasings() throws {
        // Dates go on the wire with milliseconds, so the round trip is exact at that precision.
        var agent = try decode(Agent.self, Self.pascalAgent)
        agent.lastSeen = KeyfactorDate.parse("2026-11-28T10:15:00.123Z")
        agent.blueprint = "bp"
        for casing in KeyCasing.allCases {
            let data = try KeyfactorJSON.encoder(casing: casing).encode(agent)
            #expect(try KeyfactorJSON.decoder().decode(Agent.self, from: data) == agent)
        }
        let camelText = String(decoding: try KeyfactorJSON.encoder(casing: .camel).encode(agent), as: UTF8.self)
        #expect(camelText.contains(#""clientMachine":"eu-web-01""#))
        #expect(!camelText.contains("ClientMachine"))
    }

    @Test func agentNullCapabilitiesReadAsEmpty() throws {
        let agent = try decode(Agent.self, #"{"AgentId":"a","ClientMachine":"m","Status":1,"Capabilities":null,"AgentPlatform":null}"#)
        #expect(agent.capabilities == [])
        #expect(agent.agentPlatform == 0)
    }

    @Test(arguments: [
        ("2", JobFieldType.integer), (#""Int""#, .integer), (#""Integer""#, .integer), (#""String""#, .string),
        ("1", .string), (#""DateTime""#, .dateTime), ("3", .dateTime), (#""Bool""#, .boolean),
        (#""Boolean""#, .boolean), ("4", .boolean), ("5", .unknown("5")), (#""Secret""#, .unknown("Secret")),
    ])
    func jobFieldTypeFromNumberOrName(wire: String, expected: JobFieldType) throws {
        let field = try decode(JobTypeField.self, #"{"Name":"F","Type":\#(wire),"Required":true}"#)
        #expect(field.type == expected)
        #expect(field.required)
    }

    @Test(arguments: [
        (#""1""#, "1"), ("1", "1"), ("true", "true"), ("false", "false"), (#""x y""#, "x y"), ("2.5", "2.5"),
    ])
    func defaultValueReadsAsItsStringForm(wire: String, expected: String) throws {
        let field = try decode(JobTypeField.self, #"{"name":"F","type":2,"defaultValue":\#(wire),"required":false}"#)
        #expect(field.defaultValue == expected)
    }

    @Test func nullDefaultValueIsNil() throws {
        #expect(try decode(JobTypeField.self, #"{"Name":"F","Type":1,"DefaultValue":null}"#).defaultValue == nil)
    }

    @Test func customJobTypeFromAPIDocument() throws {
        let type = try decode(CustomJobType.self, #"""
            {"Id":"<GUID>","JobTypeName":"SampleCustomJobType","Description":"...",
             "JobTypeFields":[{"Name":"ParamInt","Type":2,"DefaultValue":"1","Required":false}]}
            """#)
        #expect(type == CustomJobType(
            id: "<GUID>", jobTypeName: "SampleCustomJobType", description: "...",
            jobTypeFields: [JobTypeField(name: "ParamInt", type: .integer, defaultValue: "1", required: false)]))
    }

    @Test func customJobResponseFromAPIDocument() throws {
        let response = try decode(CustomJobResponse.self, #"""
            {"JobId":"j","OrchestratorId":"o","JobTypeName":"RotateSSHKeys","Schedule":{"Immediate":true},
             "JobFields":[{"JobTypeField":"KeyBits","Value":"4096"}],"RequestTimestamp":"2026-11-28T10:15:00Z"}
            """#)
        #expect(response.jobId == "j")
        #expect(response.orchestratorId == "o")
        #expect(response.schedule == .immediate)
        #expect(response.jobFields == [JobFieldValue(jobTypeField: "KeyBits", value: "4096")])
        #expect(response.requestTimestamp == KeyfactorDate.parse("2026-11-28T10:15:00Z"))
    }

    @Test func scheduleReadBackAsNullOrWithReadOnlyKeys() throws {
        let nullSchedule = try decode(CustomJobResponse.self, #"{"jobId":"j","orchestratorId":"o","jobTypeName":"T","schedule":null,"jobFields":[]}"#)
        #expect(nullSchedule.schedule == nil)
        let extra = try decode(Schedule.self, #"""
            {"Immediate":false,"Interval":null,"Daily":{"Time":"2026-12-01T02:30:00"},"Weekly":null,
             "Monthly":null,"ExactlyOnce":null,"Schedule":"Daily at 02:30","IsEmpty":false}
            """#)
        #expect(extra == .daily(time: try #require(KeyfactorDate.parse("2026-12-01T02:30:00Z"))))
        #expect(throws: DecodingError.self) { try decode(Schedule.self, #"{"IsEmpty":true}"#) }
    }

    @Test func bulkResponse() throws {
        let response = try decode(BulkJobResponse.self, #"""
            {"OrchestratorJobPairs":[{"JobId":"j1","OrchestratorId":"o1"}],"FailedOrchestratorIds":["o2"],
             "JobTypeName":"T","Schedule":{"Interval":{"Minutes":30}},"JobFields":[],"RequestTimestamp":"2026-11-28T10:15:00Z"}
            """#)
        #expect(response.orchestratorJobPairs == [OrchestratorJobPair(jobId: "j1", orchestratorId: "o1")])
        #expect(response.failedOrchestratorIds == ["o2"])
        #expect(response.schedule == .interval(minutes: 30))
    }

    @Test func scheduledJobsAndHistory() throws {
        let scheduled = try decode([ScheduledJob].self, #"""
            [{"Id":"j","ClientMachine":"m","Target":"t","Schedule":"Immediate","Requested":"2026-11-28T10:15:00Z","JobType":"FetchLogs"}]
            """#)
        #expect(scheduled.first?.scheduleText == "Immediate")
        #expect(scheduled.first?.requestedDate == KeyfactorDate.parse("2026-11-28T10:15:00Z"))
        let history = try decode([JobHistoryEntry].self, #"""
            [{"jobHistoryId":9007199254740993,"agentMachine":"m","jobId":"j","schedule":{"immediate":true},
              "jobType":"FetchLogs","operationStart":"2026-11-28T10:15:00Z","operationEnd":null,
              "message":"ok","result":2,"status":3,"storePath":null,"clientMachine":"m"}]
            """#)
        #expect(history.first?.jobHistoryId == 9_007_199_254_740_993)
        #expect(history.first?.result == 2)
        #expect(history.first?.schedule == .immediate)
        let data = try decode(JobStatusData.self, #"{"JobHistoryId":5,"Data":"log text"}"#)
        #expect(data == JobStatusData(jobHistoryId: 5, data: "log text"))
    }

    @Test func errorBody() throws {
        let body = try decode(KeyfactorErrorBody.self, #"{"ErrorCode":"0xA0110002","Message":"bad","FailedOperations":[{"Id":"x","Reason":"nope"}]}"#)
        #expect(body.errorCode == "0xA0110002")
        #expect(body.message == "bad")
        #expect(body.failedOperations == [FailedOperation(reason: "nope")])
        #expect(try decode(KeyfactorErrorBody.self, #"{"errorCode":42,"message":"m"}"#).errorCode == "42")
    }

    @Test(arguments: [
        ("2026-11-28T10:15:00Z", "2026-11-28T10:15:00Z"),
        ("2026-11-28T10:15:00", "2026-11-28T10:15:00Z"),
        ("2026-11-28T10:15:00.5", "2026-11-28T10:15:00.500Z"),
        ("2026-11-28T10:15:00.1234567Z", "2026-11-28T10:15:00.123Z"),
        ("2026-11-28T12:15:00+02:00", "2026-11-28T10:15:00Z"),
        ("2026-11-28T05:15:00-0500", "2026-11-28T10:15:00Z"),
        ("2026-11-28T00:30:00+01:00", "2026-11-27T23:30:00Z"),
        ("2024-02-29T23:59:59Z", "2024-02-29T23:59:59Z"),
        ("2026-11-28T10:15Z", "2026-11-28T10:15:00Z"),
        ("2026-11-28", "2026-11-28T00:00:00Z"),
    ])
    func datesWithAndWithoutFractionsAndZones(text: String, expected: String) throws {
        #expect(KeyfactorDate.format(try #require(KeyfactorDate.parse(text))) == expected)
    }

    @Test(arguments: ["2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "yesterday", "2026-11-28T25:00:00Z", "2026-11-28T10:15:00Zjunk",
                      "2026-02-30", "2026-11-28T10:60:00Z", "2026-11-28T10:15:61Z"])
    func badDatesAreRejected(text: String) {
        #expect(KeyfactorDate.parse(text) == nil)
    }
}
