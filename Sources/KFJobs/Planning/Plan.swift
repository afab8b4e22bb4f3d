import Diagnostics
import Foundation
import KeyfactorWire
import YAMLTree

/// What apply would do: every concrete job with its action and exact request, what was excluded and
/// why, per-definition counts, and every problem found.
public struct Plan: Sendable {
    /// What apply does with one concrete job.
    public enum Action: String, Codable, Sendable, CaseIterable {
        /// Create it.
        case submit
        /// Nothing: the ledger already holds it, with the same fingerprint.
        case skip
        /// Record an identical recurring job that already exists on the server.
        case adopt
        /// Unschedule the recurring job the ledger holds for it, then create the new definition.
        case replace
        /// Unschedule it: no manifest defines it any more (`--prune`).
        case unschedule
    }

    /// One concrete job: a job definition × matrix combination × agent.
    public struct Job: Sendable {
        public var key: String
        public var fingerprint: String
        public var action: Action
        public var manifest: String
        public var job: String
        public var agentId: String
        public var clientMachine: String
        public var jobTypeName: String
        /// The exact body apply sends; secrets are in it, so print `redactedRequest` instead.
        public var request: CustomJobRequest
        /// Field names whose values are secret.
        public var sensitiveFields: Set<String>
        /// For skip and adopt, the JobId that exists; for replace and unschedule, the JobId removed.
        public var existingJobId: String?
        /// The ledger's last attempt may have reached the server: look before sending.
        public var reconcileSince: Date?

        /// The request with secret values as `***`.
        public var redactedRequest: CustomJobRequest {
            var copy = request
            for name in sensitiveFields where copy.jobFields[name] != nil { copy.jobFields[name] = "***" }
            return copy
        }
    }

    /// An agent a selector matched that gets no job, and why.
    public struct Exclusion: Hashable, Sendable, Codable {
        public var manifest: String
        public var job: String
        public var combination: String?
        public var agentId: String
        public var clientMachine: String
        public var reason: String
    }

    /// One job definition and matrix combination: what it resolved to.
    public struct Definition: Hashable, Sendable, Codable {
        public var manifest: String
        public var job: String
        public var combination: String?
        public var jobTypeName: String
        public var schedule: String
        public var matched: Int
        public var eligible: Int
    }

    public var server: String
    public var jobs: [Job]
    public var excluded: [Exclusion]
    public var definitions: [Definition]
    public var diagnostics: [Diagnostic]

    public init(server: String, jobs: [Job] = [], excluded: [Exclusion] = [], definitions: [Definition] = [], diagnostics: [Diagnostic] = []) {
        self.server = server
        self.jobs = jobs
        self.excluded = excluded
        self.definitions = definitions
        self.diagnostics = diagnostics
    }

    /// How many jobs take each action.
    public var actionCounts: [Action: Int] {
        var counts: [Action: Int] = [:]
        for job in jobs { counts[job.action, default: 0] += 1 }
        return counts
    }

    /// Jobs that send something to the server (submit, replace, unschedule).
    public var requestCount: Int {
        jobs.filter { [.submit, .replace, .unschedule].contains($0.action) }.count
    }

    /// Distinct agents that would get a new job.
    public var targetedAgentCount: Int {
        Set(jobs.filter { [.submit, .replace].contains($0.action) }.map { $0.agentId.lowercased() }).count
    }

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
}
