import Crypto
import Foundation
import KeyfactorWire
import YAMLTree

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

/// A fully rendered job for one agent: what would be submitted, with its key and fingerprint.
public struct ConcreteJob: Hashable, Sendable {
    public var key: String
    public var fingerprint: String
    public var manifestName: String
    public var jobName: String
    public var agentId: String
    public var clientMachine: String
    public var jobTypeName: String
    public var declaredSchedule: DeclaredSchedule
    public var schedule: KeyfactorWire.Schedule
    /// Fields in declaration order, values rendered (not yet converted to the field's type).
    public var fields: [ConcreteField]

    /// The fields as shown to people: sensitive values replaced by `***`.
    public var redactedFields: [String: String] {
        Dictionary(fields.map { ($0.name, $0.isSensitive ? "***" : $0.value) }, uniquingKeysWith: { _, last in last })
    }
}

/// One rendered field of a concrete job.
public struct ConcreteField: Hashable, Sendable {
    public var name: String
    public var value: String
    public var isSensitive: Bool
    public var nameLocation: SourceLocation
    public var valueLocation: SourceLocation
}

extension JobInstance {
    /// Renders `${agent.*}` for one agent, and computes the job's key and fingerprint.
    public func concrete(for agent: AgentAttributes) -> ConcreteJob {
        let fields = fields.map { field in
            let rendered = field.value.substituting { variable in
                variable.namespace == .agent ? agent.value(of: variable.name) : nil
            }
            return ConcreteField(
                name: field.name.value, value: rendered.literalText ?? rendered.sourceText, isSensitive: field.isSensitive,
                nameLocation: field.name.location, valueLocation: field.valueLocation)
        }
        return ConcreteJob(
            key: key(agentId: agent.agentId),
            fingerprint: JobFingerprint.compute(jobType: jobType.value, schedule: declaredSchedule.value, fields: fields),
            manifestName: manifestName, jobName: jobName, agentId: agent.agentId, clientMachine: agent.clientMachine,
            jobTypeName: jobType.value, declaredSchedule: declaredSchedule.value, schedule: schedule, fields: fields)
    }
}

/// The fingerprint of a concrete job: what it is, independent of the clock and of its secrets.
public enum JobFingerprint {
    /// The canonical JSON hashed: `{"fields": non-sensitive rendered fields, "jobType", "schedule": the
    /// declared schedule normalised}`.
    public static func canonicalJSON(jobType: String, schedule: DeclaredSchedule, fields: [ConcreteField]) -> String {
        var members: [String: CanonicalJSON] = [:]
        for field in fields where !field.isSensitive {
            members[field.name] = .string(field.value)
        }
        return CanonicalJSON.object([
            "fields": .object(members), "jobType": .string(jobType), "schedule": schedule.normalized,
        ]).text
    }

    /// SHA-256 of the canonical JSON, as lower-case hex.
    public static func compute(jobType: String, schedule: DeclaredSchedule, fields: [ConcreteField]) -> String {
        let digest = SHA256.hash(data: Data(canonicalJSON(jobType: jobType, schedule: schedule, fields: fields).utf8))
        return digest.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
    }
}
