/// The body of `POST /OrchestratorJobs/Unschedule`: job ids or a query, never both.
public enum UnscheduleRequest: Sendable, Hashable {
    case jobIds([String])
    case query(String)
}

extension UnscheduleRequest: Codable {
    public init(from decoder: any Decoder) throws {
        let wire = try WireDecoding(decoder)
        let ids = try wire.decodeIfPresent([String].self, "JobIds")
        let query = try wire.decodeIfPresent(String.self, "Query")
        switch (ids, query) {
        case (let ids?, nil): self = .jobIds(ids)
        case (nil, let query?): self = .query(query)
        default:
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "give either JobIds or Query, not both"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var wire = WireEncoding(encoder)
        switch self {
        case .jobIds(let ids): try wire.encode(ids, "JobIds")
        case .query(let query): try wire.encode(query, "Query")
        }
    }
}
