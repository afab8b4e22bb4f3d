#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KFJobsManifest
import KeyfactorWire

/// The JSON of `kfjobs agents --output json` (schema: `schemas/kfjobs-agents.schema.json`).
public struct AgentsDocument: Codable, Sendable, Hashable {
    /// The selector as given: exactly one of its members is present.
    public struct Selector: Codable, Sendable, Hashable {
        public var query: String?
        public var ids: [String]?
        public var clientMachines: [String]?

        public init(_ selector: RenderedSelector) {
            switch selector {
            case .query(let query): self.query = query.value
            case .ids(let ids): self.ids = ids.map(\.value)
            case .clientMachines(let names): self.clientMachines = names.map(\.value)
            }
        }
    }

    public struct Agent: Codable, Sendable, Hashable {
        public var clientMachine: String
        public var agentId: String
        public var status: Int
        public var statusName: String
        public var platform: Int
        public var platformName: String
        public var version: String?
        public var capabilities: [String]
        public var lastSeen: String?
        public var eligible: Bool
        /// Why no job would go there; absent when one would.
        public var reason: String?
    }

    public var server: String
    public var selector: Selector
    public var jobType: String?
    public var lastSeenWithinSeconds: Int?
    public var agents: [Agent]
    public var unknownIds: [String]
    public var unknownClientMachines: [String]
    public var matched: Int
    /// What an `expect` guard on this selector would count.
    public var eligible: Int

    public init(_ report: AgentDiscovery.Report, selector: RenderedSelector, discovery: AgentDiscovery, server: String) {
        self.server = server
        self.selector = Selector(selector)
        self.jobType = discovery.jobType
        self.lastSeenWithinSeconds = discovery.lastSeenWithin
        self.agents = report.matches.map { match in
            Agent(
                clientMachine: match.agent.clientMachine, agentId: match.agent.agentId, status: match.agent.status,
                statusName: AgentNames.status(match.agent.status), platform: match.agent.agentPlatform,
                platformName: AgentNames.platform(match.agent.agentPlatform), version: match.agent.version,
                capabilities: match.agent.capabilities, lastSeen: match.agent.lastSeen.map(LedgerTime.format),
                eligible: match.isEligible, reason: match.exclusion)
        }
        self.unknownIds = report.unknownIds
        self.unknownClientMachines = report.unknownNames
        self.matched = report.matches.count
        self.eligible = report.eligibleCount
    }

    /// Pretty, sorted keys, slashes not escaped.
    public func encoded() -> String {
        PrettyJSON.encode(self)
    }
}

/// The API's numbers for an orchestrator's status and platform, in words (API.md, GET /Agents).
public enum AgentNames {
    public static func status(_ code: Int) -> String {
        [1: "New", 2: "Approved", 3: "Disapproved"][code] ?? "status \(code)"
    }

    public static func platform(_ code: Int) -> String {
        [0: "Unknown", 1: ".NET", 2: "Java", 3: "Mac", 4: "Android", 5: "Native", 6: "Bash", 7: "Universal Orchestrator"][code]
            ?? "platform \(code)"
    }
}

/// How long ago, as the plan's exclusions say it: `3d`, `5h`, `42m`.
public enum AgentAge {
    public static func describe(_ seconds: Double) -> String {
        AgentEligibility.duration(seconds)
    }
}
