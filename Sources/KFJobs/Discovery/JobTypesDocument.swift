#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire

/// The JSON of `kfjobs job-types --output json` (schema: `schemas/kfjobs-job-types.schema.json`).
public struct JobTypesDocument: Codable, Sendable, Hashable {
    public struct JobType: Codable, Sendable, Hashable {
        public var name: String
        public var id: String?
        public var description: String?
        /// Keyfactor's Fetch Logs type, known to every server.
        public var builtIn: Bool
        public var fields: [Field]
    }

    public struct Field: Codable, Sendable, Hashable {
        public var name: String
        /// `String`, `Integer`, `DateTime`, `Boolean`, or `unknown type N`.
        public var type: String
        public var typeCode: Int?
        public var required: Bool
        public var `default`: String?
    }

    public var server: String
    public var jobTypes: [JobType]

    public init(_ types: [CustomJobType], server: String) {
        self.server = server
        self.jobTypes = types.map { type in
            JobType(
                name: type.jobTypeName, id: (type.id ?? "").isEmpty ? nil : type.id, description: type.description,
                builtIn: type.jobTypeName == JobTypeCatalog.builtInName,
                fields: type.jobTypeFields.map { field in
                    Field(name: field.name, type: field.type.displayName, typeCode: field.type.code, required: field.required, default: field.defaultValue)
                })
        }
    }

    /// Pretty, sorted keys, slashes not escaped.
    public func encoded() -> String {
        PrettyJSON.encode(self)
    }
}
