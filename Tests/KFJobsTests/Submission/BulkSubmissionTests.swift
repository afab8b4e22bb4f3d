import Foundation
import KeyfactorWire
import NIOConcurrencyHelpers
import Testing
import TestSupport
@testable import KFJobs

/// `apply --bulk` in the engine, over an injected transport: which jobs are grouped, how a bulk
/// answer maps back to each agent, retries and lost answers, and the one-request-per-lane invariant.
@Suite("Bulk submission")
final class BulkSubmissionTests: Sendable {
    /// This test's ledgers, removed after it.
    let scratch = ScratchDirectory("kfjobs-bulk")

    /// The scripted server of these tests: bulk answers as given, every single request created.
    static func bulkServer(
        ledgerPath: String, reconcile: @escaping @Sendable (SubmissionItem) -> ReconcileResult = { _ in .none },
        bulk: @escaping @Sendable (BulkJobRequest, Int) -> BulkAttemptResult
    ) -> ScriptedSubmissionServer {
        ScriptedSubmissionServer(ledgerPath: ledgerPath, reconcile: reconcile, bulk: bulk) { request, _ in
            .created(jobId: "single-" + request.agentId, orchestratorId: request.agentId, requestTimestamp: nil, httpStatus: 200)
        }
    }

    static func agent(_ index: Int) -> String { String(format: "00000000-0000-0000-0000-%012d", index) }

    /// One job per agent for `agents`, all with the same fields unless `fields` says otherwise.
    static func items(agents: Range<Int>, jobType: String = "FetchLogs", fields: [String: String] = ["Lines": "100"], tag: String = "a")
        -> [SubmissionItem]
    {
        agents.map { index in
            let agent = agent(index)
            return SubmissionItem(
                action: .submit,
                identity: JobIdentity(
                    key: "m/\(tag)@\(agent)", fingerprint: "f-\(tag)-\(index)", manifest: "m", job: tag, agentId: agent,
                    clientMachine: "host-\(index)", jobTypeName: jobType),
                request: CustomJobRequest(agentId: agent, jobTypeName: jobType, jobFields: fields))
        }
    }

    static func everyoneCreated(_ request: BulkJobRequest, _ attempt: Int) -> BulkAttemptResult {
        .answered(BulkAnswer(
            pairs: request.orchestratorIds.map { OrchestratorJobPair(jobId: "bulk-" + $0 + "-" + (request.jobFields["Lines"] ?? ""), orchestratorId: $0) },
            failedOrchestratorIds: [], requestTimestamp: "2026-11-29T00:00:00.000Z", httpStatus: 200))
    }

    private func run(
        _ items: [SubmissionItem], server: ScriptedSubmissionServer,
        settings: SubmissionSettings = SubmissionSettings(concurrency: 4, initialBackoff: 0.001, maximumBackoff: 0.01, bulkSize: 10),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> (SubmissionReport, [LedgerRecord]) {
        let opened = try LedgerFile.open(path: server.ledgerPath, holder: "test")
        let engine = SubmissionEngine(
            items: items, ledger: opened.file, run: "r1", server: "simulator", settings: settings, transport: server.transport,
            clock: clock, unitRandom: { 0.5 })
        let report = await engine.run()
        opened.file.close()
        return (report, try LedgerReader.read(path: server.ledgerPath))
    }

    // MARK: - Grouping

    @Test func identicalRequestsAreGroupedUpToTheSizeAndTheRestGoAlone() {
        var items = Self.items(agents: 0..<25)
        items += Self.items(agents: 0..<3, fields: ["Lines": "5"], tag: "b")
        items += Self.items(agents: 30..<31, fields: ["Lines": "7"], tag: "c")
        items[1].action = .replace(previousJobId: "OLD")
        items[2].reconcileSince = Date(timeIntervalSince1970: 0)
        items[3].action = .adopt(jobId: "EXISTING")
        let (groups, alone) = BulkGrouping.groups(of: items, size: 10)
        #expect(groups.map(\.items.count) == [10, 10, 2, 3], "22 plain FetchLogs jobs in groups of at most 10, then the other fields")
        #expect(groups[3].request.jobFields == ["Lines": "5"])
        #expect(groups[0].request.orchestratorIds == groups[0].items.map(\.agentId))
        #expect(Set(alone.map(\.key)) == Set([items[1].key, items[2].key, items[3].key, items.last?.key ?? ""]),
                "replace, reconcile-first, adopt and a job nothing else shares go alone")
    }

    @Test func anAgentIsNeverTwiceInOneGroup() {
        // Two keys with the very same request on one agent: they must be two requests, never one.
        let items = Self.items(agents: 0..<3) + Self.items(agents: 0..<3, tag: "again")
        let (groups, alone) = BulkGrouping.groups(of: items, size: 100)
        #expect(alone.isEmpty)
        #expect(groups.count == 2)
        for group in groups { #expect(Set(group.request.orchestratorIds).count == group.request.orchestratorIds.count) }
    }

    @Test(arguments: [
        (Schedule.immediate, Schedule.immediate, 1),
        (.immediate, .interval(minutes: 30), 2),
    ])
    func theScheduleIsPartOfWhatMustBeIdentical(first: Schedule, second: Schedule, groups: Int) {
        var items = Self.items(agents: 0..<4)
        for index in 2..<4 { items[index].request.schedule = second }
        for index in 0..<2 { items[index].request.schedule = first }
        #expect(BulkGrouping.groups(of: items, size: 100).groups.count == groups)
    }

    // MARK: - Answers

    @Test func failedOrchestratorsAreRejectedAndTheOthersGetTheirJobIds() async throws {
        let items = Self.items(agents: 0..<6)
        let failing: Set<String> = [Self.agent(1), Self.agent(4)]
        let server = Self.bulkServer(ledgerPath: try ledgerPath()) { request, _ in
            .answered(BulkAnswer(
                pairs: request.orchestratorIds.filter { !failing.contains($0) }.map { OrchestratorJobPair(jobId: "J-" + $0, orchestratorId: $0.uppercased()) },
                failedOrchestratorIds: Array(failing), requestTimestamp: "2026-11-29T00:00:00.000Z", httpStatus: 200))
        }
        let (report, records) = try await run(items, server: server)
        #expect(report.counts == [.submitted: 4, .rejected: 2])
        #expect(server.seen.withLockedValue { $0.bulkRequests.count } == 1)
        #expect(server.seen.withLockedValue { $0.requests.isEmpty })
        #expect(!server.seen.withLockedValue { $0.intentMissingAtSend }, "every agent's intent was durable before the bulk request left")
        for item in items {
            let outcome = try #require(report.outcomes[item.key])
            if failing.contains(item.agentId) {
                #expect(outcome.kind == .rejected)
                #expect(outcome.error?.code == "bulk.failed")
                #expect(outcome.error?.message.contains(item.agentId) == true)
                #expect(outcome.jobId == nil)
            } else {
                #expect(outcome.kind == .submitted)
                #expect(outcome.jobId == "J-" + item.agentId)
                #expect(outcome.requestTimestamp == "2026-11-29T00:00:00.000Z")
            }
        }
        #expect(records.filter { $0.type == .intent }.count == 6, "one intent per agent")
        #expect(records.filter { $0.type == .outcome }.count == 6, "one outcome per agent")
    }

    @Test func aLostBulkAnswerIsReconciledPerAgentAndNeverResentAsAGroup() async throws {
        let items = Self.items(agents: 0..<5)
        // The server created jobs for agents 0 and 2 before the connection dropped.
        let server = Self.bulkServer(ledgerPath: try ledgerPath(), reconcile: { item in
            [Self.agent(0), Self.agent(2)].contains(item.agentId) ? .found(jobId: "R-" + item.agentId) : .none
        }) { _, _ in
            .failed(.unknown(.init(code: "transport.closed", message: "connection lost after sending"), httpStatus: nil))
        }
        let (report, _) = try await run(items, server: server)
        let seen = server.seen.withLockedValue { $0 }
        #expect(seen.bulkRequests.count == 1, "a lost bulk answer is never resent blindly")
        #expect(Set(seen.reconciled) == Set(items.map(\.agentId)))
        #expect(seen.reconciled.count == 5, "each agent looked up once")
        #expect(Set(seen.requests.map(\.agentId)) == [Self.agent(1), Self.agent(3), Self.agent(4)],
                "only agents with nothing on the server are sent again, alone")
        #expect(report.counts == [.submitted: 5])
        #expect(report.outcomes[items[0].key]?.jobId == "R-" + Self.agent(0))
        #expect(report.outcomes[items[0].key]?.reconciled == true)
        #expect(report.outcomes[items[1].key]?.jobId == "single-" + Self.agent(1))
        #expect(report.outcomes[items[1].key]?.attempts == 2)
    }

    @Test func aLostBulkAnswerWaitsForTheRequestToSettleBeforeLookingUp() async throws {
        let lookedAt = NIOLockedValueBox<Date?>(nil)
        let sentAtReading = NIOLockedValueBox<Date?>(nil)
        // The engine's own send time: its last clock reading before the bulk request, since nothing else
        // reads the clock until the answer (a time taken in the transport can come later on a busy machine).
        let lastReading = NIOLockedValueBox<Date?>(nil)
        let clock: @Sendable () -> Date = {
            let now = Date()
            lastReading.withLockedValue { $0 = now }
            return now
        }
        let server = Self.bulkServer(ledgerPath: try ledgerPath(), reconcile: { _ in
            lookedAt.withLockedValue { if $0 == nil { $0 = Date() } }
            return .none
        }) { _, attempt in
            if attempt == 1 { sentAtReading.withLockedValue { $0 = $0 ?? lastReading.withLockedValue { $0 } } }
            return .failed(.unknown(.init(code: "http.504", message: "gateway timeout"), httpStatus: 504))
        }
        let settings = SubmissionSettings(concurrency: 2, settleInterval: 0.3, bulkSize: 10)
        let (report, _) = try await run(Self.items(agents: 0..<3), server: server, settings: settings, clock: clock)
        #expect(report.counts == [.submitted: 3])
        let sentAt = try #require(sentAtReading.withLockedValue { $0 })
        let waited = try #require(lookedAt.withLockedValue { $0 }).timeIntervalSince(sentAt)
        // Dispatch never fires a deadline early: the look-up came after the bulk request had settled.
        #expect(waited >= 0.29)
    }

    @Test func ambiguousAgentsOfALostBulkAnswerStayUnknown() async throws {
        let server = Self.bulkServer(ledgerPath: try ledgerPath(), reconcile: { _ in .ambiguous(count: 2) }) { _, _ in
            .failed(.unknown(.init(code: "transport.timeout", message: "no answer"), httpStatus: nil))
        }
        let (report, _) = try await run(Self.items(agents: 0..<4), server: server)
        #expect(report.counts == [.unknown: 4])
        #expect(server.seen.withLockedValue { $0.requests.isEmpty })
        #expect(report.hasJobFailures)
    }

    @Test func aThrottledBulkRequestIsRetriedAsAWhole() async throws {
        let server = Self.bulkServer(ledgerPath: try ledgerPath()) { request, attempt in
            attempt <= 2
                ? .failed(.notSent(.init(code: "http.429", message: "too many requests"), httpStatus: 429, retryAfter: 0.001))
                : Self.everyoneCreated(request, attempt)
        }
        let (report, _) = try await run(Self.items(agents: 0..<8), server: server)
        #expect(report.counts == [.submitted: 8])
        #expect(server.seen.withLockedValue { $0.bulkRequests.count } == 3)
        #expect(report.outcomes.values.allSatisfy { $0.attempts == 3 })
        #expect(server.seen.withLockedValue { $0.reconciled.isEmpty })
    }

    @Test func aRejectedBulkRequestRejectsEveryAgentWithTheServersMessage() async throws {
        let server = Self.bulkServer(ledgerPath: try ledgerPath()) { _, _ in
            .failed(.rejected(.init(code: "0xA0110002", message: "Unknown field 'Lnes'"), httpStatus: 400))
        }
        let (report, _) = try await run(Self.items(agents: 0..<4), server: server)
        #expect(report.counts == [.rejected: 4])
        #expect(report.outcomes.values.allSatisfy { $0.error?.code == "0xA0110002" && $0.httpStatus == 400 })
        #expect(server.seen.withLockedValue { $0.bulkRequests.count } == 1)
    }

    @Test func anAgentTheAnswerDoesNotMentionIsLookedUpNotResent() async throws {
        let server = Self.bulkServer(ledgerPath: try ledgerPath(), reconcile: { item in .found(jobId: "R-" + item.agentId) }) { request, _ in
            .answered(BulkAnswer(
                pairs: [OrchestratorJobPair(jobId: "J0", orchestratorId: request.orchestratorIds[0])], failedOrchestratorIds: [],
                requestTimestamp: nil, httpStatus: 200))
        }
        let (report, _) = try await run(Self.items(agents: 0..<3), server: server)
        #expect(report.counts == [.submitted: 3])
        #expect(server.seen.withLockedValue { $0.reconciled.count } == 2)
        #expect(server.seen.withLockedValue { $0.requests.isEmpty })
    }

    // MARK: - Lanes

    @Test func groupsSharingAgentsAndSingleJobsAreNeverInFlightTogetherOnOneLane() async throws {
        // Three matrix combinations over the same 30 agents, plus replacements on some of them.
        var items = Self.items(agents: 0..<30, fields: ["Lines": "1"], tag: "one")
        items += Self.items(agents: 0..<30, fields: ["Lines": "2"], tag: "two")
        items += Self.items(agents: 10..<40, fields: ["Lines": "3"], tag: "three")
        var replaced = Self.items(agents: 0..<10, tag: "r")
        for index in replaced.indices { replaced[index].action = .replace(previousJobId: "OLD-\(index)") }
        items += replaced
        let server = Self.bulkServer(ledgerPath: try ledgerPath(), bulk: Self.everyoneCreated)
        let settings = SubmissionSettings(concurrency: 8, bulkSize: 7)
        let (report, records) = try await run(items, server: server, settings: settings)
        #expect(report.counts == [.submitted: 90, .replaced: 10])
        let seen = server.seen.withLockedValue { $0 }
        #expect(!seen.laneOverlap, "no two requests for one (agent, job type) were in flight together")
        #expect(seen.bulkRequests.allSatisfy { $0.orchestratorIds.count <= 7 })
        #expect(seen.bulkRequests.map(\.orchestratorIds.count).reduce(0, +) == 90)
        #expect(seen.requests.count == 10)
        #expect(Set(records.filter { $0.outcome == .submitted }.compactMap(\.jobId)).count == 90, "every agent has its own JobId")
    }

    @Test func aStoppedRunStartsNoBulkRequest() async throws {
        let path = try ledgerPath()
        let opened = try LedgerFile.open(path: path, holder: "test")
        let server = Self.bulkServer(ledgerPath: path, bulk: Self.everyoneCreated)
        let engine = SubmissionEngine(
            items: Self.items(agents: 0..<20), ledger: opened.file, run: "r1", server: "simulator",
            settings: SubmissionSettings(concurrency: 1, bulkSize: 5), transport: server.transport)
        engine.stop()
        let report = await engine.run()
        opened.file.close()
        #expect(report.stopped)
        #expect(report.notStarted == 20)
        #expect(server.seen.withLockedValue { $0.bulkRequests.isEmpty })
    }

    /// A new ledger path in this test's scratch directory.
    func ledgerPath() throws -> String {
        try scratch.path("ledger-\(UUID().uuidString).jsonl")
    }
}
