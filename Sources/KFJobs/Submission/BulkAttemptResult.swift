import KeyfactorWire

/// How one `POST /OrchestratorJobs/Custom/Bulk` ended.
public enum BulkAttemptResult: Sendable {
    /// The server answered: the jobs it created, and the orchestrators it could not schedule on.
    case answered(BulkAnswer)
    /// No usable answer; classified exactly as a single request's failure (never `.created`).
    case failed(AttemptResult)
}

/// The useful part of a bulk answer.
public struct BulkAnswer: Sendable, Hashable {
    public var pairs: [OrchestratorJobPair]
    public var failedOrchestratorIds: [String]
    public var requestTimestamp: String?
    public var httpStatus: Int

    public init(pairs: [OrchestratorJobPair], failedOrchestratorIds: [String], requestTimestamp: String?, httpStatus: Int) {
        self.pairs = pairs
        self.failedOrchestratorIds = failedOrchestratorIds
        self.requestTimestamp = requestTimestamp
        self.httpStatus = httpStatus
    }
}
