import Foundation
import Testing
@testable import KeyfactorSimulator

@Suite struct SchemaTests {
    static func schema() throws -> [String: Any] {
        let data = try Data(contentsOf: FleetTests.repository.appendingPathComponent("schemas/kfjobs-fleet.schema.json"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    @Test func compiledSchemaIsByteForByteTheFile() throws {
        let file = try Data(contentsOf: FleetTests.repository.appendingPathComponent("schemas/kfjobs-fleet.schema.json"))
        #expect(Array(file) == Array(FleetSchema.json.utf8))
    }

    @Test func schemaIsDraft07AndNamesEveryKeyTheDecoderReads() throws {
        let schema = try Self.schema()
        #expect(schema["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
        let properties = schema["properties"] as? [String: Any] ?? [:]
        #expect(Set(properties.keys) == Set(FleetDecoder.topKeys))
        let agents = ((properties["agents"] as? [String: Any])?["items"] as? [String: Any])?["properties"] as? [String: Any] ?? [:]
        #expect(Set(agents.keys) == Set(FleetDecoder.agentKeys))
        for (name, value) in properties {
            #expect((value as? [String: Any])?["description"] != nil, "\(name) has no description")
        }
    }
}

@Suite struct ConcurrencyTests {
    @Test func concurrentSubmissionsEachGetTheirOwnJob() async throws {
        try await Harness.with(SimulatorFleet.builtInDefault(now: TestFleet.start)) { harness in
            let agents = harness.simulator.fleet.agents.filter { $0.isApproved && $0.hasCapability("LOGS") }.map(\.agentId)
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<200 {
                    let agent = agents[index % agents.count]
                    group.addTask {
                        let reply = try await harness.post("/OrchestratorJobs/Custom", SubmissionTests.request(agent, "FetchLogs"))
                        return reply.object["JobId"] as? String ?? ""
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(Set(ids).count == 200)
            #expect(!ids.contains(""))
            let created = try await harness.createdJobs()
            #expect(Set(created.compactMap { $0["JobId"] as? String }) == Set(ids))
            harness.clock.advance(by: 5)
            let history = try await harness.get("/OrchestratorJobs/JobHistory?ReturnLimit=1")
            #expect(history.headers["x-total-count"].first == "200")
        }
    }
}
