#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire

/// One line of the ledger: a `run`, an `intent` or an `outcome` record, `"v": 1`.
///
/// One flat type with optional members, rather than three types, because the file is meant for
/// `grep` and `jq`: every record has the same keys for the same things (`key`, `agentId`, `jobId`).
/// It is the file's shape only: in memory a job is a `JobIdentity`, its end a `JobOutcome`, and the
/// conversions live at the ledger's edge (`LedgerRecord+Job.swift`, `LedgerState`).
public struct LedgerRecord: Codable, Hashable, Sendable {
    /// What a record says.
    public enum RecordType: String, Codable, Sendable {
        case run, intent, outcome
    }

    /// What became of one concrete job (the file spells the typed outcome's kinds).
    public typealias Outcome = JobOutcome.Kind
    /// The server's (or the transport's) error for a rejected, failed or unknown job.
    public typealias ErrorInfo = JobOutcome.ErrorInfo

    /// An input file of a run and the SHA-256 of its contents.
    public struct InputDigest: Codable, Hashable, Sendable {
        public var path: String
        public var sha256: String

        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }
    }

    public var v: Int = 1
    public var type: RecordType
    /// RFC 3339 UTC with milliseconds.
    public var at: String
    /// The run id, on every record.
    public var run: String
    /// The normalised server base URL, or `simulator`.
    public var server: String

    // run records
    public var version: String?
    public var user: String?
    public var host: String?
    public var arguments: [String]?
    public var inputs: [InputDigest]?
    public var ci: [String: String]?

    // intent and outcome records
    public var key: String?
    public var fingerprint: String?
    public var manifest: String?
    public var job: String?
    public var agentId: String?
    public var clientMachine: String?
    public var jobTypeName: String?
    /// The `--resubmit` token the job was sent under (intent and outcome), for a job that runs once.
    public var resubmitToken: String?

    // outcome records
    public var outcome: Outcome?
    public var jobId: String?
    public var orchestratorId: String?
    public var requestTimestamp: String?
    public var httpStatus: Int?
    public var error: ErrorInfo?
    public var attempts: Int?
    public var durationMs: Int?
    public var reconciled: Bool?

    public init(type: RecordType, at: Date, run: String, server: String) {
        self.type = type
        self.at = LedgerTime.format(at)
        self.run = run
        self.server = server
    }
}

/// The ledger's time format: RFC 3339, UTC, always with milliseconds.
public enum LedgerTime {
    public static func format(_ date: Date) -> String {
        KeyfactorDate.format(date, alwaysMilliseconds: true)
    }
}
