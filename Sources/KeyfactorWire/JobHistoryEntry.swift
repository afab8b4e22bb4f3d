#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One run of a job, as `GET /OrchestratorJobs/JobHistory` lists it.
public struct JobHistoryEntry: Sendable, Hashable {
    public var jobHistoryId: Int64
    public var agentMachine: String?
    public var jobId: String
    public var schedule: Schedule?
    /// The schedule when the server sends a description string instead of the object.
    public var scheduleText: String?
    public var jobType: String?
    public var operationStart: Date?
    public var operationEnd: Date?
    public var message: String?
    /// 0 Unknown, 2 Success, 3 Warning, 4 Failure (1 unconfirmed).
    public var result: Int
    /// 0 Unknown, 1 Waiting, 2 InProcess, 3 Completed, 4 Acknowledged, 5 CompletedWillRetry.
    public var status: Int
    public var storePath: String?
    public var clientMachine: String?

    public init(
        jobHistoryId: Int64, agentMachine: String? = nil, jobId: String, schedule: Schedule? = nil,
        scheduleText: String? = nil, jobType: String? = nil, operationStart: Date? = nil, operationEnd: Date? = nil,
        message: String? = nil, result: Int = 0, status: Int = 0, storePath: String? = nil, clientMachine: String? = nil
    ) {
        self.jobHistoryId = jobHistoryId
        self.agentMachine = agentMachine
        self.jobId = jobId
        self.schedule = schedule
        self.scheduleText = scheduleText
        self.jobType = jobType
        self.operationStart = operationStart
        self.operationEnd = operationEnd
        self.message = message
        self.result = result
        self.status = status
        self.storePath = storePath
        self.clientMachine = clientMachine
    }
}

extension JobHistoryEntry: Codable {
    public init(from decoder: any Decoder) throws {
        let wire = try WireDecoding(decoder)
        jobHistoryId = try wire.decode(Int64.self, "JobHistoryId")
        agentMachine = try wire.decodeIfPresent(String.self, "AgentMachine")
        jobId = try wire.decode(String.self, "JobId")
        (schedule, scheduleText) = wire.decodeScheduleLeniently("Schedule")
        jobType = try wire.decodeIfPresent(String.self, "JobType")
        operationStart = try wire.decodeDateIfPresent("OperationStart")
        operationEnd = try wire.decodeDateIfPresent("OperationEnd")
        message = try wire.decodeIfPresent(String.self, "Message")
        result = try wire.decodeIfPresent(Int.self, "Result") ?? 0
        status = try wire.decodeIfPresent(Int.self, "Status") ?? 0
        storePath = try wire.decodeIfPresent(String.self, "StorePath")
        clientMachine = try wire.decodeIfPresent(String.self, "ClientMachine")
    }

    public func encode(to encoder: any Encoder) throws {
        var wire = WireEncoding(encoder)
        try wire.encode(jobHistoryId, "JobHistoryId")
        try wire.encodeIfPresent(agentMachine, "AgentMachine")
        try wire.encode(jobId, "JobId")
        if let schedule {
            try wire.encode(schedule, "Schedule")
        } else {
            try wire.encodeIfPresent(scheduleText, "Schedule")
        }
        try wire.encodeIfPresent(jobType, "JobType")
        try wire.encodeDateIfPresent(operationStart, "OperationStart")
        try wire.encodeDateIfPresent(operationEnd, "OperationEnd")
        try wire.encodeIfPresent(message, "Message")
        try wire.encode(result, "Result")
        try wire.encode(status, "Status")
        try wire.encodeIfPresent(storePath, "StorePath")
        try wire.encodeIfPresent(clientMachine, "ClientMachine")
    }
}
