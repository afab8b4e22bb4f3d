#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KFJobsManifest
import KeyfactorWire

/// Deciding each planned job's action from the ledger and the server's scheduled jobs: skip, submit,
/// adopt, replace, recreate (drift), resubmit, and for `--prune` unschedule.
extension Planner {
    /// What the action of one planned job is decided from, once every job is known.
    struct PendingDecision {
        /// Where the job is in `plan.jobs`.
        var index: Int
        /// The schedule's identity for recurring jobs (what makes two of them identical), else `nil`.
        var recurring: String?
        var declared: DeclaredSchedule
    }

    /// The ScheduledJobs the plan read, one query per job type, all pages.
    struct ScheduledRead {
        var jobs: [ScheduledJob] = []
        /// Job types read in full: only for these can a missing JobId mean the server lost the job.
        var readTypes: Set<String> = []
        /// Job types whose read failed, and why.
        var failures: [String: String] = [:]
        private var ids: Set<String> = []

        mutating func add(_ jobs: [ScheduledJob], of type: String) {
            self.jobs += jobs
            readTypes.insert(type)
            for job in jobs { ids.insert(job.id.lowercased()) }
        }

        /// Whether the job the ledger holds is known to be gone: its type was read and it is not there.
        func lost(_ jobId: String, jobType: String) -> Bool {
            readTypes.contains(jobType) && !ids.contains(jobId.lowercased())
        }
    }

    /// Sets the action of every pending job, in plan order, and returns what was adopted.
    func decideActions(_ pending: [PendingDecision], scheduled: ScheduledRead, into plan: inout Plan) -> Adoption {
        // The job the ledger holds for a key planned now is that key's: never adopted by another key
        // (a sibling of a matrix, a new job of the same schedule), whichever is planned first.
        var reserved = Set<String>()
        for job in plan.jobs {
            if let live = ledger.entry(server: server, key: job.key)?.liveJobId { reserved.insert(live.lowercased()) }
        }
        var adoption = Adoption(scheduled: scheduled.jobs, reserved: reserved)
        for decision in pending {
            let identity = plan.jobs[decision.index].identity
            let (action, since) = decideAction(
                for: identity, recurring: decision.recurring, declared: decision.declared, scheduled: scheduled, adoption: &adoption)
            plan.jobs[decision.index].action = action
            plan.jobs[decision.index].reconcileSince = since
            // Every job that runs once and is sent in a run with a token carries it, a first submission
            // too: a CI step retried with the same token then finds it sent and leaves it alone.
            if decision.recurring == nil, action.createsJob, let token = resubmitToken {
                plan.jobs[decision.index].resubmitToken = token.value
            }
        }
        return adoption
    }

    /// Skip what the ledger holds unchanged (unless the server lost it: recreate; or a new
    /// `--resubmit` token asks for it again: resubmit); reconcile what it left uncertain; replace
    /// changed recurring jobs; adopt an identical recurring job the server already has; else submit.
    func decideAction(
        for identity: JobIdentity, recurring: String?, declared: DeclaredSchedule, scheduled: ScheduledRead, adoption: inout Adoption
    ) -> (action: Plan.Action, reconcileSince: Date?) {
        if let entry = ledger.entry(server: server, key: identity.key) {
            if let live = entry.liveJobId, entry.lastOutcome?.identity.fingerprint == identity.fingerprint, !entry.hasOpenIntent {
                if let recurring {
                    guard scheduled.lost(live, jobType: identity.jobTypeName) else { return (.skip(jobId: live), nil) }
                    // Drift. An identical job someone scheduled by hand is still adopted first.
                    if let existing = adoption.claim(jobType: identity.jobTypeName, clientMachine: identity.clientMachine, schedule: recurring) {
                        return (.adopt(jobId: existing), nil)
                    }
                    return (.recreate(lostJobId: live), nil)
                }
                // A job that runs once and already ran is never drift; only a new token sends it again.
                if let token = resubmitToken, entry.lastOutcome?.resubmitToken != token.value {
                    return (.resubmit(previousJobId: live), nil)
                }
                return (.skip(jobId: live), nil)
            }
            if entry.isUncertain {
                // A recreation whose answer was lost (or whose run was killed) stays one: looked up
                // first, then sent, and recorded as recreated either way.
                if recurring != nil, let live = entry.liveJobId, entry.lastOutcome?.identity.fingerprint == identity.fingerprint,
                   scheduled.lost(live, jobType: identity.jobTypeName) {
                    return (.recreate(lostJobId: live), entry.uncertainSince)
                }
                return (.submit, entry.uncertainSince)
            }
            // A changed recurring job the server already lost has nothing left to unschedule.
            if let live = entry.liveJobId, declared != .immediate, !(recurring != nil && scheduled.lost(live, jobType: identity.jobTypeName)) {
                return (.replace(previousJobId: live), nil)
            }
        }
        if let recurring, let existing = adoption.claim(jobType: identity.jobTypeName, clientMachine: identity.clientMachine, schedule: recurring) {
            return (.adopt(jobId: existing), nil)
        }
        return (.submit, nil)
    }

    /// The server's scheduled recurring jobs, each adoptable by one planned key at most.
    struct Adoption {
        private var available: [String: [String]] = [:]
        private(set) var claimed: Set<String> = []

        /// `reserved`: JobIds (lower case) that belong to planned keys and are never adopted.
        init(scheduled: [ScheduledJob], reserved: Set<String> = []) {
            for job in scheduled where !reserved.contains(job.id.lowercased()) {
                guard let identity = job.schedule?.recurringIdentity, let type = job.jobType, let machine = job.clientMachine else { continue }
                available[Self.slot(type, machine, identity), default: []].append(job.id)
            }
        }

        /// An identical job (same orchestrator, job type and schedule) not yet adopted by another key.
        mutating func claim(jobType: String, clientMachine: String, schedule identity: String) -> String? {
            let slot = Self.slot(jobType, clientMachine, identity)
            guard var ids = available[slot], !ids.isEmpty else { return nil }
            let id = ids.removeFirst()
            available[slot] = ids
            claimed.insert(id.lowercased())
            return id
        }

        private static func slot(_ type: String, _ machine: String, _ identity: String) -> String {
            type + "\u{0}" + machine.lowercased() + "\u{0}" + identity
        }
    }

    func pruneCandidates(manifests: Set<String>) -> [LedgerState.Entry] {
        ledger.entries.filter { entry in
            entry.server == server && entry.liveJobId != nil && manifests.contains(entry.lastOutcome?.identity.manifest ?? "")
        }
    }

    func planPrune(manifests: Set<String>, planned: Set<String>, kept: Set<String>, scheduled: [ScheduledJob], into plan: inout Plan) {
        let stillScheduled = Set(scheduled.map { $0.id.lowercased() })
        for entry in pruneCandidates(manifests: manifests) where !planned.contains(entry.key) {
            guard let jobId = entry.liveJobId, stillScheduled.contains(jobId.lowercased()), !kept.contains(jobId.lowercased()),
                  let identity = entry.lastOutcome?.identity else { continue }
            plan.jobs.append(Plan.Job(
                identity: identity, action: .unschedule(jobId: jobId),
                request: CustomJobRequest(agentId: identity.agentId, jobTypeName: identity.jobTypeName)))
        }
    }
}
