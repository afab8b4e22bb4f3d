import Foundation
@testable import KFJobs
import KeyfactorAPI
import KeyfactorWire
import Testing
import YAMLTree

/// The planner over the read seam: a query the server refuses is the selector's located problem,
/// any other failure of the server ends the plan with the client's error.
@Suite("Planner over ServerReads")
struct PlannerServerReadsTests {
    static let manifest = PlannerActionTests.manifest()

    static func plan(_ server: some ServerReads) async throws(KeyfactorClientError) -> Plan {
        let loaded = ManifestLoading(allowedEnvironment: [], environment: [:], now: PlannerActionTests.now)
            .load([YAMLSource(name: "m.yaml", bytes: Array(manifest.utf8))])
        return try await Planner(server: "simulator", now: PlannerActionTests.now)
            .plan(loaded.instances, manifests: ["demo"], using: server)
    }

    @Test func aQueryTheServerRefusesIsADiagnosticAtTheSelector() async throws {
        var server = FakeServerReads()
        server.rejectedQueries = ["Status -eq 2": "unknown field 'Status2'"]
        let plan = try await Self.plan(server)
        #expect(plan.jobs.isEmpty)
        let diagnostic = try #require(plan.diagnostics.first)
        #expect(diagnostic.message == "the server rejected this query: unknown field 'Status2'")
        #expect(diagnostic.location?.file == "m.yaml")
        #expect(diagnostic.location?.line == 7)
    }

    /// A server that cannot be used fails the whole plan, typed: no cast, no made-up fallback.
    @Test func aServerThatRefusesTheCredentialsEndsThePlan() async throws {
        struct Refusing: ServerReads {
            func customJobTypes() async throws(KeyfactorClientError) -> [CustomJobType] {
                throw .authentication(detail: "the server refused user svc (HTTP 401)")
            }
            func agents(query: String) async throws(KeyfactorClientError) -> [Agent] { [] }
            func scheduledJobs(query: String?, pageSize: Int?) async throws(KeyfactorClientError) -> [ScheduledJob] { [] }
            func jobHistory(query: String, pageSize: Int?) async throws(KeyfactorClientError) -> [JobHistoryEntry] { [] }
            func statusData(jobHistoryId: Int64) async throws(KeyfactorClientError) -> JobStatusData {
                JobStatusData(jobHistoryId: jobHistoryId, data: nil)
            }
        }
        do {
            _ = try await Self.plan(Refusing())
            Issue.record("expected the plan to fail")
        } catch {
            #expect(error.kind == .authentication)
        }
    }
}
