import KeyfactorAPI
import KeyfactorWire

/// The job types a server defines, as planning resolves them (all pages; FetchLogs added as the
/// built-in type when the server does not list it), for `kfjobs job-types` and `kfjobs init`.
public struct JobTypeCatalog: Sendable {
    /// The name of Keyfactor's built-in Fetch Logs job type.
    public static let builtInName = "FetchLogs"

    /// Every type, by name; FetchLogs first, then the others in name order.
    public var jobTypes: [CustomJobType]

    public init(jobTypes: [CustomJobType]) {
        self.jobTypes = jobTypes.sorted { a, b in
            (a.jobTypeName == Self.builtInName ? 0 : 1, a.jobTypeName) < (b.jobTypeName == Self.builtInName ? 0 : 1, b.jobTypeName)
        }
    }

    /// Reads the server's job types as the planner does.
    public static func fetch(using api: some ServerReads) async throws(KeyfactorClientError) -> JobTypeCatalog {
        let byName = try await Planner(server: "", now: .distantPast).resolveJobTypes(using: api)
        return JobTypeCatalog(jobTypes: Array(byName.values))
    }

    /// The type named exactly `name`, or the message saying which names exist (with "did you mean").
    public func jobType(named name: String) -> Result<CustomJobType, UnknownJobType> {
        if let found = jobTypes.first(where: { $0.jobTypeName == name }) { return .success(found) }
        return .failure(UnknownJobType(message: PlanMessage.unknownJobType(name, known: jobTypes.map(\.jobTypeName))))
    }

    /// A name that is not a job type on the server.
    public struct UnknownJobType: Error, Hashable, Sendable {
        public var message: String
    }
}
