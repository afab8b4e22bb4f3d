#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An orchestrator ("agent") as `GET /Agents` returns it.
public struct Agent: Sendable, Hashable {
    /// The orchestrator's GUID, as the server spells it.
    public var agentId: String
    public var clientMachine: String
    public var username: String?
    /// 0 Unknown, 1 .NET, 2 Java, 3 Mac, 4 Android, 5 Native, 6 Bash, 7 Universal Orchestrator.
    public var agentPlatform: Int
    public var version: String?
    /// 1 New, 2 Approved, 3 Disapproved (4 exists; its meaning is unconfirmed).
    public var status: Int
    public var lastSeen: Date?
    public var capabilities: [String]
    public var blueprint: String?
    public var thumbprint: String?
    public var legacyThumbprint: String?
    public var authCertificateReenrollment: String?
    public var lastThumbprintUsed: String?
    public var lastErrorCode: Int64?
    public var lastErrorMessage: String?

    /// The status of an orchestrator that may run jobs.
    public static let approvedStatus = 2

    public init(
        agentId: String, clientMachine: String, username: String? = nil, agentPlatform: Int = 0,
        version: String? = nil, status: Int, lastSeen: Date? = nil, capabilities: [String] = [],
        blueprint: String? = nil, thumbprint: String? = nil, legacyThumbprint: String? = nil,
        authCertificateReenrollment: String? = nil, lastThumbprintUsed: String? = nil,
        lastErrorCode: Int64? = nil, lastErrorMessage: String? = nil
    ) {
        self.agentId = agentId
        self.clientMachine = clientMachine
        self.username = username
        self.agentPlatform = agentPlatform
        self.version = version
        self.status = status
        self.lastSeen = lastSeen
        self.capabilities = capabilities
        self.blueprint = blueprint
        self.thumbprint = thumbprint
        self.legacyThumbprint = legacyThumbprint
        self.authCertificateReenrollment = authCertificateReenrollment
        self.lastThumbprintUsed = lastThumbprintUsed
        self.lastErrorCode = lastErrorCode
        self.lastErrorMessage = lastErrorMessage
    }
}

extension Agent: Codable {
    public init(from decoder: any Decoder) throws {
        let wire = try WireDecoding(decoder)
        agentId = try wire.decode(String.self, "AgentId")
        clientMachine = try wire.decodeIfPresent(String.self, "ClientMachine") ?? ""
        username = try wire.decodeIfPresent(String.self, "Username")
        agentPlatform = try wire.decodeIfPresent(Int.self, "AgentPlatform") ?? 0
        version = try wire.decodeIfPresent(String.self, "Version")
        status = try wire.decodeIfPresent(Int.self, "Status") ?? 0
        lastSeen = try wire.decodeDateIfPresent("LastSeen")
        capabilities = try wire.decodeIfPresent([String].self, "Capabilities") ?? []
        blueprint = try wire.decodeIfPresent(String.self, "Blueprint")
        thumbprint = try wire.decodeIfPresent(String.self, "Thumbprint")
        legacyThumbprint = try wire.decodeIfPresent(String.self, "LegacyThumbprint")
        // A string in the swagger, an enum number in some builds: keep its text either way.
        authCertificateReenrollment = try wire.decodeLenientStringIfPresent("AuthCertificateReenrollment")
        lastThumbprintUsed = try wire.decodeIfPresent(String.self, "LastThumbprintUsed")
        lastErrorCode = try wire.decodeIfPresent(Int64.self, "LastErrorCode")
        lastErrorMessage = try wire.decodeIfPresent(String.self, "LastErrorMessage")
    }

    public func encode(to encoder: any Encoder) throws {
        var wire = WireEncoding(encoder)
        try wire.encode(agentId, "AgentId")
        try wire.encode(clientMachine, "ClientMachine")
        try wire.encodeIfPresent(username, "Username")
        try wire.encode(agentPlatform, "AgentPlatform")
        try wire.encodeIfPresent(version, "Version")
        try wire.encode(status, "Status")
        try wire.encodeDateIfPresent(lastSeen, "LastSeen")
        try wire.encode(capabilities, "Capabilities")
        try wire.encodeIfPresent(blueprint, "Blueprint")
        try wire.encodeIfPresent(thumbprint, "Thumbprint")
        try wire.encodeIfPresent(legacyThumbprint, "LegacyThumbprint")
        try wire.encodeIfPresent(authCertificateReenrollment, "AuthCertificateReenrollment")
        try wire.encodeIfPresent(lastThumbprintUsed, "LastThumbprintUsed")
        try wire.encodeIfPresent(lastErrorCode, "LastErrorCode")
        try wire.encodeIfPresent(lastErrorMessage, "LastErrorMessage")
    }
}
