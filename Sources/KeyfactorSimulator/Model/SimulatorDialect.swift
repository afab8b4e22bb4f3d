#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How the simulated server differs from the common case, as real servers do: for tests of
/// `kfjobs doctor` and of the client. The defaults are the well-behaved server.
public struct SimulatorDialect: Hashable, Sendable {
    /// Which spelling of the paging parameters the server binds (`pq.returnLimit` or `ReturnLimit`).
    public enum ParameterSpelling: String, Hashable, Sendable, CaseIterable {
        /// Either (the default, as today's servers do).
        case both
        /// Only the v10-era `pq.` names; the plain ones are ignored.
        case prefixed
        /// Only the plain names; the `pq.` ones are ignored.
        case plain
    }

    public var parameterSpelling: ParameterSpelling
    /// Whether list answers carry `x-total-count`.
    public var sendsTotalCount: Bool
    /// Per list endpoint (`agents`, `jobTypes`, `scheduledJobs`, `jobHistory`), query fields it
    /// rejects with a 400, as a server whose version does not know them would.
    public var rejectedQueryFields: [String: [String]]
    /// Endpoints (`agents`, `jobHistory`, `createJob`, ...) that answer 403 to everyone.
    public var forbiddenEndpoints: Set<String>
    /// Seconds the `Date` header is off from the true time (negative: behind).
    public var clockSkew: TimeInterval

    public init(
        parameterSpelling: ParameterSpelling = .both, sendsTotalCount: Bool = true,
        rejectedQueryFields: [String: [String]] = [:], forbiddenEndpoints: Set<String> = [], clockSkew: TimeInterval = 0
    ) {
        self.parameterSpelling = parameterSpelling
        self.sendsTotalCount = sendsTotalCount
        self.rejectedQueryFields = rejectedQueryFields
        self.forbiddenEndpoints = forbiddenEndpoints
        self.clockSkew = clockSkew
    }

    /// The endpoint names the settings take.
    public static let endpointNames = Endpoint.allCases.filter(\.isAPI).map { "\($0)" }

    /// The list endpoints, whose queries a setting can restrict.
    public static let listNames = ["agents", "jobTypes", "scheduledJobs", "jobHistory"]
}
