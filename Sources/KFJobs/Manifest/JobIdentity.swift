/// Which concrete job is meant: its key, its fingerprint and where it comes from and goes to.
///
/// One value, carried whole from the planner to the submission, the ledger, status and unschedule,
/// so that the seven members are never copied one by one. The ledger's file writes them as seven
/// flat members of a record (`LedgerRecord(intent:)`, `JobIdentity(record:)`).
public struct JobIdentity: Hashable, Sendable {
    /// `MANIFEST/JOB[k=v,...]@agentid`.
    public var key: String
    /// SHA-256 of the job's canonical definition (`JobFingerprint`).
    public var fingerprint: String
    /// The manifest's `metadata.name`.
    public var manifest: String
    /// The job's name in the manifest.
    public var job: String
    public var agentId: String
    public var clientMachine: String
    public var jobTypeName: String

    public init(
        key: String, fingerprint: String, manifest: String, job: String, agentId: String, clientMachine: String,
        jobTypeName: String
    ) {
        self.key = key
        self.fingerprint = fingerprint
        self.manifest = manifest
        self.job = job
        self.agentId = agentId
        self.clientMachine = clientMachine
        self.jobTypeName = jobTypeName
    }
}
