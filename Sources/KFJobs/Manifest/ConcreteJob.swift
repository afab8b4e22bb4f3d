import Diagnostics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KFJobsManifest
import KeyfactorWire
import YAMLTree

/// A fully rendered job for one agent: what would be submitted, with its identity.
public struct ConcreteJob: Hashable, Sendable {
    /// Key, fingerprint (of `fields` as given when it was made), manifest, job, agent, job type.
    public var identity: JobIdentity
    public var declaredSchedule: DeclaredSchedule
    public var schedule: KeyfactorWire.Schedule
    /// Fields in declaration order, values rendered (in canonical form once validated).
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
