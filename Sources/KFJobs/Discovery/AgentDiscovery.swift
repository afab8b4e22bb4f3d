#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability
import KFJobsManifest
import KeyfactorWire

/// What a selector matches on the server, and for each match whether a job would go there: the
/// planner's own queries (ids and names OR-ed in batches under the URL limit) and its eligibility
/// rule, for `kfjobs agents` and `kfjobs init`.
public struct AgentDiscovery: Sendable {
    /// One matched orchestrator and, when it would get no job, why.
    public struct Match: Hashable, Sendable {
        public var agent: Agent
        public var exclusion: String?
        public var isEligible: Bool { exclusion == nil }
    }

    /// Every match, the ids or names that matched nothing, and the count an `expect` guard sees.
    public struct Report: Hashable, Sendable {
        public var matches: [Match]
        public var unknownIds: [String]
        public var unknownNames: [String]
        public var eligibleCount: Int { matches.filter(\.isEligible).count }
    }

    /// The server refused one of the selector's queries: its message, and the 1-based position in
    /// the query it names, when it names one (`invalid query at position 18: ...`).
    public struct Rejection: Error, Hashable, Sendable {
        public var query: String
        public var message: String
        public var position: Int? { Self.position(in: message) }

        static func position(in message: String) -> Int? {
            guard let range = message.firstLiteralRange(of: "position ") else { return nil }
            let digits = message[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
            return Int(digits)
        }
    }

    /// The job type the jobs would be (FetchLogs needs LOGS); `nil` judges approval and age only.
    public var jobType: String?
    /// Seconds, as a manifest's `lastSeenWithin`.
    public var lastSeenWithin: Int?
    public var now: Date

    public init(jobType: String? = nil, lastSeenWithin: Int? = nil, now: Date) {
        self.jobType = jobType
        self.lastSeenWithin = lastSeenWithin
        self.now = now
    }

    /// Resolves `selector` (all pages of every query); throws a `Rejection` when the server refuses a
    /// query, and whatever the client threw when the server cannot be used at all.
    public func discover(_ selector: RenderedSelector, using api: some ServerReads) async throws -> Report {
        let planner = Planner(server: "", now: now)
        let results = try await planner.fetchAgents(Planner.queries(for: selector), using: api)
        switch Planner.match(selector, in: results) {
        case .success(let match)?:
            let matches = match.candidates.map { agent in
                Match(agent: agent, exclusion: AgentEligibility.exclusionReason(
                    agent, jobType: jobType ?? "", lastSeenWithinSeconds: lastSeenWithin, now: now))
            }
            return Report(matches: matches, unknownIds: match.unknownIds.map(\.value), unknownNames: match.unknownNames.map(\.value))
        case .failure(let rejection)?:
            let query = results.first { if case .failure = $0.value { true } else { false } }?.key ?? ""
            throw Rejection(query: query, message: rejection.message)
        case nil:
            return Report(matches: [], unknownIds: [], unknownNames: [])
        }
    }
}
