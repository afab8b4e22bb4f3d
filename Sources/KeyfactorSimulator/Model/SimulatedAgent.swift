#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An orchestrator the simulator knows, with the fields `GET /Agents` returns.
public struct SimulatedAgent: Hashable, Sendable {
    /// A GUID in lower case.
    public var agentId: String
    public var clientMachine: String
    public var username: String
    /// 0 Unknown, 1 .NET, 2 Java, 3 Mac, 4 Android, 5 Native, 6 Bash, 7 Universal Orchestrator.
    public var platform: Int
    public var version: String
    /// 1 New, 2 Approved, 3 Disapproved, 4 (meaning unconfirmed).
    public var status: Int
    public var lastSeen: Date?
    public var capabilities: [String]
    public var blueprint: String?
    public var thumbprint: String?
    public var lastErrorCode: Int64
    public var lastErrorMessage: String?
    /// When set, every job run on this agent ends in Failure with this message.
    public var failureMessage: String?

    public init(
        agentId: String, clientMachine: String, username: String = "", platform: Int = 7, version: String = "",
        status: Int = 2, lastSeen: Date? = nil, capabilities: [String] = [], blueprint: String? = nil,
        thumbprint: String? = nil, lastErrorCode: Int64 = 0, lastErrorMessage: String? = nil,
        failureMessage: String? = nil
    ) {
        self.agentId = agentId.lowercased()
        self.clientMachine = clientMachine
        self.username = username
        self.platform = platform
        self.version = version
        self.status = status
        self.lastSeen = lastSeen
        self.capabilities = capabilities
        self.blueprint = blueprint
        self.thumbprint = thumbprint
        self.lastErrorCode = lastErrorCode
        self.lastErrorMessage = lastErrorMessage
        self.failureMessage = failureMessage
    }

    /// Only approved orchestrators run jobs.
    public var isApproved: Bool { status == 2 }

    public func hasCapability(_ name: String) -> Bool {
        capabilities.contains { $0.uppercased() == name.uppercased() }
    }
}
