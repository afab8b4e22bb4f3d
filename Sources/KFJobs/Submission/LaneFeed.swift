import Dispatch

/// The lanes of a run in the order they start, in chunks whose first intents are committed ahead.
///
/// A lane may start only once its chunk is committed (its first intent is durable and recorded as
/// written ahead); `take()` says which lane is next, or why none is. Kept inside the engine's locked
/// state: the feeder and the completions of finished lanes both take from it.
struct LaneFeed {
    let lanes: [[SubmissionItem]]
    let chunkSize: Int
    /// Signalled once each, when the chunk of that index is committed (or skipped by a stopping run).
    let committedSignals: [DispatchSemaphore]
    private(set) var next = 0
    /// Chunks are committed in order, on the serial ledger queue: those below this index are.
    private(set) var committed = 0

    init(lanes: [[SubmissionItem]] = [], chunkSize: Int = 1) {
        self.lanes = lanes
        self.chunkSize = max(chunkSize, 1)
        self.committedSignals = (0..<(lanes.count + self.chunkSize - 1) / self.chunkSize).map { _ in DispatchSemaphore(value: 0) }
    }

    var chunkCount: Int { committedSignals.count }

    func chunk(_ index: Int) -> ArraySlice<[SubmissionItem]> {
        lanes[index * chunkSize..<min((index + 1) * chunkSize, lanes.count)]
    }

    enum Next {
        case lane([SubmissionItem])
        /// The next lane's chunk is still being committed.
        case notCommitted(chunk: Int)
        case noneLeft
    }

    /// Takes the next lane if its chunk is committed; with it, the chunk to commit ahead now (two
    /// chunks beyond the one whose first lane this is), if any.
    mutating func take() -> (next: Next, commitAhead: Int?) {
        guard next < lanes.count else { return (.noneLeft, nil) }
        let chunk = next / chunkSize
        guard chunk < committed else { return (.notCommitted(chunk: chunk), nil) }
        defer { next += 1 }
        let ahead = next % chunkSize == 0 && chunk + 2 < chunkCount ? chunk + 2 : nil
        return (.lane(lanes[next]), ahead)
    }

    mutating func markCommitted(_ chunk: Int) {
        committed = max(committed, chunk + 1)
    }
}
