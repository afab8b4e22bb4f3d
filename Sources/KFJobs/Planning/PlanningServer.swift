import KeyfactorAPI
import KeyfactorWire

/// The read-only calls planning makes, so the planner can run against any server (and tests inject one).
public protocol PlanningServer: Sendable {
    /// Every custom job type, all pages.
    func customJobTypes() async throws -> [CustomJobType]
    /// Every agent the query matches, all pages.
    func agents(query: String) async throws -> [Agent]
    /// Every scheduled job the query matches, all pages.
    func scheduledJobs(query: String?) async throws -> [ScheduledJob]
    /// The server's message when `error` is its refusal of a query (a 400), else `nil`.
    func queryRejection(_ error: any Error) -> String?
}

extension KeyfactorClient: PlanningServer {
    public func customJobTypes() async throws -> [CustomJobType] {
        try await listCustomJobTypes()
    }

    public func agents(query: String) async throws -> [Agent] {
        try await listAgents(query: query)
    }

    public func scheduledJobs(query: String?) async throws -> [ScheduledJob] {
        try await listScheduledJobs(query: query)
    }

    public func queryRejection(_ error: any Error) -> String? {
        guard let error = error as? KeyfactorClientError, error.httpStatus == 400 else { return nil }
        return error.serverMessage ?? "400 Bad Request"
    }
}
