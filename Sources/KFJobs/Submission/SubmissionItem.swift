#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire

/// One thing apply does to the server for one concrete job, with what the ledger records about it.
public struct SubmissionItem: Hashable, Sendable {
    /// What to do.
    public enum Action: Hashable, Sendable {
        /// Create the job (`POST /OrchestratorJobs/Custom`).
        case submit
        /// Unschedule a recurring job whose definition changed, then create the new one.
        case replace(previousJobId: String)
        /// Create anew a recurring job the server lost (no longer in ScheduledJobs); sent like `submit`.
        case recreate(lostJobId: String)
        /// Send an immediate or run-once job again under a `--resubmit` token; sent like `submit`.
        case resubmit(previousJobId: String)
        /// Unschedule a recurring job no manifest defines any more (`--prune`).
        case unschedule(jobId: String)
        /// Record an identical recurring job found on the server; nothing is sent.
        case adopt(jobId: String)
    }

    public var action: Action
    public var identity: JobIdentity
    /// The exact body that is sent (unused for `unschedule` and `adopt`).
    public var request: CustomJobRequest
    /// A previous run's request may have reached the server (an intent without an outcome, or an
    /// `unknown`): look for the job it may have created, requested since then, before sending.
    public var reconcileSince: Date?
    /// The `--resubmit` token written on its intent and outcome (jobs that run once, in a run with one).
    public var resubmitToken: String?

    public init(
        action: Action, identity: JobIdentity, request: CustomJobRequest, reconcileSince: Date? = nil, resubmitToken: String? = nil
    ) {
        self.action = action
        self.identity = identity
        self.request = request
        self.reconcileSince = reconcileSince
        self.resubmitToken = resubmitToken
    }

    public var key: String { identity.key }
    public var agentId: String { identity.agentId }
    public var clientMachine: String { identity.clientMachine }
    public var jobTypeName: String { identity.jobTypeName }

    /// Two requests for the same agent and job type are never in flight together, so that
    /// reconciling an unknown outcome by (agent, job type, time) can only ever find one candidate.
    var laneKey: String { identity.agentId.lowercased() + "\u{0}" + identity.jobTypeName }

    /// Whether it is one plain creation (`POST /OrchestratorJobs/Custom` and nothing before it).
    var createsOnly: Bool {
        switch action {
        case .submit, .recreate, .resubmit: true
        case .replace, .unschedule, .adopt: false
        }
    }

    /// The outcome a job it created is recorded as, found in the answer or by reconciling.
    var createdKind: JobOutcome.Kind {
        switch action {
        case .replace: .replaced
        case .recreate: .recreated
        case .submit, .resubmit, .unschedule, .adopt: .submitted
        }
    }
}

extension SubmissionItem {
    /// The engine's work item for a planned job; `nil` for jobs that need nothing (skip).
    public init?(planned job: Plan.Job) {
        let action: Action
        switch job.action {
        case .skip: return nil
        case .submit: action = .submit
        case .adopt(let jobId): action = .adopt(jobId: jobId)
        case .replace(let previous): action = .replace(previousJobId: previous)
        case .recreate(let lost): action = .recreate(lostJobId: lost)
        case .resubmit(let previous): action = .resubmit(previousJobId: previous)
        case .unschedule(let jobId): action = .unschedule(jobId: jobId)
        }
        self.init(
            action: action, identity: job.identity, request: job.request, reconcileSince: job.reconcileSince,
            resubmitToken: job.resubmitToken)
    }
}
