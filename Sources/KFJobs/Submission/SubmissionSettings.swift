/// How hard apply pushes: concurrency, rate, retries and their backoff.
public struct SubmissionSettings: Hashable, Sendable {
    /// Requests in flight at most.
    public var concurrency: Int
    /// Requests started per second at most (`nil`: unlimited).
    public var ratePerSecond: Double?
    /// Retries of a request that certainly created nothing (429, 503, no connection).
    public var retries: Int
    /// The first backoff; each retry doubles it, up to `maximumBackoff`, with full jitter.
    public var initialBackoff: Double
    public var maximumBackoff: Double
    /// How long after a request was sent the server may still act on it (the request timeout plus a
    /// margin). Reconciliation concludes that nothing was created only once this much time has
    /// passed: before that, a request still being processed could create the job after the look-up.
    public var settleInterval: Double
    /// Identical plain submissions go as `POST /OrchestratorJobs/Custom/Bulk` calls of at most this
    /// many orchestrators (`nil`: one request per job).
    public var bulkSize: Int?

    public init(
        concurrency: Int = 16, ratePerSecond: Double? = nil, retries: Int = 5, initialBackoff: Double = 0.2,
        maximumBackoff: Double = 10, settleInterval: Double = 0, bulkSize: Int? = nil
    ) {
        self.bulkSize = bulkSize.map { max(1, $0) }
        self.settleInterval = max(0, settleInterval)
        self.concurrency = max(1, concurrency)
        self.ratePerSecond = ratePerSecond
        self.retries = max(0, retries)
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
    }

    /// The wait before retry number `retry` (1-based): full jitter over the exponential bound, but
    /// never less than what the server asked for with `Retry-After`.
    func backoff(retry: Int, retryAfter: Double?, unitRandom: Double) -> Double {
        let bound = min(maximumBackoff, initialBackoff * Double(1 << min(retry - 1, 30)))
        return max(retryAfter ?? 0, bound * unitRandom)
    }
}
