#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire

/// How one request to the server ended, classified by what it means for the job.
public enum AttemptResult: Sendable {
    /// The server created the job.
    case created(jobId: String, orchestratorId: String?, requestTimestamp: String?, httpStatus: Int)
    /// The server did what was asked and returned nothing to record (an unschedule's 204).
    case done(httpStatus: Int)
    /// Certainly nothing was created (no connection, 429, 503): safe to retry, after `retryAfter` if given.
    case notSent(JobOutcome.ErrorInfo, httpStatus: Int?, retryAfter: Double?)
    /// The server refused this job (a 4xx other than 401/403); retrying would not help.
    case rejected(JobOutcome.ErrorInfo, httpStatus: Int)
    /// The request may have reached the server and no usable answer came (500, 502, 504, timeouts).
    case unknown(JobOutcome.ErrorInfo, httpStatus: Int?)
    /// Credentials or permission refused (401 after a token refresh, 403): every job would fail alike.
    case fatal(JobOutcome.ErrorInfo, httpStatus: Int?)
}

/// What the server holds of a job whose submission had an unknown outcome.
public enum ReconcileResult: Sendable {
    /// Exactly one matching job: it was created, with this JobId.
    case found(jobId: String)
    /// No matching job: nothing was created, so the request may be sent again.
    case none
    /// Several matching jobs: which one is ours cannot be told.
    case ambiguous(count: Int)
    /// The look-up itself failed.
    case failed(JobOutcome.ErrorInfo)
}

/// The engine's view of the server, as callbacks, so the engine needs no HTTP and tests can inject one.
///
/// Callbacks may arrive on any thread; the engine never blocks them.
public struct SubmissionTransport: Sendable {
    public typealias Completion<Result> = @Sendable (Result) -> Void

    /// `POST /OrchestratorJobs/Custom`, once, never retried by the transport.
    public var submit: @Sendable (CustomJobRequest, @escaping Completion<AttemptResult>) -> Void
    /// `POST /OrchestratorJobs/Unschedule` for these JobIds.
    public var unschedule: @Sendable ([String], @escaping Completion<AttemptResult>) -> Void
    /// Looks for a job of the item's type on its agent, requested at or after the given instant,
    /// other than the JobIds already known (recorded for other keys).
    public var reconcile: @Sendable (SubmissionItem, Date, KnownJobIds, @escaping Completion<ReconcileResult>) -> Void
    /// `POST /OrchestratorJobs/Custom/Bulk`, once, never retried by the transport (`nil`: the
    /// transport cannot send bulk requests, and every job goes alone).
    public var submitBulk: (@Sendable (BulkJobRequest, @escaping Completion<BulkAttemptResult>) -> Void)? = nil

    public init(
        submit: @escaping @Sendable (CustomJobRequest, @escaping Completion<AttemptResult>) -> Void,
        unschedule: @escaping @Sendable ([String], @escaping Completion<AttemptResult>) -> Void,
        reconcile: @escaping @Sendable (SubmissionItem, Date, KnownJobIds, @escaping Completion<ReconcileResult>) -> Void
    ) {
        self.submit = submit
        self.unschedule = unschedule
        self.reconcile = reconcile
    }
}

/// The JobIds reconciliation must not claim for a lost answer: those the ledger attributes to keys
/// and those this run recorded.
public struct KnownJobIds: Sendable, ExpressibleByArrayLiteral {
    public var recorded: JobIdSet
    public var thisRun: JobIdSet

    public init(recorded: JobIdSet, thisRun: JobIdSet = []) {
        self.recorded = recorded
        self.thisRun = thisRun
    }

    public init(arrayLiteral elements: String...) {
        self.init(recorded: JobIdSet(elements))
    }

    /// Compared without case, as JobIds are.
    public func contains(_ jobId: String) -> Bool {
        recorded.contains(jobId) || thisRun.contains(jobId)
    }
}
