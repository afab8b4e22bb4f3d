/// The body of `POST /OrchestratorJobs/Custom`: one custom job for one orchestrator.
///
/// Encoded in the encoder's casing (kfjobs sends PascalCase); the keys of `jobFields` are
/// written exactly as given, never case-converted: they are the job type's field names.
public struct CustomJobRequest: Sendable, Hashable {
    public var agentId: String
    public var jobTypeName: String
    public var schedule: Schedule
    /// Field name to value, in canonical string form; fields left out take the server's default.
    public var jobFields: [String: String]

    public init(agentId: String, jobTypeName: String, schedule: Schedule = .immediate, jobFields: [String: String] = [:]) {
        self.agentId = agentId
        self.jobTypeName = jobTypeName
        self.schedule = schedule
        self.jobFields = jobFields
    }
}

extension CustomJobRequest: Codable {
    public init(from decoder: any Decoder) throws {
        let wire = try WireDecoding(decoder)
        agentId = try wire.decode(String.self, "AgentId")
        jobTypeName = try wire.decode(String.self, "JobTypeName")
        // The API's default when no schedule is sent.
        schedule = try wire.decodeIfPresent(Schedule.self, "Schedule") ?? .immediate
        jobFields = try wire.decodeVerbatimMapIfPresent("JobFields") ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var wire = WireEncoding(encoder)
        try wire.encode(agentId, "AgentId")
        try wire.encode(jobTypeName, "JobTypeName")
        try wire.encode(schedule, "Schedule")
        try wire.encodeVerbatimMap(jobFields, "JobFields")
    }
}
