import KeyfactorAPI
import KeyfactorWire

/// The read-only calls kfjobs makes to a server, one seam for all of them: planning and discovery
/// (job types, agents, scheduled jobs), status (scheduled jobs, history, a run's data) and the
/// unscheduler's check of what is still scheduled. `KeyfactorClient` is the production
/// implementation; unit tests give their own (`FakeServerReads`, `ScriptedStatusServer`).
///
/// Every listing returns all pages. `pageSize` is how many rows a request asks for (nil: the
/// connection's default); lookups by many ids ask for more at once.
public protocol ServerReads: Sendable {
    /// Every custom job type.
    func customJobTypes() async throws(KeyfactorClientError) -> [CustomJobType]
    /// Every agent the query matches.
    func agents(query: String) async throws(KeyfactorClientError) -> [Agent]
    /// Every scheduled job the query matches (nil: all of them).
    func scheduledJobs(query: String?, pageSize: Int?) async throws(KeyfactorClientError) -> [ScheduledJob]
    /// Every run of a job that the query matches.
    func jobHistory(query: String, pageSize: Int?) async throws(KeyfactorClientError) -> [JobHistoryEntry]
    /// The data a run left, such as Fetch Logs output.
    func statusData(jobHistoryId: Int64) async throws(KeyfactorClientError) -> JobStatusData
}

extension ServerReads {
    /// Every scheduled job the query matches, at the connection's page size.
    public func scheduledJobs(query: String?) async throws(KeyfactorClientError) -> [ScheduledJob] {
        try await scheduledJobs(query: query, pageSize: nil)
    }
}

extension KeyfactorClient: ServerReads {
    public func customJobTypes() async throws(KeyfactorClientError) -> [CustomJobType] {
        try await listCustomJobTypes()
    }

    public func agents(query: String) async throws(KeyfactorClientError) -> [Agent] {
        try await listAgents(query: query)
    }

    public func scheduledJobs(query: String?, pageSize: Int?) async throws(KeyfactorClientError) -> [ScheduledJob] {
        try await listScheduledJobs(query: query, pageSize: pageSize)
    }

    public func jobHistory(query: String, pageSize: Int?) async throws(KeyfactorClientError) -> [JobHistoryEntry] {
        try await listJobHistory(query: query, pageSize: pageSize)
    }

    public func statusData(jobHistoryId: Int64) async throws(KeyfactorClientError) -> JobStatusData {
        try await jobStatusData(jobHistoryId: jobHistoryId)
    }
}

extension KeyfactorClientError {
    /// The server's message when this is its refusal of a query (a 400), else nil.
    public var queryRejection: String? {
        guard httpStatus == 400 else { return nil }
        return serverMessage ?? "400 Bad Request"
    }
}
