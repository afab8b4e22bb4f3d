import Foundation
import KeyfactorWire

/// One thing apply does to the server for one concrete job, with what the ledger records about it.
public struct SubmissionItem: Hashable, Sendable {
    /// What to do.
    public enum Action: Hashable, Sendable {
        /// Create the job (`POST /OrchestratorJobs/Custom`).
        case submit
        /// Unschedule a recurring job whose definition changed, then create the new one.
        case replace(previousJobId: String)
        /// Unschedule a recurring job no manifest defines any more (`--prune`).
        case unschedule(jobId: String)
        /// Record an identical recurring job found on the server; nothing is sent.
        case adopt(jobId: String)
    }

    public var action: Action
    public var key: String
    public var fingerprint: String
    public var manifest: String
    public var job: String
    public var agentId: String
    public var clientMachine: String
    public var jobTypeName: String
    /// The exact body that is sent (unused for `unschedule` and `adopt`).
    public var request: CustomJobRequest
    /// A previous run's request may have reached the server (an intent without an outcome, or an
    /// `unknown`): look for the job it may have created, requested since then, before sending.
    public var reconcileSince: Date?

    public init(
        action: Action, key: String, fingerprint: String, manifest: String, job: String, agentId: String,
        clientMachine: String, jobTypeName: String, request: CustomJobRequest, reconcileSince: Date? = nil
    ) {
        self.reconcileSince = reconcileSince
        self.action = action
        self.key = key
        self.fingerprint = fingerprint
        self.manifest = manifest
        self.job = job
        self.agentId = agentId
        self.clientMachine = clientMachine
        self.jobTypeName = jobTypeName
        self.request = request
    }

    /// Two requests for the same agent and job type are never in flight together, so that
    /// reconciling an unknown outcome by (agent, job type, time) can only ever find one candidate.
    var laneKey: String { agentId.lowercased() + "\u{0}" + jobTypeName }
}
