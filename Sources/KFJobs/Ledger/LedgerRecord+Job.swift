#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The ledger's edge: typed values to and from the file's flat records, in one place.
extension LedgerRecord {
    /// An `intent` record for a job about to be sent.
    public init(intent identity: JobIdentity, at: Date, run: String, server: String, resubmitToken: String? = nil) {
        self.init(type: .intent, at: at, run: run, server: server)
        setIdentity(identity)
        self.resubmitToken = resubmitToken
    }

    /// The `outcome` record of a job.
    public init(outcome: JobOutcome, run: String, server: String) {
        self.init(type: .outcome, at: outcome.at, run: run, server: server)
        setIdentity(outcome.identity)
        self.outcome = outcome.kind
        jobId = outcome.jobId
        orchestratorId = outcome.orchestratorId
        requestTimestamp = outcome.requestTimestamp
        httpStatus = outcome.httpStatus
        error = outcome.error
        attempts = outcome.attempts
        durationMs = outcome.durationMs
        reconciled = outcome.reconciled ? true : nil
        resubmitToken = outcome.resubmitToken
    }

    private mutating func setIdentity(_ identity: JobIdentity) {
        key = identity.key
        fingerprint = identity.fingerprint
        manifest = identity.manifest
        job = identity.job
        agentId = identity.agentId
        clientMachine = identity.clientMachine
        jobTypeName = identity.jobTypeName
    }
}

extension JobIdentity {
    /// The identity an intent or outcome record names; `nil` for a run record (no key). The schema
    /// makes fingerprint, manifest, job and client machine optional: absent, they read as empty.
    public init?(record: LedgerRecord) {
        guard let key = record.key else { return nil }
        self.init(
            key: key, fingerprint: record.fingerprint ?? "", manifest: record.manifest ?? "", job: record.job ?? "",
            agentId: record.agentId ?? "", clientMachine: record.clientMachine ?? "", jobTypeName: record.jobTypeName ?? "")
    }
}
