import Diagnostics
import YAMLTree

/// One entry of a manifest's `jobs`, with the manifest's defaults merged in.
public struct ManifestJob: Hashable, Sendable {
    /// The job's name, unique within its manifest.
    public var name: Located<String>
    /// The JobTypeName to submit.
    public var jobType: Located<String>
    /// Which agents get the job.
    public var agents: AgentSelector
    /// The matrix axes in source order; empty when the job has no matrix.
    public var matrix: [MatrixAxis]
    /// Matrix combinations to drop: each entry drops every combination that has all its bindings.
    public var exclude: [[String: String]]
    /// The declared schedule (the job's own, else the default's, else immediate).
    public var schedule: Located<DeclaredSchedule>
    /// The fields, defaults first then the job's own, each name once (the job's own value wins).
    public var fields: [ManifestField]
    /// Field names to redact: the default's list plus the job's.
    public var sensitive: Set<String>
    /// Where the job's mapping starts.
    public var location: SourceLocation
    /// Where a required field the job leaves out is reported: the first key of its own `fields` (or
    /// the `{}`), else the job's mapping.
    public var requiredFieldsLocation: SourceLocation

    public init(
        name: Located<String>, jobType: Located<String>, agents: AgentSelector, matrix: [MatrixAxis] = [],
        exclude: [[String: String]] = [], schedule: Located<DeclaredSchedule>, fields: [ManifestField] = [],
        sensitive: Set<String> = [], location: SourceLocation, requiredFieldsLocation: SourceLocation? = nil
    ) {
        self.name = name
        self.jobType = jobType
        self.agents = agents
        self.matrix = matrix
        self.exclude = exclude
        self.schedule = schedule
        self.fields = fields
        self.sensitive = sensitive
        self.location = location
        self.requiredFieldsLocation = requiredFieldsLocation ?? location
    }
}

/// A matrix axis: a name and its values, in the order written.
public struct MatrixAxis: Hashable, Sendable {
    public var name: String
    public var values: [Located<String>]

    public init(name: String, values: [Located<String>]) {
        self.name = name
        self.values = values
    }
}

/// A job field as declared: its name and its value as a template, both located.
public struct ManifestField: Hashable, Sendable {
    public var name: Located<String>
    public var value: Template
    /// Where the value is written, for errors about it.
    public var valueLocation: SourceLocation

    public init(name: Located<String>, value: Template, valueLocation: SourceLocation) {
        self.name = name
        self.value = value
        self.valueLocation = valueLocation
    }
}
