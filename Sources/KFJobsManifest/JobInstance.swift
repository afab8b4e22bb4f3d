import Diagnostics
import KeyfactorWire
import YAMLTree

/// One job of a manifest for one matrix combination, rendered as far as it can be without a server:
/// everything but `${agent.*}`, which the planner finishes per agent with `concrete(for:)`.
public struct JobInstance: Hashable, Sendable {
    public var manifestName: String
    public var jobName: String
    public var jobType: Located<String>
    public var combination: MatrixCombination
    /// The selector with its templates rendered.
    public var selector: RenderedSelector
    public var expectMin: Int
    public var expectMax: Int?
    /// Seconds; agents not seen for longer are excluded.
    public var lastSeenWithin: Int?
    /// Where the selector's value is written: errors about the number of agents point here.
    public var selectorLocation: SourceLocation
    public var declaredSchedule: Located<DeclaredSchedule>
    /// The API's Schedule, with its next instant computed from the expansion's clock.
    public var schedule: KeyfactorWire.Schedule
    /// Fields with only `${agent.*}` left to render.
    public var fields: [InstanceField]
    /// Where a required field left out is reported (`ManifestJob.requiredFieldsLocation`).
    public var requiredFieldsLocation: SourceLocation

    /// The job key before the agent: `MANIFEST/JOB` or `MANIFEST/JOB[k1=v1,k2=v2]`.
    public var keyPrefix: String {
        let base = "\(manifestName)/\(jobName)"
        guard !combination.bindings.isEmpty else { return base }
        let bindings = combination.bindings.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
        return base + "[" + bindings.map { "\($0.key)=\(JobKey.escape($0.value))" }.joined(separator: ",") + "]"
    }

    /// `MANIFEST/JOB[...]@agentid`, the AgentId in lower case.
    public func key(agentId: String) -> String {
        keyPrefix + "@" + agentId.lowercased()
    }
}

/// An agent selector after its templates were rendered.
public enum RenderedSelector: Hashable, Sendable {
    case query(Located<String>)
    case ids([Located<String>])
    case clientMachines([Located<String>])
}

/// A field of a job instance: its value still a template when it uses `${agent.*}`.
public struct InstanceField: Hashable, Sendable {
    public var name: Located<String>
    public var value: Template
    public var valueLocation: SourceLocation
    /// Listed in `sensitive` or rendered from `${env.*}`: shown as `***`, left out of the fingerprint.
    public var isSensitive: Bool

    public init(name: Located<String>, value: Template, valueLocation: SourceLocation, isSensitive: Bool) {
        self.name = name
        self.value = value
        self.valueLocation = valueLocation
        self.isSensitive = isSensitive
    }
}
