import Diagnostics
import YAMLTree

/// One decoded `kfjobs/v1` `JobManifest` document: its name, variables, defaults and jobs.
///
/// Defaults are already merged into each job (fields key by key, `sensitive` added, a job's schedule
/// replacing the default's), so later stages never look at `defaults` again.
public struct Manifest: Hashable, Sendable {
    /// `metadata.name`, unique across all inputs.
    public var name: Located<String>
    /// `metadata.description`, if given.
    public var description: String?
    /// `vars`, in source order.
    public var vars: [ManifestVariable]
    /// The jobs, in source order, with defaults merged in.
    public var jobs: [ManifestJob]
    /// Where the document starts.
    public var location: SourceLocation

    public init(
        name: Located<String>, description: String?, vars: [ManifestVariable], jobs: [ManifestJob],
        location: SourceLocation
    ) {
        self.name = name
        self.description = description
        self.vars = vars
        self.jobs = jobs
        self.location = location
    }

    /// The value of `vars.NAME`, if defined.
    public func variable(_ name: String) -> String? {
        vars.first { $0.name == name }?.value.value
    }
}

/// One entry of a manifest's `vars`: a name and its scalar value, taken literally.
public struct ManifestVariable: Hashable, Sendable {
    public var name: String
    public var value: Located<String>

    public init(name: String, value: Located<String>) {
        self.name = name
        self.value = value
    }
}
