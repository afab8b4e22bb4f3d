/// The body of `POST /OrchestratorJobs/Custom/Bulk`: the same custom job on many orchestrators.
public struct BulkJobRequest: Sendable, Hashable {
    public var orchestratorIds: [String]
    public var jobTypeName: String
    public var schedule: Schedule
    /// Field name to value, keys written exactly as given.
    public var jobFields: [String: String]

    public init(orchestratorIds: [String], jobTypeName: String, schedule: Schedule = .immediate, jobFields: [String: String] = [:]) {
        self.orchestratorIds = orchestratorIds
        self.jobTypeName = jobTypeName
        self.schedule = schedule
        self.jobFields = jobFields
    }
}

extension BulkJobRequest: Codable {
    public init(from decoder: any Decoder) throws {
        let wire = try WireDecoding(decoder)
        orchestratorIds = try wire.decode([String].self, "OrchestratorIds")
        jobTypeName = try wire.decode(String.self, "JobTypeName")
        schedule = try wire.decodeIfPresent(Schedule.self, "Schedule") ?? .immediate
        jobFields = try wire.decodeVerbatimMapIfPresent("JobFields") ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var wire = WireEncoding(encoder)
        try wire.encode(orchestratorIds, "OrchestratorIds")
        try wire.encode(jobTypeName, "JobTypeName")
        try wire.encode(schedule, "Schedule")
        try wire.encodeVerbatimMap(jobFields, "JobFields")
    }
}
