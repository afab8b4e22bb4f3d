/// A field of a created job as responses list it: `{"JobTypeField": "KeyBits", "Value": "4096"}`.
public struct JobFieldValue: Sendable, Hashable {
    public var jobTypeField: String
    public var value: String?

    public init(jobTypeField: String, value: String?) {
        self.jobTypeField = jobTypeField
        self.value = value
    }
}

extension JobFieldValue: Codable {
    public init(from decoder: any Decoder) throws {
        let wire = try WireDecoding(decoder)
        jobTypeField = try wire.decode(String.self, "JobTypeField")
        value = try wire.decodeLenientStringIfPresent("Value")
    }

    public func encode(to encoder: any Encoder) throws {
        var wire = WireEncoding(encoder)
        try wire.encode(jobTypeField, "JobTypeField")
        try wire.encode(value, "Value")
    }
}
