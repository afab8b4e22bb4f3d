/// The JobStatus/Data of a completed FetchLogs run: an orchestrator's log text.
public struct FetchedLog: Sendable, Hashable {
    public var clientMachine: String
    public var jobId: String
    public var data: String
}

extension StatusResolver {
    /// The log text of each completed FetchLogs job among `statuses` (succeeded, warned or failed:
    /// a failed run's log says why), one request per run, `concurrency` at a time.
    public func fetchLogs(_ statuses: [JobStatus]) async throws -> [FetchedLog] {
        let wanted = statuses.filter { status in
            status.job.jobTypeName?.lowercased() == "fetchlogs" && status.jobHistoryId != nil
                && [.succeeded, .warning, .failed].contains(status.state)
        }
        return try await withThrowingTaskGroup(of: FetchedLog?.self) { group in
            var logs: [FetchedLog] = []
            var next = 0
            func start(_ status: JobStatus) {
                guard let historyId = status.jobHistoryId else { return }
                let reads = self.reads
                group.addTask {
                    let data = try await reads.statusData(jobHistoryId: historyId)
                    return data.data.map {
                        FetchedLog(clientMachine: status.job.clientMachine ?? status.job.agentId ?? status.job.jobId, jobId: status.job.jobId, data: $0)
                    }
                }
            }
            while next < min(concurrency, wanted.count) {
                start(wanted[next])
                next += 1
            }
            while let log = try await group.next() {
                if let log { logs.append(log) }
                if next < wanted.count {
                    start(wanted[next])
                    next += 1
                }
            }
            return logs.sorted { ($0.clientMachine, $0.jobId) < ($1.clientMachine, $1.jobId) }
        }
    }
}
