import Foundation
import KFJobs
import KeyfactorAPI
import KeyfactorWire

/// An in-memory server for planning: job types, agents (every query matches all of them, unless
/// the server refuses it) and scheduled jobs, so the planner's decisions are tested without HTTP.
struct FakeServerReads: ServerReads {
    var jobTypes: [CustomJobType] = [
        CustomJobType(jobTypeName: "Rotate", jobTypeFields: [JobTypeField(name: "Force", type: .boolean)]),
    ]
    var agents: [Agent] = [
        Agent(agentId: "AAAAAAAA-0000-4000-8000-000000000001", clientMachine: "web-01", status: 2, capabilities: ["LOGS"]),
    ]
    var scheduled: [ScheduledJob] = []

    /// Queries the server refuses, with its message (a 400), as a server rejects a bad query.
    var rejectedQueries: [String: String] = [:]
    /// When set, ScheduledJobs answers 403 with this message (the account may not read it).
    var scheduledJobsForbidden: String?

    func customJobTypes() async throws(KeyfactorClientError) -> [CustomJobType] { jobTypes }
    func agents(query: String) async throws(KeyfactorClientError) -> [Agent] {
        if let message = rejectedQueries[query] {
            throw .httpStatus(method: "GET", path: "/Agents", status: 400, body: KeyfactorErrorBody(errorCode: "0xA0110005", message: message), snippet: nil)
        }
        return agents
    }
    func scheduledJobs(query: String?, pageSize: Int?) async throws(KeyfactorClientError) -> [ScheduledJob] {
        if let scheduledJobsForbidden {
            throw .httpStatus(
                method: "GET", path: "/OrchestratorJobs/ScheduledJobs", status: 403,
                body: KeyfactorErrorBody(errorCode: "0xA0110011", message: scheduledJobsForbidden), snippet: nil)
        }
        return scheduled.filter { job in query.map { $0.contains("\"\(job.jobType ?? "")\"") } ?? true }
    }
    func jobHistory(query: String, pageSize: Int?) async throws(KeyfactorClientError) -> [JobHistoryEntry] { [] }
    func statusData(jobHistoryId: Int64) async throws(KeyfactorClientError) -> JobStatusData {
        JobStatusData(jobHistoryId: jobHistoryId, data: nil)
    }
}
