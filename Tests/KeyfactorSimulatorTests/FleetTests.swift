import Foundation
import Testing
import YAMLTree
@testable import KeyfactorSimulator

@Suite struct FleetTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func example(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: repository.appendingPathComponent("examples/fleets/\(name)")))
    }

    @Test func builtInFleetIsByteForByteTheExampleFile() throws {
        #expect(try Self.example("default.yaml") == Array(SimulatorFleet.builtInDefaultYAML.utf8))
    }

    @Test func builtInFleetIsASmallRealisticEstate() {
        let fleet = SimulatorFleet.builtInDefault(now: TestFleet.start)
        #expect(fleet.agents.count >= 24)
        #expect(Set(fleet.agents.map { String($0.clientMachine.prefix(2)) }) == ["eu", "us", "ap"])
        #expect(fleet.agents.contains { $0.clientMachine == "eu-web-01" && $0.isApproved && $0.hasCapability("LOGS") })
        #expect(fleet.agents.contains { $0.clientMachine == "us-db-02" })
        #expect(fleet.agents.filter { !$0.isApproved }.count >= 2)
        #expect(fleet.agents.filter { $0.isApproved && !$0.hasCapability("LOGS") }.count >= 2)
        #expect(fleet.agents.filter { $0.failureMessage != nil }.count == 2)
        #expect(fleet.agents.contains { ($0.lastSeen ?? .distantPast) < TestFleet.start.addingTimeInterval(-86_400) })
        let types = Dictionary(uniqueKeysWithValues: fleet.jobTypes.map { ($0.name, $0) })
        #expect(Set(types.keys) == ["FetchLogs", "RefreshInventory", "RotateSSHKeys", "PurgeTempFiles"])
        #expect(types["FetchLogs"]?.fields.isEmpty == true)
        #expect(types["FetchLogs"]?.requiredCapability == "LOGS")
        let refresh = types["RefreshInventory"]?.fields ?? []
        #expect(refresh == [
            SimulatedJobTypeField(name: "Target", type: .string, defaultValue: nil, required: true),
            SimulatedJobTypeField(name: "Depth", type: .integer, defaultValue: "2", required: false),
            SimulatedJobTypeField(name: "IncludeExpired", type: .boolean, defaultValue: "false", required: false),
        ])
        #expect(types["RotateSSHKeys"]?.fields.map(\.type) == [.integer, .string, .dateTime])
        #expect(types["RotateSSHKeys"]?.fields.first?.defaultValue == "4096")
        #expect(types["PurgeTempFiles"]?.fields.map(\.name) == ["OlderThanDays", "DryRun"])
        // Every field type code is covered.
        let codes = Set(fleet.jobTypes.flatMap { $0.fields.map(\.type) })
        #expect(codes == [.string, .integer, .dateTime, .boolean])
    }

    @Test func builtInAgentIdsAreStable() {
        let first = SimulatorFleet.builtInDefault(now: TestFleet.start).agents.map(\.agentId)
        let second = SimulatorFleet.builtInDefault(now: Date()).agents.map(\.agentId)
        #expect(first == second)
        #expect(Set(first).count == first.count)
        #expect(first.allSatisfy { UUID(uuidString: $0) != nil && $0 == $0.lowercased() })
    }

    @Test func generatedFleetHasTenThousandDeterministicAgents() throws {
        let bytes = try Self.example("generated-10k.yaml")
        let (fleet, diagnostics) = SimulatorFleet.load(bytes, file: "generated-10k.yaml", now: TestFleet.start)
        #expect(diagnostics.isEmpty)
        let agents = fleet?.agents ?? []
        #expect(agents.count == 10_000)
        #expect(agents.first?.clientMachine == "node-00001")
        #expect(agents.last?.clientMachine == "node-10000")
        #expect(Set(agents.map(\.agentId)).count == 10_000)
        #expect(agents.filter(\.isApproved).count == 9_990)
        let again = SimulatorFleet.load(bytes, file: "generated-10k.yaml", now: TestFleet.start).fleet?.agents ?? []
        #expect(again.map(\.agentId) == agents.map(\.agentId))
        #expect(AgentIdentity.guid(seed: 7, name: "node-00001") == agents.first?.agentId)
        #expect(AgentIdentity.guid(seed: 8, name: "node-00001") != agents.first?.agentId)
    }

    @Test func fleetSettingsAreRead() throws {
        let fleet = try TestFleet.fleet(
            casing: "camel",
            extra: """
                faults: {latency: 5ms..50ms, failRate: 0.1, throttleRate: 5%, dropRate: 0.01, hangRate: 0, retryAfter: 3, seed: 9, applyToReads: true}
                auth: {basic: {username: u, password: p}}
                """)
        #expect(fleet.casing == .camel)
        #expect(fleet.jobDelay == 10)
        #expect(fleet.faults == SimulatorFaults(
            latency: 0.005...0.05, failRate: 0.1, throttleRate: 0.05, dropRate: 0.01, hangRate: 0, retryAfter: 3, seed: 9,
            applyToReads: true))
        #expect(fleet.auth.basic == SimulatorAuth.BasicUser(username: "u", password: "p"))
        #expect(fleet.agents.first { $0.clientMachine == "us-db-01" }?.failureMessage == "disk full")
        #expect(fleet.agents.first { $0.clientMachine == "us-db-01" }?.platform == 2)
    }

    static let header = "apiVersion: kfjobs/v1\nkind: SimulatorFleet\n"

    @Test(arguments: [
        ("", "f.yaml:1:1: error: no fleet in f.yaml"),
        ("apiVersion: kfjobs/v2\nkind: SimulatorFleet\n", "f.yaml:1:13: error: apiVersion must be kfjobs/v1, not 'kfjobs/v2'"),
        ("kind: SimulatorFleet\n", "f.yaml:1:1: error: missing required key 'apiVersion' in the fleet"),
        (header + "agent:\n  - {clientMachine: a}\n", "f.yaml:3:1: error: unknown key 'agent' in the fleet; did you mean 'agents'?"),
        (header + "agents:\n  - {clientMachine: a, stauts: approved}\n", "f.yaml:4:24: error: unknown key 'stauts' in an agent; did you mean 'status'?"),
        (header + "agents:\n  - {status: approved}\n", "f.yaml:4:5: error: missing required key 'clientMachine' in an agent"),
        (header + "agents:\n  - {clientMachine: a, status: retired}\n", "f.yaml:4:32: error: status must be new, approved, disapproved or a number 1-4, not 'retired'"),
        (header + "agents:\n  - {clientMachine: a, platform: amiga}\n", "f.yaml:4:34: error: platform must be a number 0-7 or one of unknown, dotnet, java, mac, android, native, bash, universal"),
        (header + "agents:\n  - {clientMachine: a, lastSeen: soon}\n", "f.yaml:4:34: error: lastSeen must be an ISO 8601 time or an age such as 30m, 2h or 7d"),
        (header + "agents:\n  - {clientMachine: a, agentId: nope}\n", "f.yaml:4:33: error: 'nope' is not a GUID"),
        (header + "agents: {clientMachine: a}\n", "f.yaml:3:9: error: agents must be a list, not a mapping"),
        (header + "faults: {failRate: 1.5}\n", "f.yaml:3:20: error: failRate must be a number from 0 to 1 (or a percentage), not '1.5'"),
        (header + "faults: {failRate: 0.6, throttleRate: 0.6}\n", "f.yaml:3:9: error: failRate, throttleRate, dropRate and hangRate add up to more than 1"),
        (header + "faults: {latency: fast}\n", "f.yaml:3:19: error: latency must be a duration such as 20ms or a range such as 5ms..50ms"),
        (header + "jobs: {delay: soon}\n", "f.yaml:3:15: error: expected a duration such as 500ms, 2s, 5m, 1h or 7d (at most 36500d), not 'soon'"),
        (header + "server: {casing: snake}\n", "f.yaml:3:18: error: casing must be pascal or camel, not 'snake'"),
        (header + "generate:\n  - {count: 5, name: node}\n", "f.yaml:4:22: error: name must contain {index} or {index:0N} (N digits), as in node-{index:05}"),
        (header + "generate:\n  - {count: 0, name: \"n-{index}\"}\n", "f.yaml:4:13: error: count must be a whole number of at least 1, not '0'"),
        (header + "jobTypes:\n  - {name: T, fields: [{name: N, type: Float}]}\n", "f.yaml:4:40: error: type must be String, Integer, DateTime or Boolean (or 1-5), not 'Float'"),
        (header + "jobTypes:\n  - {name: T, fields: [{name: N, type: Integer, default: ten}]}\n", "f.yaml:4:58: error: the default 'ten' is not a valid Integer"),
        (header + "jobTypes:\n  - {name: T}\n  - {name: T}\n", "f.yaml:5:12: error: job type T is defined twice\nf.yaml:4:12: note: first defined here"),
        (header + "agents:\n  - {clientMachine: a}\n  - {clientMachine: A}\n", "f.yaml:5:5: error: agent A is defined twice\nf.yaml:4:5: note: first defined here"),
        (header + "---\n" + header, "f.yaml:3:1: error: a fleet file holds one document; this is the second\nf.yaml:1:1: note: the fleet starts here"),
    ])
    func mistakesAreLocated(text: String, expected: String) {
        let (fleet, diagnostics) = SimulatorFleet.load(Array(text.utf8), file: "f.yaml", now: TestFleet.start)
        #expect(fleet == nil)
        #expect(diagnostics.first?.description == expected)
    }

    @Test func everyMistakeIsReportedNotJustTheFirst() {
        let text = Self.header + "agents:\n  - {clientMachine: a, status: x}\n  - {clientMachine: b, platform: y}\nfaults: {seed: -1}\n"
        let (_, diagnostics) = SimulatorFleet.load(Array(text.utf8), file: "f.yaml", now: TestFleet.start)
        #expect(diagnostics.map { $0.location?.line } == [4, 5, 6])
    }
}
