/// The attributes of an agent that templates may use, as the planner read them from the server.
public struct AgentAttributes: Hashable, Sendable {
    public var agentId: String
    public var clientMachine: String
    public var username: String
    public var version: String
    /// The numeric status (2 = Approved).
    public var status: Int
    /// The numeric platform code.
    public var agentPlatform: Int

    public init(agentId: String, clientMachine: String, username: String = "", version: String = "", status: Int = 2, agentPlatform: Int = 0) {
        self.agentId = agentId
        self.clientMachine = clientMachine
        self.username = username
        self.version = version
        self.status = status
        self.agentPlatform = agentPlatform
    }

    /// The value of `${agent.NAME}` (Status and AgentPlatform as numbers).
    public func value(of attribute: String) -> String? {
        switch attribute {
        case "AgentId": agentId
        case "ClientMachine": clientMachine
        case "Username": username
        case "Version": version
        case "Status": String(status)
        case "AgentPlatform": String(agentPlatform)
        default: nil
        }
    }
}
