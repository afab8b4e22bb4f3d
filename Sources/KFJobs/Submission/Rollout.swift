#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An apply's submission, in waves: each wave submitted by its own engine, then (with a wave size)
/// waited for as `status --wait` waits, and every failure of the run so far weighed against the
/// failure budget before the next wave starts. Without a wave size it is one wave, not waited for.
///
/// Re-running apply continues a rollout that stopped: the ledger holds what earlier waves did.
/// The rollout reports what happens as `Event`s (the command line prints them) and never decides
/// an exit code.
public struct Rollout: Sendable {
    /// `N` jobs, or `P%` of a total.
    public enum Amount: Hashable, Sendable {
        case count(Int)
        case percent(Double)

        /// The amount out of `total`: a percentage rounds up, so `1%` of anything is at least one.
        public func of(_ total: Int) -> Int {
            switch self {
            case .count(let count): count
            case .percent(let percent): Int((Double(total) * percent / 100).rounded(.up))
            }
        }
    }

    /// Jobs per wave (nil: one wave of everything, not waited for).
    public var waveSize: Amount?
    /// With waves: stop once more jobs than this failed or warned (of those sent so far).
    public var maxFailures: Amount
    /// With waves: the longest one wave is waited for.
    public var waveTimeout: TimeInterval

    /// The clock and the pause of the wait for each wave (tests move a manual clock instead).
    public var now: @Sendable () -> Date
    public var sleep: @Sendable (TimeInterval) async throws -> Void

    public init(
        waveSize: Amount?, maxFailures: Amount = .count(0), waveTimeout: TimeInterval = 600,
        now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (TimeInterval) async throws -> Void = { try await Task.sleep(for: .seconds($0)) }
    ) {
        self.waveSize = waveSize
        self.maxFailures = maxFailures
        self.waveTimeout = waveTimeout
        self.now = now
        self.sleep = sleep
    }

    /// What the rollout did, as it happens.
    public enum Event: Sendable {
        /// A wave's engine is about to submit `jobs` jobs (`index` from 0, of `waves`).
        case waveStarted(index: Int, waves: Int, jobs: Int, engine: SubmissionEngine)
        /// The wave's engine made progress.
        case progress(SubmissionProgress)
        /// The wave's engine finished.
        case waveSubmitted(index: Int)
        /// A poll while waiting for the wave's jobs.
        case polled([JobStatus])
        /// The states the wave's jobs ended in (or were in when the wait timed out).
        case waveSettled(index: Int, statuses: [JobStatus])
        /// The wave is done and within the budget: `failed` failures so far, `budget` allowed.
        case waveDone(index: Int, waves: Int, statuses: [JobStatus], failed: Int, budget: Int)
        /// The rollout stopped before its last wave.
        case stopped(Stop)
    }

    /// Why a rollout stopped early.
    public enum Stop: Sendable {
        /// The engine stopped the run (credentials, permission, the ledger, a signal): its report says why.
        case engineStopped(wave: Int)
        /// The wave's jobs could not be looked up on the server.
        case cannotFollow(wave: Int, error: any Error)
        /// More jobs failed than the budget allows.
        case tooManyFailures(wave: Int, failed: Int, budget: Int)
        /// The wave's jobs did not finish within `waveTimeout`.
        case timedOut(wave: Int)
    }

    /// What a rollout did: every wave's report merged (with each key's final outcome) and the last
    /// state of each key the waves waited for.
    public struct Result: Sendable {
        public var report: SubmissionReport
        public var states: [String: JobStatus]
        public var stop: Stop?
    }

    /// Submits `items` in waves, as run `runId` on `server`. `makeEngine` builds each wave's engine
    /// for its items, given the JobIds the ledger and earlier waves recorded (so reconciliation never
    /// claims one of them); `stopRequested` is asked before each wave starts.
    public func run(
        _ items: [SubmissionItem], server: String, runId: String, resolver: StatusResolver, recordedJobIds: JobIdSet,
        makeEngine: ([SubmissionItem], JobIdSet) -> SubmissionEngine,
        stopRequested: () -> Bool, onEvent: @escaping @Sendable (Event) -> Void
    ) async -> Result {
        let size = max(waveSize?.of(items.count) ?? items.count, 1)
        // At least one (possibly empty) wave, so that the report always comes from an engine.
        let batches = items.isEmpty ? [[]] : stride(from: 0, to: items.count, by: size).map { Array(items[$0..<min($0 + size, items.count)]) }
        var combined = SubmissionReport(outcomes: [:], notStarted: 0, fatalError: nil, ledgerError: nil, stopped: false)
        var states: [String: JobStatus] = [:]
        var stop: Stop?
        var sent = 0

        for (index, batch) in batches.enumerated() {
            if stop != nil || stopRequested() {
                combined.notStarted += batch.count
                continue
            }
            let engine = makeEngine(batch, recordedJobIds.union(combined.outcomes.values.compactMap { $0.jobId?.lowercased() }))
            onEvent(.waveStarted(index: index, waves: batches.count, jobs: batch.count, engine: engine))
            let report = await engine.run { onEvent(.progress($0)) }
            onEvent(.waveSubmitted(index: index))
            combined.merge(report)
            sent += batch.count
            if report.fatalError != nil || report.ledgerError != nil || report.stopped || stopRequested() {
                stop = .engineStopped(wave: index)
                continue
            }
            guard waveSize != nil else { continue }

            // Wait for what this wave created, then weigh every failure of the run so far.
            let created = report.outcomes.values.compactMap { outcome -> TrackedJob? in
                guard outcome.kind.isLive, let jobId = outcome.jobId else { return nil }
                return TrackedJob(identity: outcome.identity, server: server, jobId: jobId, run: runId, outcome: outcome.kind)
            }.sorted { $0.key < $1.key }
            let waited: StatusWaiter.Result
            do {
                waited = try await StatusWaiter(resolver: resolver, settings: .init(timeout: waveTimeout), now: now, sleep: sleep)
                    .wait(for: created) { onEvent(.polled($0)) }
            } catch {
                stop = .cannotFollow(wave: index, error: error)
                onEvent(.stopped(.cannotFollow(wave: index, error: error)))
                continue
            }
            for status in waited.statuses { states[status.job.key] = status }
            onEvent(.waveSettled(index: index, statuses: waited.statuses))
            let failed = combined.outcomes.values.filter(\.kind.isFailure).count
                + states.values.filter { $0.state == .failed || $0.state == .warning }.count
            let budget = maxFailures.of(sent)
            if failed > budget {
                stop = .tooManyFailures(wave: index, failed: failed, budget: budget)
            } else if waited.timedOut {
                stop = .timedOut(wave: index)
            } else {
                onEvent(.waveDone(index: index, waves: batches.count, statuses: waited.statuses, failed: failed, budget: budget))
            }
            if let stop { onEvent(.stopped(stop)) }
        }
        return Result(report: combined, states: states, stop: stop)
    }
}

extension SubmissionReport {
    /// Adds a later wave's report: its outcomes win, the first fatal or ledger error is kept.
    public mutating func merge(_ later: SubmissionReport) {
        outcomes.merge(later.outcomes) { $1 }
        notStarted += later.notStarted
        fatalError = fatalError ?? later.fatalError
        ledgerError = ledgerError ?? later.ledgerError
        stopped = stopped || later.stopped
    }
}
