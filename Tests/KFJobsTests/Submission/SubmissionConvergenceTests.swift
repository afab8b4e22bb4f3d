import Foundation
import KeyfactorWire
import NIOConcurrencyHelpers
import Testing
import TestSupport
@testable import KFJobs

/// Recreations and resubmissions in the engine: sent exactly like submissions (durable intent first,
/// reconciled when the answer is lost, bulk-grouped), recorded as `recreated` / with their token.
@Suite("Submission engine: recreate and resubmit")
final class SubmissionConvergenceTests: Sendable {
    let scratch = ScratchDirectory("kfjobs-engine-convergence")

    static func item(_ action: SubmissionItem.Action, agent index: Int = 1, token: String? = nil, reconcileSince: Date? = nil) -> SubmissionItem {
        let agent = String(format: "00000000-0000-0000-0000-%012d", index)
        return SubmissionItem(
            action: action,
            identity: JobIdentity(
                key: "m/j@\(agent)", fingerprint: "f", manifest: "m", job: "j", agentId: agent, clientMachine: "host-\(index)",
                jobTypeName: "PurgeTempFiles"),
            request: CustomJobRequest(agentId: agent, jobTypeName: "PurgeTempFiles", schedule: .interval(minutes: 60), jobFields: ["OlderThanDays": "7"]),
            reconcileSince: reconcileSince, resubmitToken: token)
    }

    func run(_ items: [SubmissionItem], server: ScriptedSubmissionServer, bulkSize: Int? = nil) async throws -> (SubmissionReport, [LedgerRecord]) {
        let opened = try LedgerFile.open(path: server.ledgerPath, holder: "test")
        let engine = SubmissionEngine(
            items: items, ledger: opened.file, run: "r1", server: "simulator",
            settings: SubmissionSettings(concurrency: 4, initialBackoff: 0.001, maximumBackoff: 0.01, settleInterval: 0, bulkSize: bulkSize),
            transport: server.transport, unitRandom: { 0.5 }, recordedJobIds: ["j-lost"])
        let report = await engine.run()
        opened.file.close()
        return (report, try LedgerReader.read(path: server.ledgerPath))
    }

    @Test func aRecreationIsSentLikeASubmissionAndRecordedAsRecreated() async throws {
        let server = ScriptedSubmissionServer(ledgerPath: try scratch.path("ledger.jsonl")) { request, _ in
            .created(jobId: "J-new", orchestratorId: request.agentId, requestTimestamp: "2026-12-02T00:00:00Z", httpStatus: 200)
        }
        let (report, records) = try await run([Self.item(.recreate(lostJobId: "J-lost"))], server: server)
        let outcome = try #require(report.outcomes.values.first)
        #expect(outcome.kind == .recreated)
        #expect(outcome.jobId == "J-new")
        #expect(records.map(\.type) == [.intent, .outcome])
        #expect(records.last?.outcome == .recreated)
        #expect(!server.seen.withLockedValue { $0.intentMissingAtSend }, "the intent was durable before the request left")
        #expect(server.seen.withLockedValue { $0.unscheduled }.isEmpty, "nothing is unscheduled: the lost job is gone")
        #expect(LedgerState(records: records).entry(server: "simulator", key: outcome.key)?.liveJobId == "J-new")
    }

    /// A lost answer is reconciled; the job found is the recreation, never the lost JobId the ledger
    /// already holds.
    @Test func aRecreationWhoseAnswerWasLostIsReconciled() async throws {
        let known = NIOLockedValueBox<KnownJobIds>([])
        let server = ScriptedSubmissionServer(ledgerPath: try scratch.path("ledger.jsonl"), reconcile: { _ in .found(jobId: "J-found") }) { _, _ in
            .unknown(.init(code: "transport.closed", message: "connection lost after sending"), httpStatus: nil)
        }
        var transport = server.transport
        let reconcile = transport.reconcile
        transport.reconcile = { item, since, ids, completion in
            known.withLockedValue { $0 = ids }
            reconcile(item, since, ids, completion)
        }
        let opened = try LedgerFile.open(path: server.ledgerPath, holder: "test")
        let engine = SubmissionEngine(
            items: [Self.item(.recreate(lostJobId: "J-lost"))], ledger: opened.file, run: "r1", server: "simulator",
            settings: SubmissionSettings(concurrency: 1, settleInterval: 0), transport: transport, recordedJobIds: ["J-lost"])
        let report = await engine.run()
        opened.file.close()
        let outcome = try #require(report.outcomes.values.first)
        #expect(outcome.kind == .recreated)
        #expect(outcome.jobId == "J-found")
        #expect(outcome.reconciled)
        #expect(known.withLockedValue { $0 }.contains("j-lost"), "the lost JobId is excluded from the look-up")
    }

    @Test func aResubmissionCarriesItsTokenOnTheIntentAndTheOutcome() async throws {
        let server = ScriptedSubmissionServer(ledgerPath: try scratch.path("ledger.jsonl")) { request, _ in
            .created(jobId: "J-again", orchestratorId: request.agentId, requestTimestamp: "2026-12-02T00:00:00Z", httpStatus: 200)
        }
        let (report, records) = try await run([Self.item(.resubmit(previousJobId: "J-1"), token: "run-7")], server: server)
        #expect(report.outcomes.values.first?.kind == .submitted)
        #expect(records.map(\.resubmitToken) == ["run-7", "run-7"])
        #expect(LedgerState(records: records).entries.first?.lastOutcome?.resubmitToken == "run-7")
        #expect(server.seen.withLockedValue { $0.requests.count } == 1)
    }

    /// Recreations and resubmissions are plain creations: with --bulk, identical ones share a call,
    /// and each keeps its own outcome kind and token.
    @Test func recreationsAndResubmissionsGoInBulk() async throws {
        let items = [
            Self.item(.recreate(lostJobId: "J-a"), agent: 1), Self.item(.submit, agent: 2, token: "t"),
            Self.item(.resubmit(previousJobId: "J-c"), agent: 3, token: "t"),
            Self.item(.recreate(lostJobId: "J-d"), agent: 4, reconcileSince: Date(timeIntervalSinceNow: -60)),
        ]
        let server = ScriptedSubmissionServer(
            ledgerPath: try scratch.path("ledger.jsonl"),
            bulk: { request, _ in
                .answered(BulkAnswer(
                    pairs: request.orchestratorIds.map { OrchestratorJobPair(jobId: "B-" + $0.suffix(1), orchestratorId: $0) },
                    failedOrchestratorIds: [], requestTimestamp: "2026-12-02T00:00:00Z", httpStatus: 200))
            },
            answer: { request, _ in .created(jobId: "S-" + request.agentId.suffix(1), orchestratorId: request.agentId, requestTimestamp: nil, httpStatus: 200) })
        let (report, records) = try await run(items, server: server, bulkSize: 10)
        let seen = server.seen.withLockedValue { $0 }
        #expect(seen.bulkRequests.map { $0.orchestratorIds.count } == [3])
        #expect(seen.requests.count == 1, "the one an earlier run may have created is looked up and sent alone")
        #expect(report.outcomes[items[0].key]?.kind == .recreated)
        #expect(report.outcomes[items[0].key]?.jobId == "B-1")
        #expect(report.outcomes[items[1].key]?.kind == .submitted)
        #expect(report.outcomes[items[2].key]?.kind == .submitted)
        #expect(report.outcomes[items[3].key]?.kind == .recreated)
        #expect(records.filter { $0.type == .outcome && $0.resubmitToken == "t" }.count == 2)
    }
}
