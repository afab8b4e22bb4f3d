#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The answer to `POST /OrchestratorJobs/Custom`: the created job.
public struct CustomJobResponse: Sendable, Hashable {
    public var jobId: String
    public var orchestratorId: String
    public var jobTypeName: String
    /// Nil when the server reads an Immediate schedule back as `null`.
    public var schedule: Schedule?
    /// An array of `{JobTypeField, Value}` on the wire, not a map.
    public var jobFields: [JobFieldValue]
    public var requestTimestamp: Date?

    public init(
        jobId: String, orchestratorId: String, jobTypeName: String, schedule: Schedule? = nil,
        jobFields: [JobFieldValue] = [], requestTimestamp: Date? = nil
    ) {
        self.jobId = jobId
        self.orchestratorId = orchestratorId
        self.jobTypeName = jobTypeName
        self.schedule = schedule
        self.jobFields = jobFields
        self.requestTimestamp = requestTimestamp
    }
}

extension CustomJobResponse: Codable {
    public init(from decoder: any Decoder) throws {
        let wire = try WireDecoding(decoder)
        jobId = try wire.decode(String.self, "JobId")
        orchestratorId = try wire.decodeIfPresent(String.self, "OrchestratorId") ?? ""
        jobTypeName = try wire.decodeIfPresent(String.self, "JobTypeName") ?? ""
        schedule = wire.decodeScheduleLeniently("Schedule").schedule
        jobFields = try wire.decodeIfPresent([JobFieldValue].self, "JobFields") ?? []
        // The seed's documentation page spells it "RequestTimestmap"; accept both.
        requestTimestamp = try wire.decodeDateIfPresent("RequestTimestamp")
            ?? wire.decodeDateIfPresent("RequestTimestmap")
    }

    public func encode(to encoder: any Encoder) throws {
        var wire = WireEncoding(encoder)
        try wire.encode(jobId, "JobId")
        try wire.encode(orchestratorId, "OrchestratorId")
        try wire.encode(jobTypeName, "JobTypeName")
        try wire.encode(schedule, "Schedule")
        try wire.encode(jobFields, "JobFields")
        try wire.encodeDateIfPresent(requestTimestamp, "RequestTimestamp")
    }
}
