import Dispatch

extension SubmissionEngine {
    /// Submits everything; `completion` runs once, after the last outcome is recorded.
    public func start(progress: (@Sendable (SubmissionProgress) -> Void)?, completion: @escaping @Sendable (SubmissionReport) -> Void) {
        state.withLockedValue { $0.progress = progress }
        if let size = settings.bulkSize, transport.submitBulk != nil {
            return startBulk(size: size, completion: completion)
        }
        let feed = LaneFeed(lanes: Self.lanes(of: items), chunkSize: settings.concurrency)
        state.withLockedValue { $0.feed = feed }
        // Intents for the first job of each lane are committed ahead, a chunk of `concurrency` lanes
        // at a time and two chunks ahead of the lanes being started, on the ledger queue: the `fsync`
        // overlaps the requests in flight instead of delaying each one.
        for chunk in 0..<min(2, feed.chunkCount) { commitAhead(chunk: chunk) }
        feeder.async { [self] in
            feeding: while true {
                slots.wait()
                switch startNextLane() {
                case .lane: continue
                case .notCommitted(let chunk): feed.committedSignals[chunk].wait()
                case .noneLeft: break feeding
                }
            }
            // The group also holds the commits ahead, so their intents get `cancelled` outcomes
            // if the run stopped before their lanes started.
            group.notify(queue: ledgerQueue) { [self] in
                cancelPrewrittenIntents()
                try? ledger.sync()
                completion(report())
            }
        }
    }

    /// Starts the next lane with the slot the caller holds, or gives the slot back when no lane
    /// can start now (none left, its intents not yet committed, or the run stopping).
    ///
    /// Called by the feeder and by every lane that finishes: handing the slot over directly saves
    /// waking the feeder for each job, which was a tenth of the client's CPU at low concurrency.
    @discardableResult
    private func startNextLane() -> LaneFeed.Next {
        let (next, ahead) = state.withLockedValue { state -> (LaneFeed.Next, Int?) in
            state.stopping ? (.noneLeft, nil) : state.feed.take()
        }
        if let ahead { commitAhead(chunk: ahead) }
        if case .lane(let lane) = next {
            group.enter()
            runLane(lane, from: 0)
        } else {
            slots.signal()
        }
        return next
    }

    private func runLane(_ lane: [SubmissionItem], from index: Int) {
        guard index < lane.count, !state.withLockedValue({ $0.stopping }) else {
            // Entering the next lane before leaving this one keeps the group from emptying early.
            startNextLane()
            group.leave()
            return
        }
        state.withLockedValue { $0.started += 1 }
        process(lane[index]) { [self] in runLane(lane, from: index + 1) }
    }

    /// Commits the intents of the first job of each lane of a chunk (one `write`, one `fsync`), then
    /// marks it committed. Nothing is written once the run is stopping.
    private func commitAhead(chunk index: Int) {
        group.enter()
        ledgerQueue.async { [self] in
            let (chunk, signal) = state.withLockedValue { ($0.feed.chunk(index), $0.feed.committedSignals[index]) }
            defer {
                state.withLockedValue { $0.feed.markCommitted(index) }
                signal.signal()
                group.leave()
            }
            guard !state.withLockedValue({ $0.stopping }) else { return }
            let heads = chunk.compactMap(\.first).filter { if case .adopt = $0.action { false } else { true } }
            do throws(LedgerError) {
                try ledger.append(heads.map { intent(for: $0) }, durable: true)
                state.withLockedValue { state in
                    for item in heads { state.prewritten[item.key] = item }
                }
            } catch {
                state.withLockedValue { state in
                    state.stopping = true
                    if state.ledgerError == nil { state.ledgerError = error }
                }
            }
        }
    }

    /// Items grouped by (agent, job type), in the order their first item was planned.
    static func lanes(of items: [SubmissionItem]) -> [[SubmissionItem]] {
        var order: [String] = []
        var lanes: [String: [SubmissionItem]] = [:]
        for item in items {
            if lanes[item.laneKey] == nil { order.append(item.laneKey) }
            lanes[item.laneKey, default: []].append(item)
        }
        return order.compactMap { lanes[$0] }
    }
}
