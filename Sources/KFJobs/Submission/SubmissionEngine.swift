import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOConcurrencyHelpers

/// Submits planned jobs concurrently with Dispatch and records every outcome in the ledger.
///
/// The shape: a semaphore holds one slot per request in flight (the concurrency); each slot runs one
/// *lane* at a time — the jobs of one (agent, job type), one after another, so that two requests for
/// the same pair are never in flight together. A serial feeder queue waits on the semaphore to start
/// lanes; a lane that finishes hands its slot straight to the next lane (see `LaneFeed`). Each
/// request's intent is made durable first, in groups: intents queue on the serial ledger queue and one
/// `fsync` covers all that arrived meanwhile. Answers arrive on the HTTP client's threads and are never
/// blocked on; shared state is behind a lock.
public final class SubmissionEngine: Sendable {
    let items: [SubmissionItem]
    let ledger: LedgerFile
    private let run: String
    private let server: String
    let settings: SubmissionSettings
    let transport: SubmissionTransport
    let clock: @Sendable () -> Date
    let unitRandom: @Sendable () -> Double
    /// JobIds the ledger already attributes to keys (from earlier runs or waves).
    let recordedJobIds: JobIdSet

    let feeder = DispatchQueue(label: "kfjobs.submission.feeder")
    let ledgerQueue = DispatchQueue(label: "kfjobs.submission.ledger")
    let slots: DispatchSemaphore
    let group = DispatchGroup()
    let bucket: TokenBucket?
    let state = NIOLockedValueBox(State())

    struct State {
        var stopping = false
        var fatalError: JobOutcome.ErrorInfo?
        var ledgerError: LedgerError?
        var outcomes: [String: JobOutcome] = [:]
        var started = 0
        var done = 0
        var counts: [JobOutcome.Kind: Int] = [:]
        var pendingIntents: [(LedgerRecord, @Sendable (Bool) -> Void)] = []
        var flushScheduled = false
        /// Each outcome with its record, converted before it joins the queue (off the serial queue).
        var pendingOutcomes: [(JobOutcome, LedgerRecord, @Sendable () -> Void)] = []
        /// Items whose intent was committed ahead and that have not started yet, by key.
        var prewritten: [String: SubmissionItem] = [:]
        var feed = LaneFeed()
        var outcomeFlushScheduled = false
        var progress: (@Sendable (SubmissionProgress) -> Void)?
    }

    /// - Parameters:
    ///   - run: the run id written on every record; `server`: the normalised server of every record.
    ///   - clock: the time written into records and used for reconciliation windows.
    ///   - unitRandom: a source of numbers in 0..<1 for backoff jitter (seeded in tests).
    ///   - recordedJobIds: JobIds the ledger already attributes to keys (`LedgerState.recordedJobIds`):
    ///     reconciliation never takes one of them for the job a lost answer may have created.
    public init(
        items: [SubmissionItem], ledger: LedgerFile, run: String, server: String, settings: SubmissionSettings,
        transport: SubmissionTransport, clock: @escaping @Sendable () -> Date = { Date() },
        unitRandom: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }, recordedJobIds: JobIdSet = []
    ) {
        self.recordedJobIds = recordedJobIds
        self.items = items
        self.ledger = ledger
        self.run = run
        self.server = server
        self.settings = settings
        self.transport = transport
        self.clock = clock
        self.unitRandom = unitRandom
        self.slots = DispatchSemaphore(value: settings.concurrency)
        self.bucket = settings.ratePerSecond.map { TokenBucket(ratePerSecond: $0) }
    }

    /// Asks the run to stop: no new request starts; those in flight finish and are recorded; intents
    /// already durable but not sent are recorded as `cancelled`.
    public func stop() {
        state.withLockedValue { $0.stopping = true }
    }

    /// Submits everything and returns the report, without blocking a thread of the cooperative pool.
    public func run(progress: (@Sendable (SubmissionProgress) -> Void)? = nil) async -> SubmissionReport {
        await withCheckedContinuation { continuation in
            start(progress: progress) { continuation.resume(returning: $0) }
        }
    }

    /// Intents committed ahead for lanes the run never started: each gets its `cancelled` outcome,
    /// so the ledger holds no open intent for a request that never left.
    func cancelPrewrittenIntents() {
        let left = state.withLockedValue { state in
            defer { state.prewritten = [:] }
            return state.prewritten.values.sorted { $0.key < $1.key }
        }
        guard !left.isEmpty else { return }
        let now = clock()
        let outcomes = left.map { item in
            var outcome = outcome(.cancelled, item, began: now, attempts: 0)
            outcome.durationMs = 0
            return outcome
        }
        try? ledger.append(outcomes.map { LedgerRecord(outcome: $0, run: run, server: server) }, durable: true)
        state.withLockedValue { state in
            for outcome in outcomes { state.outcomes[outcome.key] = outcome }
        }
    }

    func report() -> SubmissionReport {
        state.withLockedValue { state in
            SubmissionReport(
                outcomes: state.outcomes, notStarted: items.count - state.started, fatalError: state.fatalError,
                ledgerError: state.ledgerError, stopped: state.stopping && state.fatalError == nil && state.ledgerError == nil
            )
        }
    }

    // MARK: - One item

    func process(_ item: SubmissionItem, then next: @escaping @Sendable () -> Void) {
        let began = clock()
        if case .adopt(let jobId) = item.action {
            finish(JobOutcome(.adopted, item.identity, at: clock(), attempts: 1, durationMs: 0, jobId: jobId), then: next)
            return
        }
        let intentAlreadyDurable = state.withLockedValue { $0.prewritten.removeValue(forKey: item.key) != nil }
        let afterIntent: @Sendable (Bool) -> Void = { [self] durable in
            guard durable else { return next() }
            guard !state.withLockedValue({ $0.stopping }) else {
                return finish(outcome(.cancelled, item, began: began, attempts: 0), then: next)
            }
            switch item.action {
            case .submit, .recreate, .resubmit:
                if let since = item.reconcileSince {
                    reconcileThenSubmit(item, since: since, began: began, then: next)
                } else {
                    attempt(item, number: 1, began: began, then: next)
                }
            case .replace(let previous):
                unscheduleThenSubmit(item, previous: previous, began: began, then: next)
            case .unschedule(let jobId):
                unschedule(item, jobId: jobId, began: began, then: next)
            case .adopt:
                next()
            }
        }
        if intentAlreadyDurable {
            afterIntent(true)
        } else {
            writeIntent(for: item, continuation: afterIntent)
        }
    }

    private func attempt(_ item: SubmissionItem, number: Int, began: Date, reconciledBefore: Bool = false, then next: @escaping @Sendable () -> Void) {
        let send: @Sendable () -> Void = { [self] in
            let sentAt = clock()
            transport.submit(item.request) { [self] result in
                handle(result, item: item, number: number, began: began, sentAt: sentAt, then: next)
            }
        }
        if let bucket { bucket.acquire(then: send) } else { send() }
    }

    private func handle(_ result: AttemptResult, item: SubmissionItem, number: Int, began: Date, sentAt: Date, then next: @escaping @Sendable () -> Void) {
        switch result {
        case let .created(jobId, orchestratorId, requestTimestamp, status):
            var record = outcome(item.createdKind, item, began: began, attempts: number)
            record.jobId = jobId
            record.orchestratorId = orchestratorId
            record.requestTimestamp = requestTimestamp
            record.httpStatus = status
            finish(record, then: next)
        case .done(let status):
            var record = outcome(.failed, item, began: began, attempts: number)
            record.httpStatus = status
            record.error = .init(code: "response.noJobId", message: "the server answered \(status) without a JobId")
            finish(record, then: next)
        case let .notSent(error, status, retryAfter):
            guard number <= settings.retries, !state.withLockedValue({ $0.stopping }) else {
                var record = outcome(.failed, item, began: began, attempts: number)
                record.error = error
                record.httpStatus = status
                return finish(record, then: next)
            }
            let delay = settings.backoff(retry: number, retryAfter: retryAfter, unitRandom: unitRandom())
            DispatchQueue.global().asyncAfter(deadline: .now() + delay) { [self] in
                attempt(item, number: number + 1, began: began, then: next)
            }
        case let .rejected(error, status):
            var record = outcome(.rejected, item, began: began, attempts: number)
            record.error = error
            record.httpStatus = status
            finish(record, then: next)
        case let .fatal(error, status):
            state.withLockedValue { state in
                state.stopping = true
                if state.fatalError == nil { state.fatalError = error }
            }
            var record = outcome(.rejected, item, began: began, attempts: number)
            record.error = error
            record.httpStatus = status
            finish(record, then: next)
        case let .unknown(error, status):
            afterSettling(since: sentAt) { [self] in reconcileUnknown(item, error: error, status: status, number: number, began: began, sentAt: sentAt, then: next) }
        }
    }

    /// Runs `body` once a request sent at `since` can no longer be acting on the server.
    func afterSettling(since: Date, _ body: @escaping @Sendable () -> Void) {
        let wait = since.addingTimeInterval(settings.settleInterval).timeIntervalSince(clock())
        if wait > 0 {
            DispatchQueue.global().asyncAfter(deadline: .now() + wait, execute: body)
        } else {
            body()
        }
    }

    func reconcileUnknown(
        _ item: SubmissionItem, error: JobOutcome.ErrorInfo, status: Int?, number: Int, began: Date, sentAt: Date,
        then next: @escaping @Sendable () -> Void
    ) {
        transport.reconcile(item, sentAt, knownJobIds()) { [self] found in
            switch found {
            case .found(let jobId):
                var record = outcome(item.createdKind, item, began: began, attempts: number)
                record.jobId = jobId
                record.reconciled = true
                finish(record, then: next)
            case .none where number <= settings.retries && !state.withLockedValue({ $0.stopping }):
                // Nothing was created: sending again cannot make a duplicate.
                attempt(item, number: number + 1, began: began, then: next)
            case .none, .ambiguous, .failed:
                var record = outcome(.unknown, item, began: began, attempts: number)
                record.error = Self.unknownError(error, found)
                record.httpStatus = status
                finish(record, then: next)
            }
        }
    }

    /// Before resending what an earlier run may have created: adopt the job if the server has it.
    private func reconcileThenSubmit(_ item: SubmissionItem, since: Date, began: Date, then next: @escaping @Sendable () -> Void) {
        afterSettling(since: since) { [self] in lookThenSubmit(item, since: since, began: began, then: next) }
    }

    private func lookThenSubmit(_ item: SubmissionItem, since: Date, began: Date, then next: @escaping @Sendable () -> Void) {
        transport.reconcile(item, since, knownJobIds()) { [self] found in
            switch found {
            case .found(let jobId):
                var record = outcome(item.createdKind, item, began: began, attempts: 1)
                record.jobId = jobId
                record.reconciled = true
                finish(record, then: next)
            case .none:
                attempt(item, number: 1, began: began, then: next)
            case .ambiguous, .failed:
                var record = outcome(.unknown, item, began: began, attempts: 1)
                record.error = Self.unknownError(
                    JobOutcome.ErrorInfo(code: "reconcile", message: "an earlier run's request may have created this job"), found)
                finish(record, then: next)
            }
        }
    }

    /// JobIds the ledger held before this run and those this run recorded, which reconciliation must
    /// not mistake for the job of another key (of the same orchestrator and job type, moments apart).
    /// The ledger's set is shared, not copied: it may hold millions.
    private func knownJobIds() -> KnownJobIds {
        KnownJobIds(recorded: recordedJobIds, thisRun: state.withLockedValue { JobIdSet($0.outcomes.values.compactMap(\.jobId)) })
    }

    private static func unknownError(_ error: JobOutcome.ErrorInfo, _ found: ReconcileResult) -> JobOutcome.ErrorInfo {
        switch found {
        case .ambiguous(let count):
            JobOutcome.ErrorInfo(code: error.code, message: "\(error.message); \(count) matching jobs on the server, so which one is ours cannot be told")
        case .failed(let lookup):
            JobOutcome.ErrorInfo(code: error.code, message: "\(error.message); reconciling failed: \(lookup.message)")
        default:
            error
        }
    }

    private func unscheduleThenSubmit(_ item: SubmissionItem, previous: String, began: Date, then next: @escaping @Sendable () -> Void) {
        transport.unschedule([previous]) { [self] result in
            let failure: (JobOutcome.ErrorInfo, Int?)
            switch result {
            case .done, .created:
                return attempt(item, number: 1, began: began, then: next)
            case .notSent(let error, let status, _), .unknown(let error, let status):
                failure = (error, status)
            case .rejected(let error, let status):
                failure = (error, status)
            case .fatal(let error, let status):
                failure = (error, status)
                state.withLockedValue { state in
                    state.stopping = true
                    if state.fatalError == nil { state.fatalError = error }
                }
            }
            // The old job may still be scheduled: do not create a second one beside it.
            let (error, status) = failure
            var record = outcome(.failed, item, began: began, attempts: 1)
            record.error = JobOutcome.ErrorInfo(code: error.code, message: "could not unschedule job \(previous) to replace it: \(error.message)")
            record.httpStatus = status
            finish(record, then: next)
        }
    }

    private func unschedule(_ item: SubmissionItem, jobId: String, began: Date, then next: @escaping @Sendable () -> Void) {
        transport.unschedule([jobId]) { [self] result in
            var record: JobOutcome
            switch result {
            case .done(let status), .created(_, _, _, let status):
                record = outcome(.unscheduled, item, began: began, attempts: 1)
                record.jobId = jobId
                record.httpStatus = status
            case .notSent(let error, let status, _), .unknown(let error, let status), .fatal(let error, let status):
                record = outcome(.failed, item, began: began, attempts: 1)
                record.error = error
                record.httpStatus = status
            case .rejected(let error, let status):
                record = outcome(.rejected, item, began: began, attempts: 1)
                record.error = error
                record.httpStatus = status
            }
            finish(record, then: next)
        }
    }

    // MARK: - Ledger

    /// The intent record of an item, made durable before its request leaves.
    func intent(for item: SubmissionItem) -> LedgerRecord {
        LedgerRecord(intent: item.identity, at: clock(), run: run, server: server, resubmitToken: item.resubmitToken)
    }

    /// An outcome of `item` now, timed from `began`.
    func outcome(_ kind: JobOutcome.Kind, _ item: SubmissionItem, began: Date, attempts: Int) -> JobOutcome {
        let at = clock()
        var outcome = JobOutcome(
            kind, item.identity, at: at, attempts: attempts, durationMs: Int((clock().timeIntervalSince(began) * 1000).rounded()))
        outcome.resubmitToken = item.resubmitToken
        return outcome
    }

    /// Queues an intent; `continuation(true)` runs once it (and any queued with it) is durable.
    private func writeIntent(for item: SubmissionItem, continuation: @escaping @Sendable (Bool) -> Void) {
        let intent = intent(for: item)
        let scheduleFlush = state.withLockedValue { state -> Bool in
            state.pendingIntents.append((intent, continuation))
            defer { state.flushScheduled = true }
            return !state.flushScheduled
        }
        if scheduleFlush { ledgerQueue.async { [self] in flushIntents() } }
    }

    func flushIntents() {
        let batch = state.withLockedValue { state in
            defer {
                state.pendingIntents = []
                state.flushScheduled = false
            }
            return state.pendingIntents
        }
        let durable: Bool
        do throws(LedgerError) {
            try ledger.append(batch.map(\.0), durable: true)
            durable = true
        } catch {
            durable = false
            state.withLockedValue { state in
                state.stopping = true
                if state.ledgerError == nil { state.ledgerError = error }
            }
        }
        for (_, continuation) in batch {
            DispatchQueue.global().async { continuation(durable) }
        }
    }

    /// Queues an outcome; outcomes that arrive together are written in one `write` (not fsync'ed:
    /// an outcome lost in a crash leaves its intent open, which the next run reconciles).
    func finish(_ outcome: JobOutcome, then next: @escaping @Sendable () -> Void) {
        let record = LedgerRecord(outcome: outcome, run: run, server: server)
        let scheduleFlush = state.withLockedValue { state -> Bool in
            state.pendingOutcomes.append((outcome, record, next))
            defer { state.outcomeFlushScheduled = true }
            return !state.outcomeFlushScheduled
        }
        if scheduleFlush { ledgerQueue.async { [self] in flushOutcomes() } }
    }

    private func flushOutcomes() {
        let batch = state.withLockedValue { state in
            defer {
                state.pendingOutcomes = []
                state.outcomeFlushScheduled = false
            }
            return state.pendingOutcomes
        }
        do throws(LedgerError) {
            try ledger.append(batch.map(\.1), durable: false)
        } catch {
            state.withLockedValue { state in
                state.stopping = true
                if state.ledgerError == nil { state.ledgerError = error }
            }
        }
        let (snapshot, progress) = state.withLockedValue { state in
            for (outcome, _, _) in batch {
                state.outcomes[outcome.key] = outcome
                state.done += 1
                state.counts[outcome.kind, default: 0] += 1
            }
            return (SubmissionProgress(total: items.count, done: state.done, counts: state.counts), state.progress)
        }
        progress?(snapshot)
        // Each continuation only signals the semaphore or queues the lane's next job: cheap and
        // non-blocking, so it runs here rather than paying a thread hand-off per job.
        for (_, _, next) in batch { next() }
    }
}
