/// Keyfactor's error body: `{"ErrorCode": "0xA0110002", "Message": "..."}`, bulk calls adding
/// `FailedOperations`.
public struct KeyfactorErrorBody: Sendable, Hashable {
    public var errorCode: String?
    public var message: String?
    public var failedOperations: [FailedOperation]?

    public init(errorCode: String?, message: String?, failedOperations: [FailedOperation]? = nil) {
        self.errorCode = errorCode
        self.message = message
        self.failedOperations = failedOperations
    }
}

/// One failed part of a bulk operation; only its reason has a known shape.
public struct FailedOperation: Sendable, Hashable {
    public var reason: String?

    public init(reason: String?) { self.reason = reason }
}

extension KeyfactorErrorBody: Codable {
    public init(from decoder: any Decoder) throws {
        let wire = try WireDecoding(decoder)
        // Some servers send the code as a number.
        errorCode = try wire.decodeLenientStringIfPresent("ErrorCode")
        message = try wire.decodeIfPresent(String.self, "Message")
        failedOperations = try wire.decodeIfPresent([FailedOperation].self, "FailedOperations")
    }

    public func encode(to encoder: any Encoder) throws {
        var wire = WireEncoding(encoder)
        try wire.encodeIfPresent(errorCode, "ErrorCode")
        try wire.encodeIfPresent(message, "Message")
        try wire.encodeIfPresent(failedOperations, "FailedOperations")
    }
}

extension FailedOperation: Codable {
    public init(from decoder: any Decoder) throws {
        let wire = try WireDecoding(decoder)
        reason = try wire.decodeIfPresent(String.self, "Reason")
    }

    public func encode(to encoder: any Encoder) throws {
        var wire = WireEncoding(encoder)
        try wire.encodeIfPresent(reason, "Reason")
    }
}
