import Diagnostics
import Foundation
import KFJobs
import KeyfactorAPI
import KeyfactorSimulator
import Testing
import YAMLTree

@Suite("Examples against the simulator's default fleet")
struct ExamplesAgainstSimulatorTests {
    /// Plans one example against a fresh simulator on 127.0.0.1 (port 0) seeded with the built-in fleet.
    static func plan(example name: String) async throws -> (loading: [Diagnostic], plan: Plan) {
        let url = ManifestTestSupport.repositoryRoot.appendingPathComponent("examples").appendingPathComponent(name)
        let bytes = try [UInt8](Data(contentsOf: url))
        let now = Date()
        let loaded = ManifestLoading(allowedEnvironment: [], environment: [:], now: now).load([YAMLSource(name: name, bytes: bytes)])
        let simulator = try await KeyfactorSimulator.start(fleet: SimulatorFleet.builtInDefault(now: now))
        do {
            let settings = try ConnectionSettings.resolve(
                flags: ConnectionFlags(url: simulator.baseURL, allowInsecureHTTP: true), environment: [:], userAgentVersion: "test")
            let plan = try await withKeyfactorClient(settings: settings) { client in
                try await Planner(server: "simulator", now: now)
                    .plan(loaded.instances, manifests: Set(loaded.manifests.map(\.name.value)), using: client)
            }
            try await simulator.shutdown()
            return (loaded.diagnostics, plan)
        } catch {
            try? await simulator.shutdown()
            throw error
        }
    }

    @Test("every example plans against the default fleet: no problem, and jobs to submit", arguments: ExamplesAndSchemaTests.examples)
    func examplePlans(name: String) async throws {
        let (loading, plan) = try await Self.plan(example: name)
        #expect(loading.isEmpty, "\(loading)")
        #expect(plan.diagnostics.filter { $0.severity == .error }.isEmpty, "\(plan.diagnostics)")
        #expect(!plan.jobs.isEmpty)
        #expect(plan.jobs.allSatisfy { $0.action == .submit })
    }

    @Test("the explicit-agents example targets exactly the agents it names")
    func explicitAgents() async throws {
        let (_, plan) = try await Self.plan(example: "explicit-agents.yaml")
        let byJob = Dictionary(grouping: plan.jobs, by: \.identity.job).mapValues { $0.map(\.identity.clientMachine).sorted() }
        #expect(byJob["by-id"] == ["eu-bastion-01", "us-bastion-01"])
        #expect(byJob["by-name"] == ["ap-web-01", "eu-web-01", "us-web-01"])
    }
}
