import Diagnostics
import Foundation
import KFJobsManifest
import KeyfactorWire
import YAMLTree

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
