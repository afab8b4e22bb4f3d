import Foundation
import KeyfactorWire
import Testing

/// The exact bytes kfjobs puts on the wire, pinned against API.md (keys sorted by the test encoder).
@Suite struct WireRequestBodyTests {
    let time = KeyfactorDate.parse("2026-12-01T02:30:00Z") ?? Date.distantPast

    func json<T: Encodable>(_ value: T, casing: KeyCasing = .pascal) throws -> String {
        String(decoding: try KeyfactorJSON.encoder(casing: casing, sortedKeys: true).encode(value), as: UTF8.self)
    }

    @Test func customJobRequestMatchesAPIDocument() throws {
        let request = CustomJobRequest(
            agentId: "<orchestrator GUID>", jobTypeName: "RotateSSHKeys", schedule: .immediate,
            jobFields: ["KeyBits": "4096"])
        #expect(try json(request) == #"{"AgentId":"<orchestrator GUID>","JobFields":{"KeyBits":"4096"},"JobTypeName":"RotateSSHKeys","Schedule":{"Immediate":true}}"#)
    }

    @Test func jobFieldKeysAreNeverCaseConverted() throws {
        let request = CustomJobRequest(
            agentId: "a", jobTypeName: "T",
            jobFields: ["KeyBits": "1", "keyBits": "2", "URL": "https://x/y", "snake_case": "3", "Ünïcode": "4"])
        for casing in KeyCasing.allCases {
            let data = try KeyfactorJSON.encoder(casing: casing).encode(request)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let fieldsKey = casing == .pascal ? "JobFields" : "jobFields"
            let fields = try #require(object[fieldsKey] as? [String: String])
            #expect(Set(fields.keys) == ["KeyBits", "keyBits", "URL", "snake_case", "Ünïcode"])
            #expect(fields["URL"] == "https://x/y")
        }
        // Slashes are not escaped, so a grep for a URL finds it.
        #expect(try json(request).contains(#""URL":"https://x/y""#))
    }

    @Test func fetchLogsRequestHasAnEmptyFieldMap() throws {
        let request = CustomJobRequest(agentId: "a", jobTypeName: "FetchLogs")
        #expect(try json(request) == #"{"AgentId":"a","JobFields":{},"JobTypeName":"FetchLogs","Schedule":{"Immediate":true}}"#)
    }

    @Test(arguments: [
        (Schedule.immediate, #"{"Immediate":true}"#),
        (.interval(minutes: 30), #"{"Interval":{"Minutes":30}}"#),
        (.daily(time: KeyfactorDate.parse("2026-12-01T02:30:00Z") ?? .distantPast), #"{"Daily":{"Time":"2026-12-01T02:30:00Z"}}"#),
        (.weekly(days: [1, 5], time: KeyfactorDate.parse("2026-12-01T02:30:00Z") ?? .distantPast),
         #"{"Weekly":{"Days":[1,5],"Time":"2026-12-01T02:30:00Z"}}"#),
        (.monthly(day: 15, time: KeyfactorDate.parse("2026-12-01T02:30:00Z") ?? .distantPast),
         #"{"Monthly":{"Day":15,"Time":"2026-12-01T02:30:00Z"}}"#),
        (.exactlyOnce(time: KeyfactorDate.parse("2026-12-01T02:30:00Z") ?? .distantPast),
         #"{"ExactlyOnce":{"Time":"2026-12-01T02:30:00Z"}}"#),
    ])
    func scheduleMatchesAPIDocument(schedule: Schedule, expected: String) throws {
        #expect(try json(schedule) == expected)
        #expect(try KeyfactorJSON.decoder().decode(Schedule.self, from: Data(expected.utf8)) == schedule)
    }

    @Test func bulkRequestMatchesAPIDocument() throws {
        let request = BulkJobRequest(
            orchestratorIds: ["g1", "g2"], jobTypeName: "RotateSSHKeys", schedule: .interval(minutes: 60),
            jobFields: ["KeyBits": "4096"])
        #expect(try json(request) == #"{"JobFields":{"KeyBits":"4096"},"JobTypeName":"RotateSSHKeys","OrchestratorIds":["g1","g2"],"Schedule":{"Interval":{"Minutes":60}}}"#)
    }

    @Test func unscheduleRequestsCarryJobIdsOrQuery() throws {
        #expect(try json(UnscheduleRequest.jobIds(["j1", "j2"])) == #"{"JobIds":["j1","j2"]}"#)
        #expect(try json(UnscheduleRequest.query(#"JobType -eq "X""#)) == #"{"Query":"JobType -eq \"X\""}"#)
        #expect(throws: DecodingError.self) {
            try KeyfactorJSON.decoder().decode(UnscheduleRequest.self, from: Data(#"{"JobIds":["a"],"Query":"x"}"#.utf8))
        }
    }

    @Test func camelCaseEncodingLowersOnlyTheFirstLetterOfOwnKeys() throws {
        let request = CustomJobRequest(agentId: "a", jobTypeName: "T", schedule: .interval(minutes: 5), jobFields: ["KeyBits": "1"])
        #expect(try json(request, casing: .camel) == #"{"agentId":"a","jobFields":{"KeyBits":"1"},"jobTypeName":"T","schedule":{"interval":{"minutes":5}}}"#)
    }

    @Test func requestsDecodeFromEitherCasingWithNativeValues() throws {
        let camel = #"{"agentId":"a","jobTypeName":"T","schedule":{"immediate":true},"jobFields":{"KeyBits":4096,"Force":true,"Name":"x"}}"#
        let request = try KeyfactorJSON.decoder().decode(CustomJobRequest.self, from: Data(camel.utf8))
        #expect(request == CustomJobRequest(
            agentId: "a", jobTypeName: "T", schedule: .immediate, jobFields: ["KeyBits": "4096", "Force": "true", "Name": "x"]))
        let noSchedule = #"{"AgentId":"a","JobTypeName":"FetchLogs"}"#
        #expect(try KeyfactorJSON.decoder().decode(CustomJobRequest.self, from: Data(noSchedule.utf8))
            == CustomJobRequest(agentId: "a", jobTypeName: "FetchLogs"))
    }
}
