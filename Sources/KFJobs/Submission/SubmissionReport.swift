/// What an apply's submission did: the outcome of every job it touched, and why it stopped early.
public struct SubmissionReport: Sendable {
    /// Final outcomes by key, for the jobs that got one in this run.
    public var outcomes: [String: JobOutcome]
    /// Jobs the run never started (stopped by a signal or a fatal error first).
    public var notStarted: Int
    /// Credentials or permission refused: the run stopped (exit 3).
    public var fatalError: JobOutcome.ErrorInfo?
    /// The ledger could not be written: the run stopped (exit 3).
    public var ledgerError: LedgerError?
    /// The run was asked to stop (SIGINT, SIGTERM).
    public var stopped: Bool

    /// How many jobs ended with each outcome.
    public var counts: [JobOutcome.Kind: Int] {
        var counts: [JobOutcome.Kind: Int] = [:]
        for outcome in outcomes.values { counts[outcome.kind, default: 0] += 1 }
        return counts
    }

    /// Whether some job was rejected, failed or is unknown (exit 2).
    public var hasJobFailures: Bool {
        outcomes.values.contains { $0.kind.isFailure }
    }
}

/// A snapshot for the progress line: done out of total, and how they ended so far.
public struct SubmissionProgress: Sendable {
    public var total: Int
    public var done: Int
    public var counts: [JobOutcome.Kind: Int]
}
