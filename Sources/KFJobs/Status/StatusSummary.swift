/// The counts of a set of job states and the exit code `status` gives for them.
public struct StatusSummary: Sendable, Hashable {
    public var counts: [JobState: Int]
    public var total: Int
    public var timedOut: Bool

    public init(_ statuses: [JobStatus], timedOut: Bool = false) {
        var counts: [JobState: Int] = [:]
        for status in statuses { counts[status.state, default: 0] += 1 }
        self.counts = counts
        self.total = statuses.count
        self.timedOut = timedOut
    }

    /// 2 when a job failed, warned or is unknown; else 4 when the wait timed out; else 0.
    /// (DESIGN.md's order: 2 wins over 4.)
    public var exitCode: Int32 {
        if counts.keys.contains(where: \.isProblem) { return 2 }
        if timedOut { return 4 }
        return 0
    }

    /// `3 succeeded, 1 failed, 2 scheduled` in a fixed order.
    public var text: String {
        let parts = JobState.allCases.compactMap { state in counts[state].map { "\($0) \(state.rawValue)" } }
        return parts.isEmpty ? "no jobs" : parts.joined(separator: ", ")
    }
}
