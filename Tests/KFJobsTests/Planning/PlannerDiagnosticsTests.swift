import Foundation
import KFJobs
import KeyfactorAPI
import KeyfactorSimulator
import TestSupport
import Testing
import YAMLTree

/// Mistakes only the server can reveal, each planned over HTTP against the simulator's default fleet
/// and pinned to its exact message and to the place a marker shows.
@Suite("Planning diagnostics against the simulator")
struct PlannerDiagnosticsTests {
    /// Plans `text` (one manifest) against a fresh simulator with the built-in fleet.
    static func plan(_ text: String, fleet: SimulatorFleet? = nil) async throws -> Plan {
        let now = Date()
        let loaded = ManifestLoading(allowedEnvironment: [], environment: [:], now: now)
            .load([YAMLSource(name: "m.yaml", bytes: Array(text.utf8))])
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let simulator = try await KeyfactorSimulator.start(fleet: fleet ?? SimulatorFleet.builtInDefault(now: now))
        do {
            let settings = try ConnectionSettings.resolve(
                flags: ConnectionFlags(url: simulator.baseURL), environment: [:], userAgentVersion: "test")
            let plan = try await withKeyfactorClient(settings: settings) { client in
                try await Planner(server: "simulator", now: now)
                    .plan(loaded.instances, manifests: Set(loaded.manifests.map(\.name.value)), using: client)
            }
            try await simulator.shutdown()
            return plan
        } catch {
            try? await simulator.shutdown()
            throw error
        }
    }

    static func manifest(_ job: String) -> String {
        "apiVersion: kfjobs/v1\nkind: JobManifest\nmetadata: {name: demo}\njobs:\n  - name: j\n" + job
    }

    static let cases: [(name: String, job: String, message: String)] = [
        ("unknown job type", "    jobType: 1️⃣RefreshInventroy\n    agents: {query: 'Status -eq 2'}\n",
         "unknown job type 'RefreshInventroy'; did you mean 'RefreshInventory'?"),
        ("job type differing in case", "    jobType: 1️⃣fetchlogs\n    agents: {query: 'Status -eq 2'}\n",
         "unknown job type 'fetchlogs'; did you mean 'FetchLogs'? (names are case-sensitive)"),
        ("unknown field", "    jobType: RefreshInventory\n    agents: {query: 'Status -eq 2'}\n    fields: {Target: x, 1️⃣Dept: 3}\n",
         "job type RefreshInventory has no field 'Dept'; did you mean 'Depth'?"),
        ("field differing in case", "    jobType: RefreshInventory\n    agents: {query: 'Status -eq 2'}\n    fields: {Target: x, 1️⃣depth: 3}\n",
         "job type RefreshInventory has no field 'depth'; did you mean 'Depth'? (names are case-sensitive)"),
        ("not an integer", "    jobType: RefreshInventory\n    agents: {query: 'Status -eq 2'}\n    fields: {Target: x, Depth: 1️⃣deep}\n",
         "field 'Depth' is an Integer, but 'deep' is not a 64-bit whole number"),
        ("integer beyond 64 bits", "    jobType: RefreshInventory\n    agents: {query: 'Status -eq 2'}\n    fields: {Target: x, Depth: 1️⃣99999999999999999999}\n",
         "field 'Depth' is an Integer, but '99999999999999999999' is not a 64-bit whole number"),
        ("YAML 1.1 boolean", "    jobType: RefreshInventory\n    agents: {query: 'Status -eq 2'}\n    fields: {Target: x, IncludeExpired: 1️⃣yes}\n",
         "field 'IncludeExpired' is a Boolean, but 'yes' is not true or false (YAML 1.1's yes/no/on/off are not booleans here); write true or false"),
        ("not a date-time", "    jobType: RotateSSHKeys\n    agents: {query: 'Status -eq 2'}\n    fields: {NotAfter: 1️⃣tomorrow}\n",
         "field 'NotAfter' is a DateTime, but 'tomorrow' is not an ISO 8601 date-time; write e.g. 2026-12-01T02:30:00Z"),
        // A required field left out is missing from the job's `fields`: reported at its first key, or at `{}`.
        ("required field missing from fields", "    jobType: PurgeTempFiles\n    agents: {query: 'Status -eq 2'}\n    fields:\n      1️⃣DryRun: true\n",
         "job type PurgeTempFiles requires field 'OlderThanDays', which has no default; add it under fields"),
        ("required field missing from flow fields", "    jobType: PurgeTempFiles\n    agents: {query: 'Status -eq 2'}\n    fields: {1️⃣DryRun: true}\n",
         "job type PurgeTempFiles requires field 'OlderThanDays', which has no default; add it under fields"),
        ("required field missing from empty fields", "    jobType: PurgeTempFiles\n    agents: {query: 'Status -eq 2'}\n    fields: 1️⃣{}\n",
         "job type PurgeTempFiles requires field 'OlderThanDays', which has no default; add it under fields"),
        ("selector matching nothing", "    jobType: FetchLogs\n    agents: {query: 1️⃣'ClientMachine -eq \"nowhere\"'}\n",
         "the selector matches no orchestrator (at least 1 expected); check it for a typo, or lower expect.min"),
        ("too many agents", "    jobType: FetchLogs\n    agents: {query: 1️⃣'Status -eq 2', expect: {max: 3}}\n",
         "21 eligible orchestrators, more than expect.max 3; narrow the selector, or raise expect.max"),
        ("too few eligible", "    jobType: FetchLogs\n    agents: {query: 1️⃣'ClientMachine -startswith \"eu-\"', expect: {min: 12}}\n",
         "only 9 eligible orchestrators of 11 matched (at least 12 expected); see the exclusions, or lower expect.min"),
        ("unknown client machine", "    jobType: FetchLogs\n    agents: {clientMachines: [eu-web-01, 1️⃣eu-web-99]}\n",
         "no orchestrator is named 'eu-web-99'"),
        ("unknown agent id", "    jobType: FetchLogs\n    agents: {ids: [1️⃣0f3c5a6e-0000-4000-8000-000000000001]}\n",
         "no orchestrator has AgentId 0f3c5a6e-0000-4000-8000-000000000001"),
        ("query the server rejects", "    jobType: FetchLogs\n    agents: {query: 1️⃣'Stauts -eq 2'}\n",
         "the server rejected this query: "),
    ]

    @Test(arguments: cases)
    func mistakeIsReportedAtItsPlace(name: String, job: String, message: String) async throws {
        let marked = MarkedText(Self.manifest(job))
        let plan = try await Self.plan(marked.text)
        let errors = plan.diagnostics.filter { $0.severity == .error }
        let expected = "\(marked.at("1️⃣")): error: \(message)"
        let rendered = errors.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "-"): error: \($0.message)" }
        #expect(rendered.contains { $0 == expected || (message.hasSuffix(": ") && $0.hasPrefix(expected)) }, "\(rendered)")
        #expect(plan.errorCount >= 1)
    }

    /// Without a `fields` mapping the job's own mapping lacks the field: the error is at the job,
    /// not at its jobType (and not at the defaults' fields, which the job may not use).
    @Test func aRequiredFieldOfAJobWithoutFieldsIsReportedAtTheJob() async throws {
        let marked = MarkedText("""
            apiVersion: kfjobs/v1
            kind: JobManifest
            metadata: {name: demo}
            defaults:
              fields: {DryRun: true}
            jobs:
              - 1️⃣name: j
                jobType: PurgeTempFiles
                agents: {query: 'Status -eq 2'}
              - 2️⃣{name: k, jobType: PurgeTempFiles, agents: {query: 'Status -eq 2'}}

            """)
        let plan = try await Self.plan(marked.text)
        let rendered = plan.diagnostics.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "-"): \($0.severity.rawValue): \($0.message)" }
        let message = "error: job type PurgeTempFiles requires field 'OlderThanDays', which has no default; add it under fields"
        #expect(rendered == ["\(marked.at("1️⃣")): \(message)", "\(marked.at("2️⃣")): \(message)"])
    }

    @Test func aMistakeRepeatedOverManyAgentsIsReportedOnceWithACount() async throws {
        let marked = MarkedText(Self.manifest(
            "    jobType: RefreshInventory\n    agents: {query: 'Status -eq 2'}\n    fields: {Target: x, Depth: 1️⃣\"${agent.ClientMachine}\"}\n"))
        let plan = try await Self.plan(marked.text)
        #expect(plan.diagnostics.count == 1)
        let diagnostic = try #require(plan.diagnostics.first)
        #expect("\(diagnostic.location?.line ?? 0):\(diagnostic.location?.column ?? 0)" == marked.at("1️⃣"))
        #expect(diagnostic.message.hasPrefix("field 'Depth' is an Integer, but '${agent.ClientMachine}' renders to values that are not a 64-bit whole number (on 24 orchestrators, e.g. "))
    }

    @Test func pagingThroughALargeFleetFindsEveryAgent() async throws {
        let text = try String(contentsOf: ManifestTestSupport.repositoryRoot.appendingPathComponent("examples/fleets/generated-10k.yaml"), encoding: .utf8)
        let fleet = try #require(SimulatorFleet.load(Array(text.utf8), file: "generated-10k.yaml").fleet)
        let plan = try await Self.plan(Self.manifest("    jobType: FetchLogs\n    agents: {query: 'Status -eq 2', expect: {max: 10000}}\n"), fleet: fleet)
        #expect(plan.errorCount == 0, "\(plan.diagnostics)")
        #expect(Set(plan.jobs.map(\.identity.agentId)).count == plan.jobs.count)
        #expect(plan.jobs.count + plan.excluded.count == plan.definitions.first?.matched)
        #expect(plan.jobs.count > 9_000)
    }
}
