#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension SimulatorStore {
    /// The jobs, history and run state as they are now (due jobs run first), without field values.
    func snapshot(wallNow: Date = Date()) -> SimulatorStoreSnapshot {
        let now = clock.now
        return lock.withLock {
            runDueJobs(now: now)
            return SimulatorStoreSnapshot(
                fleetName: fleet.name, fleetIdentity: fleet.identity, savedAt: now,
                clockOffset: now.timeIntervalSince(wallNow), nextHistoryId: nextHistoryId,
                jobs: jobs.map { job in
                    var kept = job
                    kept.fields = job.fields.map { SimulatedFieldValue(name: $0.name, value: nil) }
                    return kept
                },
                // The data is made again on restore (`runData`): a snapshot holds none.
                history: history.map { entry in
                    var kept = entry
                    kept.data = ""
                    return kept
                })
        }
    }

    /// Replaces the jobs, history and run state with `snapshot`'s, which must be of this store's fleet.
    func restore(_ snapshot: SimulatorStoreSnapshot) throws(SimulatorSnapshotError) {
        guard snapshot.fleetIdentity == fleet.identity else {
            throw SimulatorSnapshotError(message: "the state was made with fleet '\(snapshot.fleetName)', not this fleet '\(fleet.name)'")
        }
        lock.withLock {
            jobs = snapshot.jobs
            jobIndex = Dictionary(jobs.enumerated().map { ($0.element.jobId, $0.offset) }, uniquingKeysWith: { first, _ in first })
            history = snapshot.history.map { entry in
                var restored = entry
                if let index = jobIndex[entry.jobId] {
                    restored.data = Self.runData(for: jobs[index], at: entry.operationStart, failure: entry.result == 4 ? entry.message : nil)
                }
                return restored
            }
            historyIndex = Dictionary(history.enumerated().map { ($0.element.jobHistoryId, $0.offset) }, uniquingKeysWith: { first, _ in first })
            nextHistoryId = max(snapshot.nextHistoryId, (history.map(\.jobHistoryId).max() ?? 0) + 1, Self.firstHistoryId)
            due = DueQueue()
            for job in jobs where job.state == .scheduled {
                if let dueAt = job.dueAt { due.push(job.jobId, due: dueAt) }
            }
        }
    }
}
