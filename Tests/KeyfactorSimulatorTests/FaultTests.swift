import AsyncHTTPClient
import Foundation
import KeyfactorSimulator
import Testing
@testable import KeyfactorSimulator

@Suite struct FaultTests {
    static let submission = SubmissionTests.request(TestFleet.euWeb01, "FetchLogs")

    @Test func throttleIs429WithRetryAfterAndCreatesNothing() async throws {
        try await Harness.with(try TestFleet.fleet(extra: "faults: {throttleRate: 1, retryAfter: 7}")) { harness in
            let reply = try await harness.post("/OrchestratorJobs/Custom", Self.submission)
            #expect(reply.status == 429)
            #expect(reply.headers["Retry-After"].first == "7")
            #expect(try await harness.createdJobs().isEmpty)
            // Reads are spared unless the fleet says otherwise.
            #expect(try await harness.get("/Agents").status == 200)
        }
    }

    @Test func failIs503AndCreatesNothing() async throws {
        try await Harness.with(try TestFleet.fleet(extra: "faults: {failRate: 1}")) { harness in
            let reply = try await harness.post("/OrchestratorJobs/Custom", Self.submission)
            #expect(reply.status == 503)
            #expect(reply.object["ErrorCode"] as? String != nil)
            #expect(try await harness.createdJobs().isEmpty)
        }
    }

    @Test func readsGetFaultsWhenAsked() async throws {
        try await Harness.with(try TestFleet.fleet(extra: "faults: {failRate: 100%, applyToReads: true}")) { harness in
            let read = try await harness.get("/Agents")
            // Inspection is never faulted.
            let inspection = try await harness.send(.GET, "/_simulator/stats", api: false, headers: [])
            #expect(read.status == 503)
            #expect(inspection.status == 200)
        }
    }

    @Test func dropCommitsTheJobButTheClientGetsNoAnswer() async throws {
        try await Harness.with(try TestFleet.fleet(extra: "faults: {dropRate: 1}")) { harness in
            await #expect(throws: (any Error).self) {
                _ = try await harness.post("/OrchestratorJobs/Custom", Self.submission)
            }
            let created = try await harness.createdJobs()
            #expect(created.count == 1)
            #expect(created.first?["AgentId"] as? String == TestFleet.euWeb01)
            let stats = try await harness.send(.GET, "/_simulator/stats", api: false, headers: []).object
            let requests = stats["Requests"] as? [String: [String: Int]] ?? [:]
            #expect(requests["POST /OrchestratorJobs/Custom"] == ["drop": 1])
        }
    }

    @Test func hangGivesNoAnswerUntilTheClientGivesUpAndDoesNotBlockShutdown() async throws {
        try await Harness.with(try TestFleet.fleet(extra: "faults: {hangRate: 1}")) { harness in
            await #expect {
                _ = try await harness.send(.POST, "/OrchestratorJobs/Custom", body: Self.submission, timeout: .milliseconds(300))
            } throws: { error in
                (error as? HTTPClientError) == .deadlineExceeded
            }
            let created = try await harness.createdJobs()
            #expect(created.isEmpty)
        }
    }

    @Test func hangingRequestIsReleasedByShutdown() async throws {
        let clock = ManualSimulatorClock(now: TestFleet.start)
        let simulator = try await KeyfactorSimulator.start(
            fleet: try TestFleet.fleet(extra: "faults: {hangRate: 1}"), options: .init(clock: clock))
        let harness = Harness(simulator: simulator, clock: clock)
        let pending = Task { try await harness.post("/OrchestratorJobs/Custom", Self.submission) }
        // Wait until the server holds the request, by asking it (no sleeping on a guess).
        var held = false
        for _ in 0..<10_000 where !held {
            let stats = try await harness.send(.GET, "/_simulator/stats", api: false, headers: []).object
            held = (stats["Requests"] as? [String: [String: Int]])?["POST /OrchestratorJobs/Custom"]?["hang"] == 1
            await Task.yield()
        }
        #expect(held)
        try await simulator.shutdown()
        // The client sees the connection closed, not an answer, and long before its 10 s timeout.
        let result = await pending.result
        #expect(throws: (any Error).self) { try result.get() }
    }

    @Test func faultsAreReproducibleFromTheSeed() {
        let faults = SimulatorFaults(
            latency: 0.005...0.050, failRate: 0.1, throttleRate: 0.2, dropRate: 0.05, hangRate: 0.05, seed: 42)
        func run(_ faults: SimulatorFaults) -> [String] {
            let injector = FaultInjector(faults)
            return (0..<2000).map { _ in
                let decision = injector.decide(isSubmission: true)
                return "\(decision.action)"
            }
        }
        let first = run(faults)
        #expect(first == run(faults))
        var other = faults
        other.seed = 43
        #expect(first != run(other))
        let counts = Dictionary(grouping: first, by: { $0 }).mapValues(\.count)
        // Rates hold roughly over 2,000 draws: each kind appears, the most common is "none".
        #expect(Set(counts.keys) == ["none", "fail", "throttle", "drop", "hang"])
        #expect((counts["throttle"] ?? 0) > (counts["fail"] ?? 0))
        #expect((counts["none"] ?? 0) > 1000)
        let injector = FaultInjector(faults)
        for _ in 0..<100 {
            let latency = injector.decide(isSubmission: true).latency ?? -1
            #expect(latency >= 0.005 && latency <= 0.050)
        }
        #expect(injector.decide(isSubmission: false).action == .none)
    }
}

extension FaultDecision.Action: CustomStringConvertible {
    public var description: String {
        switch self {
        case .none: "none"
        case .fail: "fail"
        case .throttle: "throttle"
        case .drop: "drop"
        case .hang: "hang"
        }
    }
}
