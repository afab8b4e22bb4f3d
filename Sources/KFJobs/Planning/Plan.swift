import Diagnostics
import Foundation
import KeyfactorWire
import YAMLTree

/// What apply would do: every concrete job with its action and exact request, what was excluded and
/// why, per-definition counts, and every problem found.
public struct Plan: Sendable {
    /// What apply does with one concrete job, with the JobIds the action concerns.
    public enum Action: Hashable, Sendable {
        /// Create it.
        case submit
        /// Nothing: the ledger already holds it, with the same fingerprint, as this job.
        case skip(jobId: String)
        /// Record this identical recurring job, which already exists on the server.
        case adopt(jobId: String)
        /// Unschedule the recurring job the ledger holds for it, then create the new definition.
        case replace(previousJobId: String)
        /// Unschedule it: no manifest defines it any more (`--prune`).
        case unschedule(jobId: String)

        /// The action's name, as plans (JSON, text) and the schema spell it.
        public enum Kind: String, Codable, Sendable, CaseIterable {
            case submit, skip, adopt, replace, unschedule
        }

        public var kind: Kind {
            switch self {
            case .submit: .submit
            case .skip: .skip
            case .adopt: .adopt
            case .replace: .replace
            case .unschedule: .unschedule
            }
        }

        /// For skip and adopt, the JobId that exists; for replace and unschedule, the JobId removed.
        public var existingJobId: String? {
            switch self {
            case .submit: nil
            case .skip(let id), .adopt(let id), .replace(let id), .unschedule(let id): id
            }
        }

        /// Whether apply sends the server something for it.
        public var sendsRequest: Bool {
            switch self {
            case .submit, .replace, .unschedule: true
            case .skip, .adopt: false
            }
        }

        /// Whether apply creates a job for it.
        public var createsJob: Bool {
            switch self {
            case .submit, .replace: true
            case .skip, .adopt, .unschedule: false
            }
        }
    }

    /// One concrete job: a job definition × matrix combination × agent.
    public struct Job: Sendable {
        public var identity: JobIdentity
        public var action: Action
        /// The exact body apply sends; secrets are in it, so print `redactedRequest` instead.
        public var request: CustomJobRequest
        /// Field names whose values are secret.
        public var sensitiveFields: Set<String>
        /// The ledger's last attempt may have reached the server: look before sending.
        public var reconcileSince: Date?

        public init(
            identity: JobIdentity, action: Action, request: CustomJobRequest, sensitiveFields: Set<String> = [],
            reconcileSince: Date? = nil
        ) {
            self.identity = identity
            self.action = action
            self.request = request
            self.sensitiveFields = sensitiveFields
            self.reconcileSince = reconcileSince
        }

        public var key: String { identity.key }

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
    public var actionCounts: [Action.Kind: Int] {
        var counts: [Action.Kind: Int] = [:]
        for job in jobs { counts[job.action.kind, default: 0] += 1 }
        return counts
    }

    /// Jobs that send something to the server (submit, replace, unschedule).
    public var requestCount: Int {
        jobs.filter(\.action.sendsRequest).count
    }

    /// Distinct agents that would get a new job.
    public var targetedAgentCount: Int {
        Set(jobs.filter(\.action.createsJob).map { $0.identity.agentId.lowercased() }).count
    }

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
}
