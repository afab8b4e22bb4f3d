#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire

/// Finds the state of many jobs with few requests: their JobIds OR-ed into batched queries, first
/// against ScheduledJobs (jobs still waiting), then JobHistory for the rest.
public struct StatusResolver: Sendable {
    public var reads: any ServerReads
    /// Batched queries in flight at most.
    public var concurrency: Int
    public var maxQueryBytes: Int
    /// Rows per page: a batch of ids asks for more at once than the connection's default.
    public var pageSize: Int

    public init(reads: any ServerReads, concurrency: Int = 4, maxQueryBytes: Int = StatusQuery.defaultMaxBytes, pageSize: Int = 200) {
        self.reads = reads
        self.concurrency = max(concurrency, 1)
        self.maxQueryBytes = maxQueryBytes
        self.pageSize = pageSize
    }

    /// The state of each job, in the order given.
    public func resolve(_ jobs: [TrackedJob]) async throws -> [JobStatus] {
        let ids = Self.uniqueIds(jobs.map(\.jobId))
        let (reads, pageSize) = (self.reads, self.pageSize)
        let scheduled = try await collect(StatusQuery.batches(field: "Id", ids: ids, maxBytes: maxQueryBytes)) {
            try await reads.scheduledJobs(query: $0, pageSize: pageSize)
        }
        var scheduledById: [String: ScheduledJob] = [:]
        for job in scheduled { scheduledById[job.id.lowercased()] = job }

        // A non-recurring job still scheduled has no history worth reading; recurring ones and the rest do.
        let needHistory = ids.filter { id in scheduledById[id].map(Self.isRecurring) ?? true }
        let history = try await collect(StatusQuery.batches(field: "JobId", ids: needHistory, maxBytes: maxQueryBytes)) {
            try await reads.jobHistory(query: $0, pageSize: pageSize)
        }
        var latestRun: [String: JobHistoryEntry] = [:]
        for entry in history {
            let id = entry.jobId.lowercased()
            // The latest run wins: a recurring job, or one the server retried, has several.
            if let known = latestRun[id], known.jobHistoryId >= entry.jobHistoryId { continue }
            latestRun[id] = entry
        }

        return jobs.map { job in
            let id = job.jobId.lowercased()
            let run = latestRun[id]
            if let waiting = scheduledById[id] {
                return JobStatus(
                    job: job, state: .scheduled, recurring: Self.isRecurring(waiting), message: run?.message.flatMap(Self.nonEmpty),
                    jobHistoryId: run?.jobHistoryId, operationEnd: run?.operationEnd)
            }
            guard let run else { return JobStatus(job: job, state: .unknown, message: StatusMessage.notFound) }
            // A recurring job never leaves ScheduledJobs by running: gone from there, it was removed
            // outside kfjobs, whatever its last run did.
            if run.schedule?.isRecurring == true {
                return JobStatus(
                    job: job, state: .unknown, recurring: true, message: StatusMessage.recurringGone, jobHistoryId: run.jobHistoryId,
                    operationEnd: run.operationEnd)
            }
            return JobStatus(
                job: job, state: JobState.of(run), message: run.message.flatMap(Self.nonEmpty), jobHistoryId: run.jobHistoryId,
                operationEnd: run.operationEnd)
        }
    }

    /// Runs every query, `concurrency` at a time, and gathers the rows.
    private func collect<Row: Sendable>(_ queries: [String], _ call: @escaping @Sendable (String) async throws -> [Row]) async throws -> [Row] {
        try await withThrowingTaskGroup(of: [Row].self) { group in
            var rows: [Row] = []
            var next = 0
            while next < min(concurrency, queries.count) {
                let query = queries[next]
                group.addTask { try await call(query) }
                next += 1
            }
            while let batch = try await group.next() {
                rows += batch
                if next < queries.count {
                    let query = queries[next]
                    group.addTask { try await call(query) }
                    next += 1
                }
            }
            return rows
        }
    }

    static func uniqueIds(_ ids: [String]) -> [String] {
        var seen = Set<String>()
        return ids.map { $0.lowercased() }.filter { seen.insert($0).inserted }
    }

    /// Recurring when the schedule says so; a schedule given only as text counts as recurring unless it
    /// reads as immediate or once, so that waiting never hangs on a job that cannot finish.
    static func isRecurring(_ job: ScheduledJob) -> Bool {
        if let schedule = job.schedule { return schedule.isRecurring }
        guard let text = job.scheduleText?.lowercased(), !text.isEmpty else { return false }
        return !(text.contains("immediate") || text.contains("once"))
    }

    private static func nonEmpty(_ text: String) -> String? {
        text.isEmpty ? nil : text
    }
}

/// The messages of status, each written once.
enum StatusMessage {
    static let notFound = "not found in ScheduledJobs or JobHistory (unscheduled or purged outside kfjobs); "
        + "if it is a recurring job, kfjobs plan shows it as recreate and apply schedules it again"
    static let recurringGone = "a recurring job no longer in ScheduledJobs (unscheduled outside kfjobs, or purged); "
        + "kfjobs plan shows it as recreate and apply schedules it again"
}
