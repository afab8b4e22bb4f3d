/// A job the ledgers say the server holds: which job it is, its live JobId and the run that made it.
public struct TrackedJob: Sendable, Hashable {
    public var identity: JobIdentity
    public var server: String
    public var jobId: String
    /// The run that created (or adopted) the job.
    public var run: String
    /// How the ledger came to hold it: submitted, adopted, replaced or recreated.
    public var outcome: JobOutcome.Kind?

    public init(identity: JobIdentity, server: String, jobId: String, run: String, outcome: JobOutcome.Kind? = nil) {
        self.identity = identity
        self.server = server
        self.jobId = jobId
        self.run = run
        self.outcome = outcome
    }

    public var key: String { identity.key }
    // What the ledger may leave out (the schema makes them optional) reads as absent.
    public var manifest: String? { Self.given(identity.manifest) }
    public var job: String? { Self.given(identity.job) }
    public var agentId: String? { Self.given(identity.agentId) }
    public var clientMachine: String? { Self.given(identity.clientMachine) }
    public var jobTypeName: String? { Self.given(identity.jobTypeName) }

    private static func given(_ value: String) -> String? { value.isEmpty ? nil : value }

    /// Every job with a live JobId (latest outcome submitted, adopted, replaced or recreated), sorted by server
    /// then key; `server`, when given, keeps only that server's jobs.
    public static func live(in state: LedgerState, server: String? = nil) -> [TrackedJob] {
        state.entries.compactMap { entry in
            guard server == nil || entry.server == server, let jobId = entry.liveJobId, let outcome = entry.lastOutcome else {
                return nil
            }
            return TrackedJob(identity: outcome.identity, server: entry.server, jobId: jobId, run: outcome.run, outcome: outcome.kind)
        }
    }
}
