import Foundation
@testable import KFJobs
import KeyfactorWire
import Testing
import YAMLTree

/// The planner's decision per job — submit, skip, adopt, replace, reconcile, prune — from the ledger
/// and the server's scheduled jobs, over an in-memory server.
@Suite("Planner actions")
struct PlannerActionTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let agent = "AAAAAAAA-0000-4000-8000-000000000001"
    static let key = "demo/j@aaaaaaaa-0000-4000-8000-000000000001"

    static func manifest(schedule: String = "immediate", force: String = "true", name: String = "j") -> String {
        """
        apiVersion: kfjobs/v1
        kind: JobManifest
        metadata: {name: demo}
        jobs:
          - name: \(name)
            jobType: Rotate
            agents: {query: 'Status -eq 2'}
            schedule: \(schedule)
            fields: {Force: '\(force)'}
        """
    }

    static func plan(_ text: String, ledger: [LedgerRecord] = [], server: FakeServerReads = FakeServerReads(), prune: Bool = false) async throws -> Plan {
        let loaded = ManifestLoading(allowedEnvironment: [], environment: [:], now: now)
            .load([YAMLSource(name: "m.yaml", bytes: Array(text.utf8))])
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let plan = try await Planner(server: "simulator", now: now, ledger: LedgerState(records: ledger), prune: prune)
            .plan(loaded.instances, manifests: Set(loaded.manifests.map(\.name.value)), using: server)
        #expect(plan.diagnostics.isEmpty, "\(plan.diagnostics)")
        return plan
    }

    /// The identity a first plan gives the job, to write ledgers that hold it.
    static func identity(_ text: String) async throws -> JobIdentity {
        try #require(try await plan(text).jobs.first).identity
    }

    static func record(_ type: LedgerRecord.RecordType, _ identity: JobIdentity, _ outcome: JobOutcome.Kind? = nil, jobId: String? = nil, at seconds: Double = 0) -> LedgerRecord {
        let at = Date(timeIntervalSince1970: 1_799_990_000 + seconds)
        guard let outcome else { return LedgerRecord(intent: identity, at: at, run: "r1", server: "simulator") }
        var result = JobOutcome(outcome, identity, at: at, attempts: 1, durationMs: 5)
        result.jobId = jobId
        return LedgerRecord(outcome: result, run: "r1", server: "simulator")
    }

    @Test func aJobTheLedgerDoesNotHoldIsSubmitted() async throws {
        let plan = try await Self.plan(Self.manifest())
        let job = try #require(plan.jobs.first)
        #expect(plan.jobs.count == 1)
        #expect(job.action == .submit)
        #expect(job.reconcileSince == nil)
        #expect(job.identity == JobIdentity(
            key: Self.key, fingerprint: job.identity.fingerprint, manifest: "demo", job: "j", agentId: Self.agent,
            clientMachine: "web-01", jobTypeName: "Rotate"))
        #expect(job.request == CustomJobRequest(agentId: Self.agent, jobTypeName: "Rotate", schedule: .immediate, jobFields: ["Force": "true"]))
    }

    /// The fingerprint production keeps is that of the canonical values: `TRUE` and `true` are one
    /// definition, and it is the fingerprint the expansion computes from the canonical fields.
    @Test func theFingerprintIsOfTheCanonicalValues() async throws {
        let spelled = try await Self.identity(Self.manifest(force: "TRUE"))
        let canonical = try await Self.identity(Self.manifest(force: "true"))
        #expect(spelled.fingerprint == canonical.fingerprint)
        #expect(spelled.fingerprint != (try await Self.identity(Self.manifest(force: "false"))).fingerprint)
        #expect(canonical.fingerprint == JobFingerprint.compute(
            jobType: "Rotate", schedule: .immediate,
            fields: [ConcreteField(name: "Force", value: "true", isSensitive: false, nameLocation: .init(file: "m", line: 1, column: 1), valueLocation: .init(file: "m", line: 1, column: 1))]))
    }

    @Test(arguments: [JobOutcome.Kind.submitted, .adopted, .replaced])
    func aJobTheLedgerHoldsUnchangedIsSkipped(outcome: JobOutcome.Kind) async throws {
        let identity = try await Self.identity(Self.manifest())
        let plan = try await Self.plan(Self.manifest(), ledger: [
            Self.record(.intent, identity), Self.record(.outcome, identity, outcome, jobId: "J-1"),
        ])
        #expect(plan.jobs.map(\.action) == [.skip(jobId: "J-1")])
        #expect(plan.requestCount == 0)
    }

    @Test(arguments: [JobOutcome.Kind.rejected, .failed, .unscheduled, .cancelled])
    func aJobWhoseLastOutcomeLeftNothingIsSubmittedAgain(outcome: JobOutcome.Kind) async throws {
        let identity = try await Self.identity(Self.manifest())
        let plan = try await Self.plan(Self.manifest(), ledger: [Self.record(.intent, identity), Self.record(.outcome, identity, outcome)])
        #expect(plan.jobs.map(\.action) == [.submit])
        #expect(plan.jobs.first?.reconcileSince == nil)
    }

    @Test func aChangedRecurringJobReplacesTheOneTheLedgerHolds() async throws {
        let old = try await Self.identity(Self.manifest(schedule: "{interval: 90m}", force: "false"))
        var server = FakeServerReads()
        server.scheduled = [ScheduledJob(id: "J-old", clientMachine: "web-01", schedule: .interval(minutes: 90), jobType: "Rotate")]
        let plan = try await Self.plan(
            Self.manifest(schedule: "{interval: 90m}"), ledger: [Self.record(.outcome, old, .submitted, jobId: "J-old")], server: server)
        #expect(plan.jobs.map(\.action) == [.replace(previousJobId: "J-old")], "the old job is still scheduled, and never adopted")
        #expect(plan.jobs.first?.action.existingJobId == "J-old")
    }

    @Test func aChangedImmediateJobIsSubmittedNotReplaced() async throws {
        let old = try await Self.identity(Self.manifest(force: "false"))
        let plan = try await Self.plan(Self.manifest(), ledger: [Self.record(.outcome, old, .submitted, jobId: "J-old")])
        #expect(plan.jobs.map(\.action) == [.submit])
    }

    /// An intent with no outcome, even after an outcome with the same fingerprint: its request may
    /// have left, so the job is looked up from that intent's time before anything is sent.
    @Test func anOpenIntentIsReconciledFromItsTime() async throws {
        let identity = try await Self.identity(Self.manifest())
        let plan = try await Self.plan(Self.manifest(), ledger: [
            Self.record(.outcome, identity, .submitted, jobId: "J-1", at: 0), Self.record(.intent, identity, at: 60),
        ])
        let job = try #require(plan.jobs.first)
        #expect(job.action == .submit)
        #expect(job.reconcileSince == Date(timeIntervalSince1970: 1_799_990_060))
    }

    @Test func anUnknownOutcomeIsReconciledFromTheFirstUnsettledIntent() async throws {
        let identity = try await Self.identity(Self.manifest())
        let plan = try await Self.plan(Self.manifest(), ledger: [
            Self.record(.intent, identity, at: 10), Self.record(.outcome, identity, .unknown, at: 20),
            Self.record(.intent, identity, at: 30), Self.record(.outcome, identity, .unknown, at: 40),
        ])
        let job = try #require(plan.jobs.first)
        #expect(job.action == .submit)
        #expect(job.reconcileSince == Date(timeIntervalSince1970: 1_799_990_010))
    }

    @Test func anIdenticalRecurringJobOnTheServerIsAdoptedOnce() async throws {
        var server = FakeServerReads()
        server.scheduled = [ScheduledJob(id: "S-1", clientMachine: "WEB-01", schedule: .interval(minutes: 90), jobType: "Rotate")]
        let twice = Self.manifest(schedule: "{interval: 90m}") + "\n  - name: k\n    jobType: Rotate\n    agents: {query: 'Status -eq 2'}\n    schedule: {interval: 90m}\n    fields: {Force: 'true'}\n"
        let plan = try await Self.plan(twice, server: server)
        #expect(plan.jobs.map(\.action) == [.adopt(jobId: "S-1"), .submit], "one server job is adopted by one key only")
        #expect(plan.jobs.map(\.key) == [Self.key, "demo/k@aaaaaaaa-0000-4000-8000-000000000001"])
    }

    @Test func aRecurringJobOfAnotherScheduleIsNotAdopted() async throws {
        var server = FakeServerReads()
        server.scheduled = [ScheduledJob(id: "S-1", clientMachine: "web-01", schedule: .interval(minutes: 60), jobType: "Rotate")]
        let plan = try await Self.plan(Self.manifest(schedule: "{interval: 90m}"), server: server)
        #expect(plan.jobs.map(\.action) == [.submit])
    }

    /// `--prune`: a recurring job the ledger holds for this manifest that no job defines any more is
    /// unscheduled, with the identity the ledger recorded — but only while it is still scheduled.
    @Test(arguments: [true, false])
    func pruneUnschedulesWhatNoManifestDefinesAnyMore(stillScheduled: Bool) async throws {
        let gone = try await Self.identity(Self.manifest(schedule: "{interval: 90m}", name: "gone"))
        var server = FakeServerReads()
        if stillScheduled {
            server.scheduled = [ScheduledJob(id: "J-gone", clientMachine: "web-01", schedule: .interval(minutes: 30), jobType: "Rotate")]
        }
        let plan = try await Self.plan(Self.manifest(), ledger: [Self.record(.outcome, gone, .submitted, jobId: "J-gone")], server: server, prune: true)
        let pruned = plan.jobs.filter { $0.action.kind == .unschedule }
        if stillScheduled {
            #expect(pruned.map(\.action) == [.unschedule(jobId: "J-gone")])
            #expect(pruned.first?.identity == gone)
        } else {
            #expect(pruned.isEmpty)
        }
        #expect(plan.jobs.filter { $0.action == .submit }.map(\.key) == [Self.key])
    }

    @Test func pruneIsOffUnlessAsked() async throws {
        let gone = try await Self.identity(Self.manifest(schedule: "{interval: 90m}", name: "gone"))
        var server = FakeServerReads()
        server.scheduled = [ScheduledJob(id: "J-gone", clientMachine: "web-01", schedule: .interval(minutes: 90), jobType: "Rotate")]
        let plan = try await Self.plan(Self.manifest(), ledger: [Self.record(.outcome, gone, .submitted, jobId: "J-gone")], server: server)
        #expect(plan.jobs.map(\.action) == [.submit])
    }

    /// A job renamed with its definition unchanged adopts the old key's job; pruning must keep it.
    @Test func pruneKeepsAJobAnotherKeyAdopted() async throws {
        let old = try await Self.identity(Self.manifest(schedule: "{interval: 90m}", name: "old"))
        var server = FakeServerReads()
        server.scheduled = [ScheduledJob(id: "J-old", clientMachine: "web-01", schedule: .interval(minutes: 90), jobType: "Rotate")]
        let plan = try await Self.plan(
            Self.manifest(schedule: "{interval: 90m}"), ledger: [Self.record(.outcome, old, .submitted, jobId: "J-old")], server: server, prune: true)
        #expect(plan.jobs.map(\.action) == [.adopt(jobId: "J-old")])
    }
}
