#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What became of one concrete job in a run: the typed value the engine reports and JUnit, the
/// apply report and rollouts read. The ledger stores it as a flat `outcome` record
/// (`LedgerRecord(outcome:run:server:)`); nothing else needs to know that shape.
public struct JobOutcome: Hashable, Sendable {
    /// How it ended.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case submitted, adopted, replaced, recreated, unscheduled, rejected, failed, unknown, cancelled

        /// The server holds a job for the key with the outcome's JobId (as far as the ledger knows:
        /// a recurring one may have been unscheduled outside kfjobs since, which planning detects).
        public var isLive: Bool { self == .submitted || self == .adopted || self == .replaced || self == .recreated }
        /// The job was refused, failed or may exist unrecorded (exit 2).
        public var isFailure: Bool { self == .rejected || self == .failed || self == .unknown }
    }

    /// The server's (or the transport's) error for a rejected, failed or unknown job.
    public struct ErrorInfo: Codable, Hashable, Sendable {
        public var code: String
        public var message: String

        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    public var identity: JobIdentity
    public var kind: Kind
    /// When it was recorded.
    public var at: Date
    public var jobId: String?
    public var orchestratorId: String?
    public var requestTimestamp: String?
    public var httpStatus: Int?
    public var error: ErrorInfo?
    /// Tries, at least 1.
    public var attempts: Int
    public var durationMs: Int
    /// The JobId was found on the server after an answer was lost.
    public var reconciled: Bool
    /// The `--resubmit` token of the run that sent it, for a job that runs once: a later run with the
    /// same token leaves it alone, one with another token sends it again.
    public var resubmitToken: String?

    public init(
        _ kind: Kind, _ identity: JobIdentity, at: Date, attempts: Int, durationMs: Int, jobId: String? = nil,
        httpStatus: Int? = nil, error: ErrorInfo? = nil
    ) {
        self.identity = identity
        self.kind = kind
        self.at = at
        self.jobId = jobId
        self.httpStatus = httpStatus
        self.error = error
        self.attempts = max(attempts, 1)
        self.durationMs = durationMs
        self.reconciled = false
    }

    public var key: String { identity.key }
}
