import Diagnostics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
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
        /// Create it anew: the ledger holds it unchanged, but its recurring job is gone from the
        /// server's ScheduledJobs (unscheduled in the portal, purged, a database restored).
        case recreate(lostJobId: String)
        /// Send it again on purpose (`--resubmit TOKEN`): an immediate or run-once job the ledger holds
        /// as done, not yet sent under this token.
        case resubmit(previousJobId: String)
        /// Unschedule it: no manifest defines it any more (`--prune`).
        case unschedule(jobId: String)

        /// The action's name, as plans (JSON, text) and the schema spell it.
        public enum Kind: String, Codable, Sendable, CaseIterable {
            case submit, skip, adopt, replace, recreate, resubmit, unschedule
        }

        public var kind: Kind {
            switch self {
            case .submit: .submit
            case .skip: .skip
            case .adopt: .adopt
            case .replace: .replace
            case .recreate: .recreate
            case .resubmit: .resubmit
            case .unschedule: .unschedule
            }
        }

        /// For skip and adopt, the JobId that exists; for replace and unschedule, the JobId removed;
        /// for recreate, the JobId the server lost; for resubmit, the JobId that ran before.
        public var existingJobId: String? {
            switch self {
            case .submit: nil
            case .skip(let id), .adopt(let id), .replace(let id), .recreate(let id), .resubmit(let id), .unschedule(let id): id
            }
        }

        /// Whether apply sends the server something for it: what `plan --detailed-exitcode` calls a change.
        public var sendsRequest: Bool {
            switch self {
            case .submit, .replace, .recreate, .resubmit, .unschedule: true
            case .skip, .adopt: false
            }
        }

        /// Whether apply creates a job for it.
        public var createsJob: Bool {
            switch self {
            case .submit, .replace, .recreate, .resubmit: true
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
        /// The `--resubmit` token its intent and outcome record: set on every job that runs once and
        /// is sent in a run with a token, so that the same token never sends it a second time.
        public var resubmitToken: String?

        public init(
            identity: JobIdentity, action: Action, request: CustomJobRequest, sensitiveFields: Set<String> = [],
            reconcileSince: Date? = nil, resubmitToken: String? = nil
        ) {
            self.identity = identity
            self.action = action
            self.request = request
            self.sensitiveFields = sensitiveFields
            self.reconcileSince = reconcileSince
            self.resubmitToken = resubmitToken
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
    /// The `--resubmit` token the plan was made with.
    public var resubmitToken: String?
    /// Recurring job types whose ScheduledJobs could not be read: their jobs were not checked for
    /// drift (a warning says why), so a drift check cannot call the plan clean.
    public var driftUncheckedJobTypes: [String] = []

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

    /// Jobs that send something to the server (submit, replace, recreate, resubmit, unschedule).
    public var requestCount: Int {
        jobs.filter(\.action.sendsRequest).count
    }

    /// Distinct agents that would get a new job.
    public var targetedAgentCount: Int {
        Set(jobs.filter(\.action.createsJob).map { $0.identity.agentId.lowercased() }).count
    }

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }

    /// `plan --detailed-exitcode`, terraform's convention: 1 when the plan has errors (or drift could
    /// not be checked), 2 when apply would send anything (submit, recreate, replace, resubmit,
    /// unschedule), 0 when the server already matches the manifests.
    public var detailedExitCode: Int32 {
        if errorCount > 0 || !driftUncheckedJobTypes.isEmpty { return 1 }
        return requestCount > 0 ? 2 : 0
    }
}
