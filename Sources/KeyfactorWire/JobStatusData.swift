/// The data a job run left, from `GET /OrchestratorJobs/JobStatus/Data` (the FetchLogs result).
public struct JobStatusData: Sendable, Hashable {
    public var jobHistoryId: Int64
    public var data: String?

    public init(jobHistoryId: Int64, data: String?) {
        self.jobHistoryId = jobHistoryId
        self.data = data
    }
}

extension JobStatusData: Codable {
    public init(from decoder: any Decoder) throws {
        let wire = try WireDecoding(decoder)
        jobHistoryId = try wire.decode(Int64.self, "JobHistoryId")
        data = try wire.decodeIfPresent(String.self, "Data")
    }

    public func encode(to encoder: any Encoder) throws {
        var wire = WireEncoding(encoder)
        try wire.encode(jobHistoryId, "JobHistoryId")
        try wire.encode(data, "Data")
    }
}
