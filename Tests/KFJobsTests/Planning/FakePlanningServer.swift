import Foundation
import KFJobs
import KeyfactorAPI
import KeyfactorWire

/// An in-memory server for planning: job types, agents (every query matches all of them) and
/// scheduled jobs, so the planner's decisions are tested without HTTP.
struct FakePlanningServer: PlanningServer {
    var jobTypes: [CustomJobType] = [
        CustomJobType(jobTypeName: "Rotate", jobTypeFields: [JobTypeField(name: "Force", type: .boolean)]),
    ]
    var agents: [Agent] = [
        Agent(agentId: "AAAAAAAA-0000-4000-8000-000000000001", clientMachine: "web-01", status: 2, capabilities: ["LOGS"]),
    ]
    var scheduled: [ScheduledJob] = []
    /// When set, reading ScheduledJobs fails with this message (a 403, say).
    var scheduledJobsFailure: String?

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func customJobTypes() async throws -> [CustomJobType] { jobTypes }
    func agents(query: String) async throws -> [Agent] { agents }
    func scheduledJobs(query: String?) async throws -> [ScheduledJob] {
        if let scheduledJobsFailure { throw Failure(description: scheduledJobsFailure) }
        return scheduled.filter { job in query.map { $0.contains("\"\(job.jobType ?? "")\"") } ?? true }
    }
    func queryRejection(_ error: any Error) -> String? { nil }
}
