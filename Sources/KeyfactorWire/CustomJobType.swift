/// A custom job type as `GET /JobTypes/Custom` returns it.
public struct CustomJobType: Sendable, Hashable {
    /// The job type's GUID; the built-in FetchLogs type may have none.
    public var id: String?
    public var jobTypeName: String
    public var description: String?
    public var jobTypeFields: [JobTypeField]

    public init(id: String? = nil, jobTypeName: String, description: String? = nil, jobTypeFields: [JobTypeField] = []) {
        self.id = id
        self.jobTypeName = jobTypeName
        self.description = description
        self.jobTypeFields = jobTypeFields
    }
}

extension CustomJobType: Codable {
    public init(from decoder: any Decoder) throws {
        let wire = try WireDecoding(decoder)
        id = try wire.decodeIfPresent(String.self, "Id")
        jobTypeName = try wire.decode(String.self, "JobTypeName")
        description = try wire.decodeIfPresent(String.self, "Description")
        jobTypeFields = try wire.decodeIfPresent([JobTypeField].self, "JobTypeFields") ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var wire = WireEncoding(encoder)
        try wire.encodeIfPresent(id, "Id")
        try wire.encode(jobTypeName, "JobTypeName")
        try wire.encodeIfPresent(description, "Description")
        try wire.encode(jobTypeFields, "JobTypeFields")
    }
}
