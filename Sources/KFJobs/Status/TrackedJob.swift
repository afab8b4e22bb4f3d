/// A job the ledgers say the server holds: its key, its live JobId and what the ledger knows of it.
public struct TrackedJob: Sendable, Hashable, Codable {
    public var key: String
    public var server: String
    public var jobId: String
    public var manifest: String?
    public var job: String?
    public var agentId: String?
    public var clientMachine: String?
    public var jobTypeName: String?
    /// The run that created (or adopted) the job.
    public var run: String

    public init(
        key: String, server: String, jobId: String, manifest: String? = nil, job: String? = nil, agentId: String? = nil,
        clientMachine: String? = nil, jobTypeName: String? = nil, run: String
    ) {
        self.key = key
        self.server = server
        self.jobId = jobId
        self.manifest = manifest
        self.job = job
        self.agentId = agentId
        self.clientMachine = clientMachine
        self.jobTypeName = jobTypeName
        self.run = run
    }

    /// Every job with a live JobId (latest outcome submitted, adopted or replaced), sorted by server
    /// then key; `server`, when given, keeps only that server's jobs.
    public static func live(in state: LedgerState, server: String? = nil) -> [TrackedJob] {
        state.entries.compactMap { entry in
            guard server == nil || entry.server == server, let jobId = entry.liveJobId, let outcome = entry.lastOutcome else {
                return nil
            }
            return TrackedJob(
                key: entry.key, server: entry.server, jobId: jobId, manifest: outcome.manifest, job: outcome.job,
                agentId: outcome.agentId, clientMachine: outcome.clientMachine, jobTypeName: outcome.jobTypeName, run: outcome.run)
        }
    }
}
