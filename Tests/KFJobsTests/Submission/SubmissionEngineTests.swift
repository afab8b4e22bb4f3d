import Foundation
import KeyfactorWire
import NIOConcurrencyHelpers
import Testing
import TestSupport
@testable import KFJobs

/// The Dispatch submission engine over an injected transport: retry classes, reconciliation, lanes,
/// the concurrency bound, durable intents, fatal errors and stopping.
@Suite("Submission engine")
final class SubmissionEngineTests: Sendable {
    /// This test's ledgers, removed after it.
    let scratch = ScratchDirectory("kfjobs-engine")

    static func items(_ count: Int, jobType: String = "FetchLogs", agents: Int? = nil) -> [SubmissionItem] {
        (0..<count).map { index in
            let agent = String(format: "00000000-0000-0000-0000-%012d", index % (agents ?? count))
            return SubmissionItem(
                action: .submit,
                identity: JobIdentity(
                    key: "m/j[i=\(index)]@\(agent)", fingerprint: "f\(index)", manifest: "m", job: "j",
                    agentId: agent, clientMachine: "host-\(index)", jobTypeName: jobType),
                request: CustomJobRequest(agentId: agent, jobTypeName: jobType, jobFields: ["I": "\(index)"])
            )
        }
    }

    /// A new ledger path in this test's scratch directory.
    func ledgerPath() throws -> String {
        try scratch.path("ledger-\(UUID().uuidString).jsonl")
    }

    static func created(_ request: CustomJobRequest) -> AttemptResult {
        .created(jobId: "job-" + request.agentId.suffix(6) + "-" + (request.jobFields["I"] ?? ""), orchestratorId: request.agentId, requestTimestamp: "2026-11-29T00:00:00Z", httpStatus: 200)
    }

    private func run(
        _ items: [SubmissionItem], server: ScriptedSubmissionServer,
        settings: SubmissionSettings = SubmissionSettings(concurrency: 4, initialBackoff: 0.001, maximumBackoff: 0.01),
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

    @Test func everyJobGetsAnIntentThenAnOutcomeWithinTheConcurrencyBound() async throws {
        let server = ScriptedSubmissionServer(ledgerPath: try ledgerPath()) { request, _ in Self.created(request) }
        let (report, records) = try await run(Self.items(200), server: server)
        #expect(report.counts == [.submitted: 200])
        #expect(report.notStarted == 0)
        #expect(records.filter { $0.type == .intent }.count == 200)
        #expect(records.filter { $0.outcome == .submitted }.count == 200)
        let seen = server.seen.withLockedValue { $0 }
        #expect(seen.maxInFlight <= 4)
        #expect(seen.maxInFlight > 1, "requests ran concurrently")
        #expect(!seen.intentMissingAtSend, "every intent was in the ledger before its request left")
        for record in records where record.type == .outcome {
            let intent = records.firstIndex { $0.type == .intent && $0.key == record.key }
            let outcome = records.firstIndex { $0 == record }
            #expect((intent ?? .max) < (outcome ?? .min))
        }
    }

    @Test func twoRequestsForTheSameAgentAndJobTypeAreNeverInFlightTogether() async throws {
        let server = ScriptedSubmissionServer(ledgerPath: try ledgerPath()) { request, _ in Self.created(request) }
        let (report, _) = try await run(Self.items(60, agents: 3), server: server, settings: SubmissionSettings(concurrency: 16))
        #expect(report.counts == [.submitted: 60])
        #expect(server.seen.withLockedValue { $0.laneOverlap } == false)
    }

    /// A finished lane hands its slot to the next lane itself, from whatever thread its answer came
    /// on: with answers given inside `submit` and lanes of several jobs, every job still runs once,
    /// after its one intent, within the bound.
    @Test(arguments: [1, 3, 16])
    func lanesHandTheirSlotOnWhateverThreadTheAnswerArrives(concurrency: Int) async throws {
        let server = ScriptedSubmissionServer(ledgerPath: try ledgerPath(), answersInline: true) { request, _ in Self.created(request) }
        let (report, records) = try await run(Self.items(150, agents: 50), server: server, settings: SubmissionSettings(concurrency: concurrency))
        #expect(report.counts == [.submitted: 150])
        let intents = records.filter { $0.type == .intent }.compactMap(\.key)
        #expect(intents.count == 150 && Set(intents).count == 150, "one intent per job")
        let seen = server.seen.withLockedValue { $0 }
        #expect(seen.maxInFlight <= concurrency)
        #expect(!seen.laneOverlap)
        #expect(!seen.intentMissingAtSend)
    }

    @Test func throttledRequestsAreRetriedUntilCreated() async throws {
        let server = ScriptedSubmissionServer(ledgerPath: try ledgerPath()) { request, attempt in
            attempt <= 2 ? .notSent(.init(code: "http.429", message: "too many requests"), httpStatus: 429, retryAfter: 0.001) : Self.created(request)
        }
        let (report, _) = try await run(Self.items(5), server: server)
        #expect(report.counts == [.submitted: 5])
        #expect(report.outcomes.values.allSatisfy { $0.attempts == 3 })
    }

    @Test func retriesAreBoundedAndThenTheJobFailed() async throws {
        let server = ScriptedSubmissionServer(ledgerPath: try ledgerPath()) { _, _ in
            .notSent(.init(code: "http.503", message: "service unavailable"), httpStatus: 503, retryAfter: nil)
        }
        let settings = SubmissionSettings(concurrency: 2, retries: 3, initialBackoff: 0.001, maximumBackoff: 0.002)
        let (report, _) = try await run(Self.items(3), server: server, settings: settings)
        #expect(report.counts == [.failed: 3])
        #expect(report.outcomes.values.allSatisfy { $0.attempts == 4 && $0.httpStatus == 503 })
        #expect(report.hasJobFailures)
    }

    @Test func aRejectionIsRecordedWithTheServersMessageAndNotRetried() async throws {
        let server = ScriptedSubmissionServer(ledgerPath: try ledgerPath()) { _, _ in
            .rejected(.init(code: "0xA0110002", message: "Unknown field 'Depht'"), httpStatus: 400)
        }
        let (report, records) = try await run(Self.items(2), server: server)
        #expect(report.counts == [.rejected: 2])
        #expect(server.seen.withLockedValue { $0.requests.count } == 2)
        #expect(records.last?.error == LedgerRecord.ErrorInfo(code: "0xA0110002", message: "Unknown field 'Depht'"))
    }

    @Test(arguments: [
        ("found", LedgerRecord.Outcome.submitted, 1),
        ("none", .submitted, 2),
        ("ambiguous", .unknown, 1),
    ])
    func anUnknownOutcomeIsReconciledBeforeAnythingIsSentAgain(found: String, expected: LedgerRecord.Outcome, requests: Int) async throws {
        let server = ScriptedSubmissionServer(ledgerPath: try ledgerPath(), reconcile: { _ in
            switch found {
            case "found": .found(jobId: "J-reconciled")
            case "none": .none
            default: .ambiguous(count: 2)
            }
        }) { request, attempt in
            attempt == 1 ? .unknown(.init(code: "transport.timeout", message: "no answer within 30 s"), httpStatus: nil) : Self.created(request)
        }
        let (report, _) = try await run(Self.items(1), server: server)
        #expect(report.counts == [expected: 1])
        #expect(server.seen.withLockedValue { $0.requests.count } == requests)
        #expect(server.seen.withLockedValue { $0.reconciled.count } == 1)
        if found == "found" {
            #expect(report.outcomes.values.first?.jobId == "J-reconciled")
            #expect(report.outcomes.values.first?.reconciled == true)
        }
    }

    @Test func nothingIsConcludedBeforeARequestCanNoLongerActOnTheServer() async throws {
        let reconciledAt = NIOLockedValueBox<[Date]>([])
        let sentAt = NIOLockedValueBox<Date?>(nil)
        // The engine's own send time (its last clock reading before the request; nothing else reads the
        // clock until the answer): the transport's answer runs after a thread hand-off, which on a busy
        // machine can come tens of milliseconds later and made this test flaky.
        let lastReading = NIOLockedValueBox<Date?>(nil)
        let clock: @Sendable () -> Date = {
            let now = Date()
            lastReading.withLockedValue { $0 = now }
            return now
        }
        let server = ScriptedSubmissionServer(ledgerPath: try ledgerPath(), reconcile: { _ in
            reconciledAt.withLockedValue { $0.append(Date()) }
            return .none
        }) { request, attempt in
            if attempt == 1 { sentAt.withLockedValue { $0 = lastReading.withLockedValue { $0 } } }
            return attempt == 1 ? .unknown(.init(code: "transport.closed", message: "connection lost after sending"), httpStatus: nil) : Self.created(request)
        }
        let settings = SubmissionSettings(concurrency: 1, settleInterval: 0.3)
        let (report, _) = try await run(Self.items(1), server: server, settings: settings, clock: clock)
        #expect(report.counts == [.submitted: 1])
        let waited = try #require(reconciledAt.withLockedValue { $0.first }).timeIntervalSince(try #require(sentAt.withLockedValue { $0 }))
        // Dispatch never fires a deadline early: the look-up came after the request had settled.
        #expect(waited >= 0.29)
    }

    @Test func forbiddenStopsTheWholeRun() async throws {
        let server = ScriptedSubmissionServer(ledgerPath: try ledgerPath()) { _, _ in
            .fatal(.init(code: "http.403", message: "permission /agents/management/modify/ is missing"), httpStatus: 403)
        }
        let (report, _) = try await run(Self.items(50), server: server, settings: SubmissionSettings(concurrency: 1))
        #expect(report.fatalError?.code == "http.403")
        #expect(report.notStarted == 49)
        #expect(server.seen.withLockedValue { $0.requests.count } == 1)
    }

    @Test func stoppingStartsNothingNewAndRecordsWhatWasInFlight() async throws {
        let path = try ledgerPath()
        let opened = try LedgerFile.open(path: path, holder: "test")
        let engineBox = NIOLockedValueBox<SubmissionEngine?>(nil)
        let server = ScriptedSubmissionServer(ledgerPath: path) { request, _ in
            // The third request asks the run to stop, as a SIGINT handler would.
            if request.jobFields["I"] == "2" { engineBox.withLockedValue { $0?.stop() } }
            return Self.created(request)
        }
        let engine = SubmissionEngine(items: Self.items(20), ledger: opened.file, run: "r1", server: "simulator", settings: SubmissionSettings(concurrency: 1), transport: server.transport)
        engineBox.withLockedValue { $0 = engine }
        let report = await engine.run()
        // The box, the engine's transport and the server's answer closure form a cycle: break it, or the
        // engine and its ledger outlive the test (LeakSanitizer reports them).
        engineBox.withLockedValue { $0 = nil }
        opened.file.close()
        #expect(report.stopped)
        #expect(report.counts[.submitted] == 3)
        #expect(report.notStarted == 17)
        let state = LedgerState(records: try LedgerReader.read(path: path))
        #expect(state.entries.allSatisfy { !$0.hasOpenIntent }, "no intent is left without an outcome")
    }

    /// Two keys of one orchestrator and job type (a matrix): an earlier run recorded the first's job,
    /// then was killed with the second's intent written and its request never sent. Reconciling the
    /// second must not take the first's job, which the server holds on the same orchestrator and job
    /// type moments earlier, for its own: the JobIds the ledger holds are excluded, and the second is
    /// sent (before, it was recorded as submitted with the first's JobId and never created).
    @Test func reconcilingNeverClaimsAJobTheLedgerAttributesToAnotherKey() async throws {
        let path = try ledgerPath()
        let onServer = NIOLockedValueBox<[String]>(["J-first"])
        let sent = NIOLockedValueBox(0)
        let transport = SubmissionTransport(
            submit: { _, completion in
                sent.withLockedValue { $0 += 1 }
                onServer.withLockedValue { $0.append("J-second") }
                completion(.created(jobId: "J-second", orchestratorId: nil, requestTimestamp: nil, httpStatus: 200))
            },
            unschedule: { _, completion in completion(.done(httpStatus: 204)) },
            reconcile: { _, _, known, completion in
                // The server's view: every job of this type on this orchestrator in the window.
                let candidates = onServer.withLockedValue { $0 }.filter { !known.contains($0.lowercased()) }
                completion(candidates.count == 1 ? .found(jobId: candidates[0]) : candidates.isEmpty ? .none : .ambiguous(count: candidates.count))
            })
        var second = Self.items(2, agents: 1)[1]
        second.reconcileSince = Date(timeIntervalSinceNow: -1)
        let opened = try LedgerFile.open(path: path, holder: "test")
        let engine = SubmissionEngine(
            items: [second], ledger: opened.file, run: "r2", server: "simulator", settings: SubmissionSettings(concurrency: 1),
            transport: transport, recordedJobIds: ["J-FIRST"])
        let report = await engine.run()
        opened.file.close()
        #expect(report.outcomes[second.key]?.kind == .submitted)
        #expect(report.outcomes[second.key]?.jobId == "J-second")
        #expect(sent.withLockedValue { $0 } == 1)
    }

    @Test func replaceUnschedulesTheOldJobFirstAndAdoptSendsNothing() async throws {
        let server = ScriptedSubmissionServer(ledgerPath: try ledgerPath()) { request, _ in Self.created(request) }
        var items = Self.items(2)
        items[0].action = .replace(previousJobId: "OLD-1")
        items[1].action = .adopt(jobId: "EXISTING-2")
        let (report, _) = try await run(items, server: server)
        #expect(report.counts == [.replaced: 1, .adopted: 1])
        #expect(server.seen.withLockedValue { $0.unscheduled } == [["OLD-1"]])
        #expect(server.seen.withLockedValue { $0.requests.count } == 1)
        #expect(report.outcomes[items[1].key]?.jobId == "EXISTING-2")
    }

    @Test func backoffIsFullJitterUnderAnExponentialBoundAndHonoursRetryAfter() {
        let settings = SubmissionSettings(initialBackoff: 0.2, maximumBackoff: 10)
        #expect(settings.backoff(retry: 1, retryAfter: nil, unitRandom: 1) == 0.2)
        #expect(settings.backoff(retry: 3, retryAfter: nil, unitRandom: 0.5) == 0.4)
        #expect(settings.backoff(retry: 20, retryAfter: nil, unitRandom: 1) == 10)
        #expect(settings.backoff(retry: 1, retryAfter: 7, unitRandom: 0.1) == 7)
    }

    @Test func theRateLimiterEventuallyRunsEveryWaiter() async {
        let bucket = TokenBucket(ratePerSecond: 200)
        let count = NIOLockedValueBox(0)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let group = DispatchGroup()
            for _ in 0..<20 {
                group.enter()
                bucket.acquire { count.withLockedValue { $0 += 1 }; group.leave() }
            }
            group.notify(queue: .global()) { continuation.resume() }
        }
        #expect(count.withLockedValue { $0 } == 20)
    }
}
