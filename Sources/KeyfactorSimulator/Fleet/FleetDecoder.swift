import Diagnostics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire
import LocatedDecoding
import YAMLTree

/// Turns a fleet file's YAML into a `SimulatorFleet`, gathering a located diagnostic for every mistake.
struct FleetDecoder: LocatedDecoder {
    var problems = DiagnosticCollector()
    var diagnostics: [Diagnostic] { problems.diagnostics }
    /// Relative `lastSeen` values (`2h`) count back from here.
    let now: Date

    init(now: Date) {
        self.now = now
    }

    static let topKeys = ["apiVersion", "kind", "metadata", "server", "auth", "jobs", "faults", "seed", "jobTypes", "agents", "generate"]

    mutating func decode(_ root: YAMLNode) -> SimulatorFleet? {
        guard let top = mapping(root, "the fleet", allowed: Self.topKeys, required: ["apiVersion", "kind"]) else { return nil }
        var fleet = SimulatorFleet()
        fleet.jobDelay = 2
        if let node = top["apiVersion"] {
            if let text = string(node), text != "kfjobs/v1" {
                error(FleetMessage.apiVersion(text), at: node)
            }
        }
        if let node = top["kind"] {
            if let text = string(node), text != "SimulatorFleet" {
                error(FleetMessage.kind(text), at: node)
            }
        }
        if let node = top["metadata"], let metadata = mapping(node, "metadata", allowed: ["name", "description"]) {
            if let name = metadata["name"].flatMap({ string($0) }) { fleet.name = name }
            _ = metadata["description"].flatMap { string($0) }
        }
        if let node = top["server"] {
            decodeServer(node, into: &fleet)
        }
        if let node = top["auth"] { fleet.auth = decodeAuth(node) }
        if let node = top["jobs"], let jobs = mapping(node, "jobs", allowed: ["delay", "failureMessage"]) {
            if let delay = jobs["delay"].flatMap({ duration($0) }) { fleet.jobDelay = delay }
            if let message = jobs["failureMessage"].flatMap({ string($0) }) { fleet.failureMessage = message }
        }
        if let node = top["faults"] { fleet.faults = decodeFaults(node) }
        var seed: UInt64 = 0
        if let node = top["seed"], let value = integer(node, "seed", minimum: 0) { seed = UInt64(value) }
        if let node = top["jobTypes"] { fleet.jobTypes = decodeJobTypes(node, seed: seed) }
        var agents: [SimulatedAgent] = []
        var firstSeen: [String: YAMLNode] = [:]
        if let node = top["agents"], let items = sequence(node, "agents") {
            for item in items {
                if let agent = decodeAgent(item, seed: seed, failureMessage: fleet.failureMessage) {
                    if let first = firstSeen[agent.clientMachine.lowercased()] {
                        error(
                            "agent \(agent.clientMachine) is defined twice", at: item,
                            notes: [Diagnostic.Note("first defined here", at: first.location)])
                    }
                    firstSeen[agent.clientMachine.lowercased()] = item
                    agents.append(agent)
                }
            }
        }
        if let node = top["generate"], let items = sequence(node, "generate") {
            // Checked first, built last: no agent is generated for a fleet that will be refused anyway.
            var generators: [Generator] = []
            var total = agents.count
            for item in items {
                guard let generator = decodeGenerator(item, seed: seed, failureMessage: fleet.failureMessage) else { continue }
                guard total <= Self.maxAgents else { continue }
                total += generator.count
                if total > Self.maxAgents {
                    error(FleetMessage.tooManyAgents(limit: Self.maxAgents), at: generator.countNode)
                }
                generators.append(generator)
            }
            if !problems.containsErrors {
                for generator in generators { agents += generator.agents() }
            }
        }
        var ids: Set<String> = []
        for agent in agents where !ids.insert(agent.agentId).inserted {
            error(FleetMessage.duplicateAgentId(agent.agentId, clientMachine: agent.clientMachine), at: root)
        }
        fleet.agents = agents
        return problems.containsErrors ? nil : fleet
    }

    private mutating func decodeServer(_ node: YAMLNode, into fleet: inout SimulatorFleet) {
        guard let server = mapping(node, "server", allowed: ["apiPath", "casing", "productVersion"] + Self.dialectKeys) else { return }
        if let pathNode = server["apiPath"], let path = string(pathNode) {
            let trimmed = "/" + path.split(separator: "/").joined(separator: "/")
            if trimmed == "/" || path.contains("?") || path.contains(" ") {
                error(FleetMessage.apiPath(), at: pathNode)
            } else {
                fleet.apiPath = trimmed
            }
        }
        if let casingNode = server["casing"], let text = string(casingNode) {
            if let casing = KeyCasing(rawValue: text.lowercased()) {
                fleet.casing = casing
            } else {
                error(FleetMessage.casing(text), at: casingNode)
            }
        }
        if let version = server["productVersion"].flatMap({ string($0) }) { fleet.productVersion = version }
        decodeDialect(server, into: &fleet.dialect)
    }

    private mutating func decodeAuth(_ node: YAMLNode) -> SimulatorAuth {
        var auth = SimulatorAuth()
        guard let map = mapping(node, "auth", allowed: ["basic", "oauth"]) else { return auth }
        if let basicNode = map["basic"], let basic = mapping(basicNode, "auth.basic", allowed: ["username", "password", "domain"], required: ["username", "password"]) {
            let username = basic["username"].flatMap { string($0) }
            let password = basic["password"].flatMap { string($0) }
            let domain = basic["domain"].flatMap { string($0) }
            if let username, let password {
                auth.basic = SimulatorAuth.BasicUser(username: username, password: password, domain: domain)
            }
        }
        if let oauthNode = map["oauth"],
            let oauth = mapping(oauthNode, "auth.oauth", allowed: ["clientId", "clientSecret", "tokenLifetime"], required: ["clientId", "clientSecret"])
        {
            let clientId = oauth["clientId"].flatMap { string($0) }
            let secret = oauth["clientSecret"].flatMap { string($0) }
            var lifetime = 3600
            if let node = oauth["tokenLifetime"], let seconds = duration(node) { lifetime = max(1, Int(seconds)) }
            if let clientId, let secret {
                auth.oauth = SimulatorAuth.OAuthClient(clientId: clientId, clientSecret: secret, tokenLifetime: lifetime)
            }
        }
        return auth
    }

    private mutating func decodeFaults(_ node: YAMLNode) -> SimulatorFaults {
        var faults = SimulatorFaults()
        let keys = ["latency", "failRate", "throttleRate", "dropRate", "hangRate", "retryAfter", "seed", "applyToReads"]
        guard let map = mapping(node, "faults", allowed: keys) else { return faults }
        if let latencyNode = map["latency"], let text = string(latencyNode) {
            if let range = Self.latency(text) {
                faults.latency = range
            } else {
                error(FleetMessage.latency(), at: latencyNode)
            }
        }
        faults.failRate = map["failRate"].flatMap { rate($0, "failRate") } ?? 0
        faults.throttleRate = map["throttleRate"].flatMap { rate($0, "throttleRate") } ?? 0
        faults.dropRate = map["dropRate"].flatMap { rate($0, "dropRate") } ?? 0
        faults.hangRate = map["hangRate"].flatMap { rate($0, "hangRate") } ?? 0
        if faults.failRate + faults.throttleRate + faults.dropRate + faults.hangRate > 1.000_001 {
            error(FleetMessage.ratesOverOne(), at: node)
        }
        if let retry = map["retryAfter"], let seconds = integer(retry, "retryAfter", minimum: 0) {
            faults.retryAfter = seconds
        }
        if let seed = map["seed"], let value = integer(seed, "seed", minimum: 0) { faults.seed = UInt64(value) }
        if let reads = map["applyToReads"], let flag = boolean(reads) { faults.applyToReads = flag }
        return faults
    }

    private mutating func decodeJobTypes(_ node: YAMLNode, seed: UInt64) -> [SimulatedJobType] {
        guard let items = sequence(node, "jobTypes") else { return [] }
        var types: [SimulatedJobType] = []
        var firstSeen: [String: YAMLNode] = [:]
        for item in items {
            let keys = ["name", "id", "description", "requiresCapability", "fields"]
            guard let map = mapping(item, "a job type", allowed: keys, required: ["name"]),
                let nameNode = map["name"], let name = string(nameNode)
            else { continue }
            if let first = firstSeen[name.lowercased()] {
                error(FleetMessage.duplicateJobType(name), at: nameNode, notes: [Diagnostic.Note("first defined here", at: first.location)])
            }
            firstSeen[name.lowercased()] = nameNode
            let id = map["id"].flatMap { guid($0) } ?? AgentIdentity.guid(seed: seed, name: "jobtype:" + name)
            let capability = map["requiresCapability"].flatMap { string($0) }
                ?? (name.lowercased() == SimulatedJobType.fetchLogsName.lowercased() ? "LOGS" : nil)
            var fields: [SimulatedJobTypeField] = []
            if let fieldsNode = map["fields"], let fieldItems = sequence(fieldsNode, "fields") {
                var fieldNames: [String: YAMLNode] = [:]
                for fieldNode in fieldItems {
                    guard let field = decodeField(fieldNode) else { continue }
                    if let first = fieldNames[field.name.lowercased()] {
                        error(FleetMessage.duplicateField(field.name), at: fieldNode, notes: [Diagnostic.Note("first defined here", at: first.location)])
                    }
                    fieldNames[field.name.lowercased()] = fieldNode
                    fields.append(field)
                }
            }
            types.append(
                SimulatedJobType(
                    id: id, name: name, description: map["description"].flatMap { string($0) } ?? "",
                    fields: fields, requiredCapability: capability))
        }
        return types
    }

    private mutating func decodeField(_ node: YAMLNode) -> SimulatedJobTypeField? {
        guard let map = mapping(node, "a field", allowed: ["name", "type", "required", "default"], required: ["name"]),
            let name = map["name"].flatMap({ string($0) })
        else { return nil }
        var type = SimulatedJobTypeField.FieldType.string
        if let typeNode = map["type"], let text = string(typeNode) {
            if let parsed = SimulatedJobTypeField.FieldType.named(text) {
                type = parsed
            } else {
                error(FleetMessage.fieldType(text), at: typeNode)
            }
        }
        let isRequired = map["required"].flatMap { boolean($0) } ?? false
        var defaultValue: String?
        if let defaultNode = map["default"], !defaultNode.isNull, let text = string(defaultNode) {
            if type.accepts(text) {
                defaultValue = text
            } else {
                error(FleetMessage.badDefault(text, type: type.displayName), at: defaultNode)
            }
        }
        return SimulatedJobTypeField(name: name, type: type, defaultValue: defaultValue, required: isRequired)
    }

    static let agentKeys = [
        "clientMachine", "agentId", "username", "platform", "version", "status", "capabilities", "lastSeen",
        "blueprint", "thumbprint", "lastErrorCode", "lastErrorMessage", "fails",
    ]

    private mutating func decodeAgent(_ node: YAMLNode, seed: UInt64, failureMessage: String) -> SimulatedAgent? {
        guard let map = mapping(node, "an agent", allowed: Self.agentKeys, required: ["clientMachine"]),
            let name = map["clientMachine"].flatMap({ string($0) })
        else { return nil }
        let id = map["agentId"].flatMap { guid($0) } ?? AgentIdentity.guid(seed: seed, name: name)
        var agent = SimulatedAgent(agentId: id, clientMachine: name)
        applyCommon(map, to: &agent, failureMessage: failureMessage)
        if let node = map["lastErrorCode"], let code = integer(node, "lastErrorCode", minimum: Int.min) {
            agent.lastErrorCode = Int64(code)
        }
        agent.lastErrorMessage = map["lastErrorMessage"].flatMap { string($0) }
        agent.blueprint = map["blueprint"].flatMap { string($0) }
        agent.thumbprint = map["thumbprint"].flatMap { string($0) } ?? AgentIdentity.thumbprint(seed: seed, name: name)
        return agent
    }

    /// Settings an explicit agent and a generator share.
    private mutating func applyCommon(_ map: [String: YAMLNode], to agent: inout SimulatedAgent, failureMessage: String) {
        agent.username = map["username"].flatMap { string($0) } ?? "KEYFACTOR\\svc-orchestrator"
        agent.version = map["version"].flatMap { string($0) } ?? "24.4.0.0"
        if let node = map["platform"], let text = string(node) {
            if let platform = Self.platform(text) {
                agent.platform = platform
            } else {
                error(FleetMessage.platform(names: Self.platformNames), at: node)
            }
        }
        if let node = map["status"], let text = string(node) {
            if let status = Self.status(text) {
                agent.status = status
            } else {
                error(FleetMessage.status(text), at: node)
            }
        }
        if let node = map["capabilities"], let items = sequence(node, "capabilities") {
            agent.capabilities = items.compactMap { string($0) }
        } else if map["capabilities"] == nil {
            agent.capabilities = ["LOGS"]
        }
        agent.lastSeen = now
        if let node = map["lastSeen"], let text = string(node) {
            if let date = ISO8601.parse(text) {
                agent.lastSeen = date
            } else if let age = Self.duration(text) {
                agent.lastSeen = now.addingTimeInterval(-age)
            } else {
                error(FleetMessage.lastSeen(), at: node)
            }
        }
        if let node = map["fails"] {
            if let flag = node.text.flatMap(Self.bool) {
                agent.failureMessage = flag ? failureMessage : nil
            } else if let message = string(node) {
                agent.failureMessage = message
            }
        }
    }

    /// The most agents a fleet may have, listed and generated together: a line of `generate` must not
    /// make the simulator build more orchestrators than it can serve (a million took 560 MB and 9 s).
    static let maxAgents = 100_000

    /// A `generate` entry, checked: the agents it stands for are only built once the whole fleet is.
    struct Generator {
        var count: Int
        var countNode: YAMLNode
        var start: Int
        var seed: UInt64
        var template: NamePattern
        var prototype: SimulatedAgent

        func agents() -> [SimulatedAgent] {
            var agents: [SimulatedAgent] = []
            agents.reserveCapacity(count)
            for index in start..<(start + count) {
                var agent = prototype
                agent.clientMachine = template.render(index)
                agent.agentId = AgentIdentity.guid(seed: seed, name: agent.clientMachine)
                agent.thumbprint = AgentIdentity.thumbprint(seed: seed, name: agent.clientMachine)
                agents.append(agent)
            }
            return agents
        }
    }

    private mutating func decodeGenerator(_ node: YAMLNode, seed: UInt64, failureMessage: String) -> Generator? {
        let keys = ["count", "name", "start", "seed"] + Self.agentKeys.filter { !["clientMachine", "agentId", "lastErrorCode", "lastErrorMessage", "blueprint", "thumbprint"].contains($0) }
        guard let map = mapping(node, "a generator", allowed: keys, required: ["count", "name"]),
            let countNode = map["count"], let count = integer(countNode, "count", minimum: 1),
            let patternNode = map["name"], let pattern = string(patternNode)
        else { return nil }
        guard count <= Self.maxAgents else {
            error(FleetMessage.countTooLarge(limit: Self.maxAgents), at: countNode)
            return nil
        }
        guard let template = NamePattern(pattern) else {
            error(FleetMessage.namePattern(), at: patternNode)
            return nil
        }
        let start = map["start"].flatMap { integer($0, "start", minimum: 0) } ?? 1
        guard start <= Int.max - count else {
            if let startNode = map["start"] { error(FleetMessage.startOverflow(), at: startNode) }
            return nil
        }
        let generatorSeed = map["seed"].flatMap { integer($0, "seed", minimum: 0) }.map(UInt64.init) ?? seed
        var prototype = SimulatedAgent(agentId: "", clientMachine: "")
        applyCommon(map, to: &prototype, failureMessage: failureMessage)
        return Generator(count: count, countNode: countNode, start: start, seed: generatorSeed, template: template, prototype: prototype)
    }
}
