#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A job the simulator has accepted, in whatever state it is now.
public struct JobRecord: Hashable, Sendable {
    /// Where a job is in its life.
    public enum State: String, Hashable, Sendable {
        case scheduled, completed, unscheduled
    }

    public var jobId: String
    public var agentId: String
    public var clientMachine: String
    public var jobTypeName: String
    public var schedule: JobSchedule
    /// Every field of the job type, in definition order, with defaults filled in (name, value).
    public var fields: [SimulatedFieldValue]
    public var requestTimestamp: Date
    public var state: State
    /// When a run-once job runs, on the simulator's clock.
    public var dueAt: Date?
    public var jobHistoryId: Int64?
}

/// One field of a created job, as the response's `JobFields` array lists it.
public struct SimulatedFieldValue: Hashable, Sendable {
    public var name: String
    public var value: String?
}

/// A finished run of a job, as `GET /OrchestratorJobs/JobHistory` lists it.
public struct HistoryRecord: Hashable, Sendable {
    public var jobHistoryId: Int64
    public var jobId: String
    public var agentId: String
    public var clientMachine: String
    public var jobType: String
    public var schedule: JobSchedule
    public var operationStart: Date
    public var operationEnd: Date
    public var message: String
    /// 0 Unknown, 2 Success, 3 Warning, 4 Failure.
    public var result: Int
    /// 0 Unknown, 1 Waiting, 2 InProcess, 3 Completed, 4 Acknowledged, 5 CompletedWillRetry.
    public var status: Int
    /// What `JobStatus/Data` returns for this run (the logs, for FetchLogs).
    public var data: String
}
