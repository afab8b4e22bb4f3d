/// What an apply of a plan sends: the jobs of its shard, checked against the `--max-jobs` limit,
/// as the engine's work items.
public struct ApplyPreparation: Sendable {
    /// The plan's jobs in this shard (all of them without a shard), every action included.
    public var planned: [Plan.Job]
    /// The engine's work: the planned jobs that need a request (or an adoption recorded).
    public var items: [SubmissionItem]
    /// Planned jobs the ledger already holds.
    public var skipped: Int

    /// A plan that sends more requests than the limit allows: it is refused until the limit is
    /// raised on purpose.
    public struct TooManyRequests: Error, Hashable, CustomStringConvertible {
        public var requests: Int
        public var limit: Int

        public var description: String {
            "the plan sends \(requests) requests, more than --max-jobs \(limit); review it with kfjobs plan, then raise --max-jobs to apply it"
        }
    }

    public init(plan: Plan, shard: Shard?, maxJobs: Int) throws(TooManyRequests) {
        planned = shard.map { shard in plan.jobs.filter { shard.contains($0.key) } } ?? plan.jobs
        let requests = planned.filter(\.action.sendsRequest).count
        guard requests <= maxJobs else { throw TooManyRequests(requests: requests, limit: maxJobs) }
        items = planned.compactMap(SubmissionItem.init(planned:))
        skipped = planned.filter { $0.action.kind == .skip }.count
    }
}
