#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One created job of a bulk request.
public struct OrchestratorJobPair: Sendable, Hashable {
    public var jobId: String
    public var orchestratorId: String

    public init(jobId: String, orchestratorId: String) {
        self.jobId = jobId
        self.orchestratorId = orchestratorId
    }
}

extension OrchestratorJobPair: Codable {
    public init(from decoder: any Decoder) throws {
        let wire = try WireDecoding(decoder)
        jobId = try wire.decode(String.self, "JobId")
        orchestratorId = try wire.decode(String.self, "OrchestratorId")
    }

    public func encode(to encoder: any Encoder) throws {
        var wire = WireEncoding(encoder)
        try wire.encode(jobId, "JobId")
        try wire.encode(orchestratorId, "OrchestratorId")
    }
}

/// The answer to `POST /OrchestratorJobs/Custom/Bulk`.
public struct BulkJobResponse: Sendable, Hashable {
    public var orchestratorJobPairs: [OrchestratorJobPair]
    public var failedOrchestratorIds: [String]
    public var jobTypeName: String
    public var schedule: Schedule?
    public var jobFields: [JobFieldValue]
    public var requestTimestamp: Date?

    public init(
        orchestratorJobPairs: [OrchestratorJobPair], failedOrchestratorIds: [String] = [], jobTypeName: String,
        schedule: Schedule? = nil, jobFields: [JobFieldValue] = [], requestTimestamp: Date? = nil
    ) {
        self.orchestratorJobPairs = orchestratorJobPairs
        self.failedOrchestratorIds = failedOrchestratorIds
        self.jobTypeName = jobTypeName
        self.schedule = schedule
        self.jobFields = jobFields
        self.requestTimestamp = requestTimestamp
    }
}

extension BulkJobResponse: Codable {
    public init(from decoder: any Decoder) throws {
        let wire = try WireDecoding(decoder)
        orchestratorJobPairs = try wire.decodeIfPresent([OrchestratorJobPair].self, "OrchestratorJobPairs") ?? []
        failedOrchestratorIds = try wire.decodeIfPresent([String].self, "FailedOrchestratorIds") ?? []
        jobTypeName = try wire.decodeIfPresent(String.self, "JobTypeName") ?? ""
        schedule = wire.decodeScheduleLeniently("Schedule").schedule
        jobFields = try wire.decodeIfPresent([JobFieldValue].self, "JobFields") ?? []
        requestTimestamp = try wire.decodeDateIfPresent("RequestTimestamp")
    }

    public func encode(to encoder: any Encoder) throws {
        var wire = WireEncoding(encoder)
        try wire.encode(orchestratorJobPairs, "OrchestratorJobPairs")
        try wire.encode(failedOrchestratorIds, "FailedOrchestratorIds")
        try wire.encode(jobTypeName, "JobTypeName")
        try wire.encode(schedule, "Schedule")
        try wire.encode(jobFields, "JobFields")
        try wire.encodeDateIfPresent(requestTimestamp, "RequestTimestamp")
    }
}
