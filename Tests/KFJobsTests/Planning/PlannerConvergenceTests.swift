import Foundation
@testable import KFJobs
import KeyfactorWire
import Testing
import YAMLTree

/// Convergence in the planner: recurring jobs the server lost are recreated (an identical one adopted
/// first), jobs that run once never count as drift, `--resubmit TOKEN` sends them again at most once
/// per token, and `plan --detailed-exitcode` says which of these a plan holds.
@Suite("Planner convergence")
struct PlannerConvergenceTests {
    typealias Actions = PlannerActionTests

    static let recurring = Actions.manifest(schedule: "{interval: 90m}")

    /// Plans like `PlannerActionTests.plan`, with a token, and without requiring a clean plan.
    static func plan(
        _ text: String, ledger: [LedgerRecord] = [], server: FakeServerReads = FakeServerReads(), token: String? = nil, prune: Bool = false
    ) async throws -> Plan {
        let loaded = ManifestLoading(allowedEnvironment: [], environment: [:], now: Actions.now)
            .load([YAMLSource(name: "m.yaml", bytes: Array(text.utf8))])
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let resubmit = try token.map { try ResubmitToken.parse($0).get() }
        return try await Planner(server: "simulator", now: Actions.now, ledger: LedgerState(records: ledger), prune: prune, resubmitToken: resubmit)
            .plan(loaded.instances, manifests: Set(loaded.manifests.map(\.name.value)), using: server)
    }

    static func scheduled(_ id: String, minutes: Int = 90) -> ScheduledJob {
        ScheduledJob(id: id, clientMachine: "web-01", schedule: .interval(minutes: minutes), jobType: "Rotate")
    }

    /// An outcome record with the token it was sent under.
    static func outcome(_ identity: JobIdentity, _ kind: JobOutcome.Kind, jobId: String, token: String?) -> LedgerRecord {
        var record = Actions.record(.outcome, identity, kind, jobId: jobId)
        record.resubmitToken = token
        return record
    }

    // MARK: - Drift

    @Test(arguments: [JobOutcome.Kind.submitted, .adopted, .replaced, .recreated])
    func aRecurringJobTheServerLostIsRecreated(outcome: JobOutcome.Kind) async throws {
        let identity = try await Actions.identity(Self.recurring)
        var server = FakeServerReads()
        server.scheduled = [Self.scheduled("S-other", minutes: 60)]
        let plan = try await Self.plan(Self.recurring, ledger: [Actions.record(.outcome, identity, outcome, jobId: "J-1")], server: server)
        #expect(plan.jobs.map(\.action) == [.recreate(lostJobId: "J-1")])
        #expect(plan.jobs.first?.action.existingJobId == "J-1")
        #expect(plan.jobs.first?.reconcileSince == nil)
        #expect(plan.requestCount == 1)
        #expect(plan.detailedExitCode == 2)
    }

    /// A recreation a killed run left open is reconciled first, and still recorded as a recreation.
    @Test func anUncertainRecreationIsReconciledAsARecreation() async throws {
        let identity = try await Actions.identity(Self.recurring)
        let plan = try await Self.plan(Self.recurring, ledger: [
            Actions.record(.outcome, identity, .submitted, jobId: "J-1", at: 0), Actions.record(.intent, identity, at: 60),
        ])
        let job = try #require(plan.jobs.first)
        #expect(job.action == .recreate(lostJobId: "J-1"))
        #expect(job.reconcileSince == Date(timeIntervalSince1970: 1_799_990_060))
    }

    @Test func aRecurringJobStillScheduledIsSkipped() async throws {
        let identity = try await Actions.identity(Self.recurring)
        var server = FakeServerReads()
        server.scheduled = [Self.scheduled("j-1")]
        let plan = try await Self.plan(Self.recurring, ledger: [Actions.record(.outcome, identity, .submitted, jobId: "J-1")], server: server)
        #expect(plan.jobs.map(\.action) == [.skip(jobId: "J-1")], "JobIds compare case-insensitively")
        #expect(plan.detailedExitCode == 0)
    }

    /// The adopt rule comes first: someone scheduled an identical job by hand after the loss.
    @Test func anIdenticalJobIsAdoptedRatherThanRecreated() async throws {
        let identity = try await Actions.identity(Self.recurring)
        var server = FakeServerReads()
        server.scheduled = [Self.scheduled("S-by-hand")]
        let plan = try await Self.plan(Self.recurring, ledger: [Actions.record(.outcome, identity, .submitted, jobId: "J-1")], server: server)
        #expect(plan.jobs.map(\.action) == [.adopt(jobId: "S-by-hand")])
        #expect(plan.detailedExitCode == 0, "adopting only writes the ledger")
    }

    @Test(arguments: ["immediate", "{once: \"2027-06-01T02:30:00Z\"}"])
    func aJobThatRunsOnceIsNeverDrift(schedule: String) async throws {
        let text = Actions.manifest(schedule: schedule) + "\n  - name: r\n    jobType: Rotate\n    agents: {query: 'Status -eq 2'}\n    schedule: {interval: 90m}\n"
        let identity = try await Actions.identity(text)
        // ScheduledJobs is read (another job of the type recurs) and does not hold the job that ran.
        let plan = try await Self.plan(text, ledger: [Actions.record(.outcome, identity, .submitted, jobId: "J-ran")])
        #expect(plan.jobs.first?.action == .skip(jobId: "J-ran"))
    }

    /// Reading ScheduledJobs failed: nothing can be called lost, a warning says why, and a drift
    /// check cannot call the plan clean.
    @Test func unreadableScheduledJobsAreAWarningNotDrift() async throws {
        let identity = try await Actions.identity(Self.recurring)
        var server = FakeServerReads()
        server.scheduledJobsForbidden = "the account may not read scheduled jobs"
        let plan = try await Self.plan(Self.recurring, ledger: [Actions.record(.outcome, identity, .submitted, jobId: "J-1")], server: server)
        #expect(plan.jobs.map(\.action) == [.skip(jobId: "J-1")])
        #expect(plan.errorCount == 0)
        let warning = try #require(plan.diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.message.hasPrefix("cannot read the server's scheduled Rotate jobs ("), "\(warning.message)")
        #expect(warning.message.contains("403"), "\(warning.message)")
        #expect(warning.location?.line == 6, "at the job's jobType")
        #expect(plan.driftUncheckedJobTypes == ["Rotate"])
        #expect(plan.detailedExitCode == 1)
    }

    @Test func aChangedRecurringJobTheServerLostIsSubmittedNotReplaced() async throws {
        let old = try await Actions.identity(Actions.manifest(schedule: "{interval: 90m}", force: "false"))
        var server = FakeServerReads()
        server.scheduled = [Self.scheduled("S-other", minutes: 60)]
        let plan = try await Self.plan(Self.recurring, ledger: [Actions.record(.outcome, old, .submitted, jobId: "J-old")], server: server)
        #expect(plan.jobs.map(\.action) == [.submit], "nothing is left to unschedule")
    }

    /// A job the ledger gives to one planned key is never adopted by another (a new job with the
    /// same orchestrator, type and schedule), even when the first key only skips.
    @Test func aJobTheLedgerGivesToAPlannedKeyIsNotAdoptedByAnother() async throws {
        let twice = Self.recurring + "\n  - name: k\n    jobType: Rotate\n    agents: {query: 'Status -eq 2'}\n    schedule: {interval: 90m}\n    fields: {Force: 'false'}\n"
        let identity = try await Actions.identity(Self.recurring)
        var server = FakeServerReads()
        server.scheduled = [Self.scheduled("S-1")]
        let plan = try await Self.plan(twice, ledger: [Actions.record(.outcome, identity, .submitted, jobId: "S-1")], server: server)
        #expect(plan.jobs.map(\.action) == [.skip(jobId: "S-1"), .submit])
    }

    /// `--prune` treats a recreated job as any live one: no manifest defines it, it is unscheduled.
    @Test func pruneUnschedulesARecreatedJobNoManifestDefines() async throws {
        let gone = try await Actions.identity(Actions.manifest(schedule: "{interval: 90m}", name: "gone"))
        var server = FakeServerReads()
        server.scheduled = [Self.scheduled("J-again", minutes: 30)]
        let plan = try await Self.plan(
            Actions.manifest(), ledger: [Actions.record(.outcome, gone, .recreated, jobId: "J-again")], server: server, prune: true)
        #expect(plan.jobs.filter { $0.action.kind == .unschedule }.map(\.action) == [.unschedule(jobId: "J-again")])
    }

    // MARK: - Resubmission

    @Test func aDoneImmediateJobIsResubmittedUnderANewTokenOnly() async throws {
        let text = Actions.manifest()
        let identity = try await Actions.identity(text)
        let first = try await Self.plan(text, ledger: [Self.outcome(identity, .submitted, jobId: "J-1", token: nil)], token: "run-1")
        #expect(first.jobs.map(\.action) == [.resubmit(previousJobId: "J-1")])
        #expect(first.jobs.first?.resubmitToken == "run-1")
        #expect(first.resubmitToken == "run-1")
        #expect(first.detailedExitCode == 2)

        let same = try await Self.plan(text, ledger: [Self.outcome(identity, .submitted, jobId: "J-2", token: "run-1")], token: "run-1")
        #expect(same.jobs.map(\.action) == [.skip(jobId: "J-2")], "the same token never sends it twice")
        #expect(same.jobs.first?.resubmitToken == nil)

        let next = try await Self.plan(text, ledger: [Self.outcome(identity, .submitted, jobId: "J-2", token: "run-1")], token: "run-2")
        #expect(next.jobs.map(\.action) == [.resubmit(previousJobId: "J-2")])

        let none = try await Self.plan(text, ledger: [Self.outcome(identity, .submitted, jobId: "J-2", token: "run-1")])
        #expect(none.jobs.map(\.action) == [.skip(jobId: "J-2")], "without --resubmit nothing is sent again")
    }

    /// A first submission in a run with a token carries it too, so that a retried CI step with the
    /// same token does not resubmit what its first attempt submitted.
    @Test func aFirstSubmissionCarriesTheToken() async throws {
        let plan = try await Self.plan(Actions.manifest(), token: "run-1")
        #expect(plan.jobs.map(\.action) == [.submit])
        #expect(plan.jobs.first?.resubmitToken == "run-1")
    }

    @Test func recurringJobsAreNeverResubmitted() async throws {
        let identity = try await Actions.identity(Self.recurring)
        var server = FakeServerReads()
        server.scheduled = [Self.scheduled("J-1")]
        let plan = try await Self.plan(Self.recurring, ledger: [Actions.record(.outcome, identity, .submitted, jobId: "J-1")], server: server, token: "run-1")
        #expect(plan.jobs.map(\.action) == [.skip(jobId: "J-1")])
        let fresh = try await Self.plan(Self.recurring, token: "run-1")
        #expect(fresh.jobs.map(\.action) == [.submit])
        #expect(fresh.jobs.first?.resubmitToken == nil, "a recurring job carries no token")
    }

    /// A resubmission whose answer was lost is reconciled like any submission, under the same token.
    @Test func anUncertainResubmissionIsReconciledNotResentBlindly() async throws {
        let text = Actions.manifest()
        let identity = try await Actions.identity(text)
        var intent = Actions.record(.intent, identity, at: 60)
        intent.resubmitToken = "run-1"
        let plan = try await Self.plan(text, ledger: [Self.outcome(identity, .submitted, jobId: "J-1", token: nil), intent], token: "run-1")
        let job = try #require(plan.jobs.first)
        #expect(job.action == .submit)
        #expect(job.reconcileSince == Date(timeIntervalSince1970: 1_799_990_060))
        #expect(job.resubmitToken == "run-1")
    }

    // MARK: - Tokens

    @Test(arguments: ["1", "12345678901", "pipeline-42/attempt:3", "ünïcödé", String(repeating: "x", count: 128)])
    func aTokenIsPrintableWithoutWhiteSpace(text: String) throws {
        #expect(try ResubmitToken.parse(text).get().value == text)
    }

    @Test(arguments: [
        ("", "--resubmit needs a token of 1 to 128 characters, not an empty one"),
        (String(repeating: "x", count: 129), "--resubmit token is 129 characters long; give at most 128"),
        ("a b", "--resubmit token holds white space (U+0020); use printable characters without white space, e.g. $GITHUB_RUN_ID"),
        ("a\tb", "--resubmit token holds white space (U+0009); use printable characters without white space, e.g. $GITHUB_RUN_ID"),
        ("a\u{1B}[31m", "--resubmit token holds a character that is not printable (U+001B); use printable characters without white space, e.g. $GITHUB_RUN_ID"),
        ("a\u{202E}b", "--resubmit token holds a character that is not printable (U+202E); use printable characters without white space, e.g. $GITHUB_RUN_ID"),
        ("a\u{00A0}b", "--resubmit token holds white space (U+00A0); use printable characters without white space, e.g. $GITHUB_RUN_ID"),
    ])
    func anythingElseIsRefusedSayingWhy(text: String, message: String) {
        switch ResubmitToken.parse(text) {
        case .success(let token): Issue.record("accepted \(token)")
        case .failure(let error): #expect(error.message == message)
        }
    }

    // MARK: - Detailed exit code

    @Test func theDetailedExitCodeIsTwoForEveryChangeAndZeroForNone() async throws {
        let identity = try await Actions.identity(Actions.manifest())
        let ledger = [Actions.record(.outcome, identity, .submitted, jobId: "J-1")]
        #expect(try await Self.plan(Actions.manifest(), ledger: ledger).detailedExitCode == 0)
        #expect(try await Self.plan(Actions.manifest()).detailedExitCode == 2, "a submission")
        #expect(try await Self.plan(Actions.manifest(), ledger: ledger, token: "t").detailedExitCode == 2, "a resubmission")
        let broken = try await Self.plan(Actions.manifest().replacingOccurrences(of: "Force: 'true'", with: "Forse: 'true'"))
        #expect(broken.errorCount == 1)
        #expect(broken.detailedExitCode == 1)
    }
}
