import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire
import NIOConcurrencyHelpers

extension SubmissionEngine {
    /// Bulk mode: the feeder starts *units* — bulk groups, and lanes of the jobs that go alone — once a
    /// slot is free and the scheduler has a unit whose lanes are all free. A bulk group holds the lanes
    /// of all its agents until every one of its jobs has an outcome.
    func startBulk(size: Int, completion: @escaping @Sendable (SubmissionReport) -> Void) {
        let scheduler = LaneScheduler(BulkGrouping.units(of: items, size: size))
        // Signalled whenever a unit frees its lanes; a spare signal only costs the feeder one more look.
        let freed = DispatchSemaphore(value: 0)
        feeder.async { [self] in
            for _ in 0..<scheduler.count {
                slots.wait()
                var next: SubmissionUnit?
                while !state.withLockedValue({ $0.stopping }) {
                    next = scheduler.take()
                    if next != nil { break }
                    // Only waits while a unit is running: with every lane free, the first pending unit can start.
                    freed.wait()
                }
                guard let unit = next else {
                    slots.signal()
                    break
                }
                group.enter()
                runUnit(unit) { [self] in
                    scheduler.release(unit)
                    freed.signal()
                    slots.signal()
                    group.leave()
                }
            }
            group.notify(queue: ledgerQueue) { [self] in
                try? ledger.sync()
                completion(report())
            }
        }
    }

    private func runUnit(_ unit: SubmissionUnit, done: @escaping @Sendable () -> Void) {
        switch unit.work {
        case .lane(let lane): runAlone(lane, from: 0, done: done)
        case .bulk(let group): runBulk(group, done: done)
        }
    }

    private func runAlone(_ lane: [SubmissionItem], from index: Int, done: @escaping @Sendable () -> Void) {
        guard index < lane.count, !state.withLockedValue({ $0.stopping }) else { return done() }
        state.withLockedValue { $0.started += 1 }
        process(lane[index]) { [self] in runAlone(lane, from: index + 1, done: done) }
    }

    // MARK: - One bulk group

    private func runBulk(_ bulk: BulkGroup, done: @escaping @Sendable () -> Void) {
        guard !state.withLockedValue({ $0.stopping }) else { return done() }
        state.withLockedValue { $0.started += bulk.items.count }
        let began = clock()
        writeIntents(for: bulk.items) { [self] durable in
            guard durable else { return done() }
            guard !state.withLockedValue({ $0.stopping }) else {
                return finishAll(bulk.items.map { outcome(.cancelled, $0, began: began, attempts: 0) }, then: done)
            }
            attemptBulk(bulk, number: 1, began: began, done: done)
        }
    }

    private func attemptBulk(_ bulk: BulkGroup, number: Int, began: Date, done: @escaping @Sendable () -> Void) {
        let send: @Sendable () -> Void = { [self] in
            let sentAt = clock()
            guard let submitBulk = transport.submitBulk else {
                // Not reached: bulk mode starts only with a transport that sends bulk requests.
                return runAlone(bulk.items, from: 0, done: done)
            }
            submitBulk(bulk.request) { [self] result in
                handleBulk(result, bulk: bulk, number: number, began: began, sentAt: sentAt, done: done)
            }
        }
        if let bucket { bucket.acquire(then: send) } else { send() }
    }

    private func handleBulk(
        _ result: BulkAttemptResult, bulk: BulkGroup, number: Int, began: Date, sentAt: Date, done: @escaping @Sendable () -> Void
    ) {
        let failure: AttemptResult
        switch result {
        case .answered(let answer):
            return mapAnswer(answer, bulk: bulk, number: number, began: began, sentAt: sentAt, done: done)
        case .failed(let result):
            failure = result
        }
        switch failure {
        case let .notSent(error, status, retryAfter):
            guard number <= settings.retries, !state.withLockedValue({ $0.stopping }) else {
                return finishAll(bulk.items.map { item in
                    var record = outcome(.failed, item, began: began, attempts: number)
                    record.error = error
                    record.httpStatus = status
                    return record
                }, then: done)
            }
            // Nothing was created for any agent: the whole group is sent again, like a single request.
            let delay = settings.backoff(retry: number, retryAfter: retryAfter, unitRandom: unitRandom())
            DispatchQueue.global().asyncAfter(deadline: .now() + delay) { [self] in
                attemptBulk(bulk, number: number + 1, began: began, done: done)
            }
        case let .rejected(error, status):
            finishAll(bulk.items.map { rejection($0, error: error, status: status, began: began, number: number) }, then: done)
        case let .fatal(error, status):
            state.withLockedValue { state in
                state.stopping = true
                if state.fatalError == nil { state.fatalError = error }
            }
            finishAll(bulk.items.map { rejection($0, error: error, status: status, began: began, number: number) }, then: done)
        case let .unknown(error, status):
            // Any of the agents may have its job: each is looked up alone, once the request has settled.
            afterSettling(since: sentAt) { [self] in
                reconcileEach(bulk.items, from: 0, error: error, status: status, number: number, began: began, sentAt: sentAt, done: done)
            }
        case .created(_, _, _, let status), .done(let status):
            let error = JobOutcome.ErrorInfo(code: "response.noPairs", message: "the server answered \(status) without the bulk request's jobs")
            reconcileEach(bulk.items, from: 0, error: error, status: status, number: number, began: began, sentAt: sentAt, done: done)
        }
    }

    /// Each agent's outcome from the answer: its JobId, a failure naming it, or — if the answer does
    /// not mention it — a look-up on the server, since its job may exist.
    private func mapAnswer(
        _ answer: BulkAnswer, bulk: BulkGroup, number: Int, began: Date, sentAt: Date, done: @escaping @Sendable () -> Void
    ) {
        var jobs: [String: OrchestratorJobPair] = [:]
        for pair in answer.pairs where jobs[pair.orchestratorId.lowercased()] == nil {
            jobs[pair.orchestratorId.lowercased()] = pair
        }
        let failed = Set(answer.failedOrchestratorIds.map { $0.lowercased() })
        var records: [JobOutcome] = []
        var unmentioned: [SubmissionItem] = []
        for item in bulk.items {
            let agent = item.agentId.lowercased()
            if let pair = jobs[agent] {
                var record = outcome(item.createdKind, item, began: began, attempts: number)
                record.jobId = pair.jobId
                record.orchestratorId = pair.orchestratorId
                record.requestTimestamp = answer.requestTimestamp
                record.httpStatus = answer.httpStatus
                records.append(record)
            } else if failed.contains(agent) {
                var record = outcome(.rejected, item, began: began, attempts: number)
                record.httpStatus = answer.httpStatus
                record.error = JobOutcome.ErrorInfo(
                    code: "bulk.failed", message: "the server could not schedule the job on orchestrator \(item.agentId) (\(item.clientMachine))")
                records.append(record)
            } else {
                unmentioned.append(item)
            }
        }
        finishAll(records) { [self, unmentioned] in
            let error = JobOutcome.ErrorInfo(code: "bulk.unmentioned", message: "the bulk answer named neither a job nor a failure for this orchestrator")
            reconcileEach(unmentioned, from: 0, error: error, status: answer.httpStatus, number: number, began: began, sentAt: sentAt, done: done)
        }
    }

    private func rejection(_ item: SubmissionItem, error: JobOutcome.ErrorInfo, status: Int?, began: Date, number: Int) -> JobOutcome {
        var record = outcome(.rejected, item, began: began, attempts: number)
        record.error = error
        record.httpStatus = status
        return record
    }

    /// Reconciles the agents one after another, as single requests are: found adopts the JobId, none
    /// sends that agent's job alone, several leave it unknown.
    private func reconcileEach(
        _ items: [SubmissionItem], from index: Int, error: JobOutcome.ErrorInfo, status: Int?, number: Int, began: Date, sentAt: Date,
        done: @escaping @Sendable () -> Void
    ) {
        guard index < items.count else { return done() }
        reconcileUnknown(items[index], error: error, status: status, number: number, began: began, sentAt: sentAt) { [self] in
            reconcileEach(items, from: index + 1, error: error, status: status, number: number, began: began, sentAt: sentAt, done: done)
        }
    }

    // MARK: - Ledger

    /// Queues the intents of a whole group at once, so one `fsync` normally covers them all;
    /// `continuation(true)` runs once every one is durable.
    private func writeIntents(for items: [SubmissionItem], continuation: @escaping @Sendable (Bool) -> Void) {
        let countdown = Countdown(items.count, then: continuation)
        let intents = items.map { intent(for: $0) }
        let scheduleFlush = state.withLockedValue { state -> Bool in
            for intent in intents { state.pendingIntents.append((intent, { countdown.arrive($0) })) }
            defer { state.flushScheduled = true }
            return !state.flushScheduled
        }
        if scheduleFlush { ledgerQueue.async { [self] in flushIntents() } }
    }

    /// Records every outcome; `next` runs once all are recorded.
    private func finishAll(_ records: [JobOutcome], then next: @escaping @Sendable () -> Void) {
        guard !records.isEmpty else { return next() }
        let countdown = Countdown(records.count) { _ in next() }
        for record in records { finish(record) { countdown.arrive(true) } }
    }
}

/// Calls `then` once `count` arrivals came, with whether all of them succeeded.
private final class Countdown: Sendable {
    private let state: NIOLockedValueBox<(remaining: Int, allTrue: Bool)>
    private let then: @Sendable (Bool) -> Void

    init(_ count: Int, then: @escaping @Sendable (Bool) -> Void) {
        state = NIOLockedValueBox((count, true))
        self.then = then
    }

    func arrive(_ success: Bool) {
        let result = state.withLockedValue { state -> Bool? in
            state.remaining -= 1
            state.allTrue = state.allTrue && success
            return state.remaining == 0 ? state.allTrue : nil
        }
        if let result { then(result) }
    }
}
