#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorAPI

/// Removes jobs the ledger holds from the server (`kfjobs unschedule`): a run's live jobs, or chosen
/// keys'. It looks first which are still scheduled (those that already ran are left alone), then
/// unschedules in bounded batches and records each batch in the ledger as `unscheduled` once the
/// server has answered, so that an interruption loses nothing the server did.
public struct Unscheduler: Sendable {
    /// Which jobs to remove.
    public enum Selection: Sendable, Hashable {
        /// The live jobs a run created (or adopted).
        case run(String)
        /// The live jobs of these keys.
        case keys([String])
    }

    /// A selection the ledger cannot answer.
    public enum SelectionProblem: Error, Sendable, Hashable {
        case noSuchRun(String)
        case noLiveJob(key: String)
    }

    /// The chosen jobs, by whether the server still schedules them.
    public struct Found: Sendable {
        public var removable: [TrackedJob]
        /// Already ran, or were removed by someone else.
        public var gone: [TrackedJob]
    }

    /// Jobs per `POST /OrchestratorJobs/Unschedule`: the body has no query-string limit, but a
    /// bounded batch keeps each request small.
    public static let batchSize = 500

    public var server: String

    public init(server: String) {
        self.server = server
    }

    /// The live jobs of the selection on this server; an unknown run or key is a problem.
    public func select(_ selection: Selection, from state: LedgerState) throws(SelectionProblem) -> [TrackedJob] {
        let live = TrackedJob.live(in: state, server: server)
        switch selection {
        case .run(let wanted):
            guard state.runs.contains(where: { $0.run == wanted }) else { throw .noSuchRun(wanted) }
            return live.filter { $0.run == wanted }
        case .keys(let keys):
            var chosen: [TrackedJob] = []
            for wanted in keys {
                guard let job = live.first(where: { $0.key == wanted }) else { throw .noLiveJob(key: wanted) }
                chosen.append(job)
            }
            return chosen
        }
    }

    /// Which of `jobs` the server still schedules, looked up by id in batched queries.
    public func find(_ jobs: [TrackedJob], reads: some ServerReads) async throws(KeyfactorClientError) -> Found {
        var scheduled = Set<String>()
        for query in StatusQuery.batches(field: "Id", ids: jobs.map { $0.jobId.lowercased() }) {
            for job in try await reads.scheduledJobs(query: query, pageSize: 200) { scheduled.insert(job.id.lowercased()) }
        }
        return Found(
            removable: jobs.filter { scheduled.contains($0.jobId.lowercased()) },
            gone: jobs.filter { !scheduled.contains($0.jobId.lowercased()) })
    }

    /// Unschedules `jobs` as run `runId`, a batch at a time, appending each batch's outcomes durably
    /// once the server has answered. Throws the client's error or the ledger's.
    public func remove(_ jobs: [TrackedJob], runId: String, client: KeyfactorClient, ledger: LedgerFile) async throws {
        for start in stride(from: 0, to: jobs.count, by: Self.batchSize) {
            let batch = Array(jobs[start..<min(start + Self.batchSize, jobs.count)])
            let started = Date()
            try await client.unschedule(.jobIds(batch.map(\.jobId)))
            let records = batch.map { job in
                let at = Date()
                let outcome = JobOutcome(
                    .unscheduled, job.identity, at: at, attempts: 1, durationMs: Int(at.timeIntervalSince(started) * 1000), jobId: job.jobId)
                return LedgerRecord(outcome: outcome, run: runId, server: server)
            }
            try ledger.append(records, durable: true)
        }
    }
}
