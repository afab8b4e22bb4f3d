import Foundation
import KeyfactorSimulator
import Testing

/// Fleet files whose values would crash or hang the simulator once it runs: refused when loaded.
@Suite("Hostile fleets")
struct HostileFleetTests {
    private static let head = "apiVersion: kfjobs/v1\nkind: SimulatorFleet\njobTypes: [{name: FetchLogs}]\n"

    private func messages(_ text: String) -> [String] {
        let (fleet, diagnostics) = SimulatorFleet.load(Array((Self.head + text).utf8), file: "f.yaml", now: TestFleet.start)
        #expect(fleet == nil)
        return diagnostics.map { "\($0.location.map { "\($0.line):\($0.column): " } ?? "")\($0.message)" }
    }

    @Test(arguments: [
        ("faults: {latency: inf}", "4:19: latency must be a duration such as 20ms or a range such as 5ms..50ms"),
        ("faults: {latency: 1e300s}", "4:19: latency must be a duration such as 20ms or a range such as 5ms..50ms"),
        ("jobs: {delay: infinity}", "4:15: expected a duration such as 500ms, 2s, 5m, 1h or 7d (at most 36500d), not 'infinity'"),
        ("auth: {oauth: {clientId: c, clientSecret: s, tokenLifetime: 1e300}}", "4:61: expected a duration such as 500ms, 2s, 5m, 1h or 7d (at most 36500d), not '1e300'"),
        ("agents: [{clientMachine: a, lastSeen: 1e308d}]", "4:39: lastSeen must be an ISO 8601 time or an age such as 30m, 2h or 7d"),
    ])
    func durationsMustBeFiniteAndAtMostACentury(text: String, expected: String) {
        #expect(messages(text + "\n") == [expected])
    }

    @Test func aGeneratorsIndexesMustNotOverflow() {
        #expect(messages("generate: [{count: 10, start: 9223372036854775800, name: 'n{index}'}]\n") == [
            "4:31: start + count must stay below 9223372036854775807"
        ])
    }

    @Test func generatorsTogetherAreBoundedBeforeAnyAgentIsBuilt() {
        let generators = (0..<500).map { "  - {count: 100000, name: 'g\($0)-{index}'}\n" }.joined()
        #expect(messages("generate:\n" + generators) == [
            "6:13: the fleet would have more than 100000 agents (listed and generated together)"
        ])
    }

    @Test func aThousandProblemsAreReportedAndTheRestCounted() {
        let keys = (0..<2_000).map { "u\($0): 1\n" }.joined()
        let found = messages(keys)
        #expect(found.count == 1_001)
        #expect(found.last == "1004:1: too many problems; the first 1000 are shown, fix them and run again")
    }
}
