#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The JSON of `kfjobs status --output json` (schema: `schemas/kfjobs-status.schema.json`).
public struct StatusDocument: Codable, Sendable, Hashable {
    public struct Summary: Codable, Sendable, Hashable {
        public var total: Int
        public var counts: [String: Int]
        public var timedOut: Bool
        public var exitCode: Int32
    }

    public struct Job: Codable, Sendable, Hashable {
        public var key: String
        public var server: String
        public var jobId: String
        public var manifest: String?
        public var job: String?
        public var agentId: String?
        public var clientMachine: String?
        public var jobTypeName: String?
        public var run: String
        /// The ledger's outcome that made it live: submitted, adopted, replaced or recreated.
        public var outcome: JobOutcome.Kind?
        public var state: JobState
        public var recurring: Bool
        public var message: String?
        public var jobHistoryId: Int64?
        public var operationEnd: String?
    }

    public var summary: Summary
    public var jobs: [Job]

    public init(_ statuses: [JobStatus], timedOut: Bool) {
        let summary = StatusSummary(statuses, timedOut: timedOut)
        self.summary = Summary(
            total: summary.total, counts: Dictionary(uniqueKeysWithValues: summary.counts.map { ($0.key.rawValue, $0.value) }),
            timedOut: timedOut, exitCode: summary.exitCode)
        self.jobs = statuses.map { status in
            Job(
                key: status.job.key, server: status.job.server, jobId: status.job.jobId, manifest: status.job.manifest,
                job: status.job.job, agentId: status.job.agentId, clientMachine: status.job.clientMachine,
                jobTypeName: status.job.jobTypeName, run: status.job.run, outcome: status.job.outcome, state: status.state, recurring: status.recurring,
                message: status.message, jobHistoryId: status.jobHistoryId, operationEnd: status.operationEnd.map(LedgerTime.format))
        }
    }

    /// Pretty, sorted keys, slashes not escaped.
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
