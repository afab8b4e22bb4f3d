import KeyfactorAPI
import KeyfactorWire

/// Where job states are read from: the client's ScheduledJobs, JobHistory and JobStatus/Data calls,
/// as closures so unit tests can stand in for a server.
public struct StatusSource: Sendable {
    public var scheduledJobs: @Sendable (_ query: String) async throws -> [ScheduledJob]
    public var jobHistory: @Sendable (_ query: String) async throws -> [JobHistoryEntry]
    public var statusData: @Sendable (_ jobHistoryId: Int64) async throws -> JobStatusData

    public init(
        scheduledJobs: @escaping @Sendable (String) async throws -> [ScheduledJob],
        jobHistory: @escaping @Sendable (String) async throws -> [JobHistoryEntry],
        statusData: @escaping @Sendable (Int64) async throws -> JobStatusData
    ) {
        self.scheduledJobs = scheduledJobs
        self.jobHistory = jobHistory
        self.statusData = statusData
    }

    /// A Keyfactor Command server through `client`.
    public static func keyfactor(_ client: KeyfactorClient, pageSize: Int = 200) -> StatusSource {
        StatusSource(
            scheduledJobs: { try await client.listScheduledJobs(query: $0, pageSize: pageSize) },
            jobHistory: { try await client.listJobHistory(query: $0, pageSize: pageSize) },
            statusData: { try await client.jobStatusData(jobHistoryId: $0) })
    }
}
