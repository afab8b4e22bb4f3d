import Foundation
import KeyfactorAPI
import KeyfactorSimulator
import KeyfactorWire
import NIOConcurrencyHelpers
@testable import KFJobs

/// An in-memory server for the three status reads (integration tests use the real simulator): jobs either scheduled or with history rows, every query recorded.
final class ScriptedStatusServer: Sendable {
    struct State {
        var scheduled: [String: ScheduledJob] = [:]
        var history: [JobHistoryEntry] = []
        var data: [Int64: String] = [:]
        var queries: [(list: String, query: String)] = []
        /// Changes applied once the clock passes their time: (when, jobId, history row to add).
        var completions: [(at: Date, entry: JobHistoryEntry)] = []
        /// Each pause of `sleep`, in seconds.
        var pauses: [TimeInterval] = []
    }

    let state = NIOLockedValueBox(State())
    let clock: ManualSimulatorClock

    init(clock: ManualSimulatorClock = ManualSimulatorClock(now: Date(timeIntervalSince1970: 1_800_000_000))) {
        self.clock = clock
    }

    /// The sleeper of the code under test: moves the clock instead of waiting, and records the pause.
    func sleep(_ seconds: TimeInterval) {
        state.withLockedValue { $0.pauses.append(seconds) }
        clock.advance(by: seconds)
    }

    var pauses: [TimeInterval] { state.withLockedValue { $0.pauses } }

    func schedule(_ id: String, _ schedule: Schedule = .immediate) {
        state.withLockedValue { $0.scheduled[id.lowercased()] = ScheduledJob(id: id, clientMachine: "m", schedule: schedule, jobType: "T") }
    }

    func addHistory(_ id: String, historyId: Int64, status: Int, result: Int, message: String = "") {
        state.withLockedValue {
            $0.history.append(JobHistoryEntry(jobHistoryId: historyId, jobId: id, message: message, result: result, status: status))
        }
    }

    /// `id` leaves ScheduledJobs and completes with `result` once the clock reaches `at`.
    func complete(_ id: String, at: Date, historyId: Int64, result: Int, message: String = "") {
        state.withLockedValue {
            $0.completions.append((at, JobHistoryEntry(jobHistoryId: historyId, jobId: id, message: message, result: result, status: 3)))
        }
    }

    var queries: [(list: String, query: String)] { state.withLockedValue { $0.queries } }

    fileprivate func advance(_ state: inout State) {
        let now = clock.now
        for completion in state.completions where completion.at <= now {
            state.scheduled[completion.entry.jobId.lowercased()] = nil
            state.history.append(completion.entry)
        }
        state.completions.removeAll { $0.at <= now }
    }

    /// The quoted ids of an `F -eq "x" OR ...` query.
    static func ids(in query: String) -> Set<String> {
        Set(query.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map { $0.element.lowercased() })
    }

}

/// The three status reads, answered from the scripted state; planning's reads are not scripted.
extension ScriptedStatusServer: ServerReads {
    func scheduledJobs(query: String?, pageSize: Int?) async throws(KeyfactorClientError) -> [ScheduledJob] {
        state.withLockedValue { state in
            state.queries.append(("ScheduledJobs", query ?? ""))
            advance(&state)
            return Self.ids(in: query ?? "").compactMap { state.scheduled[$0] }
        }
    }

    func jobHistory(query: String, pageSize: Int?) async throws(KeyfactorClientError) -> [JobHistoryEntry] {
        state.withLockedValue { state in
            state.queries.append(("JobHistory", query))
            advance(&state)
            let ids = Self.ids(in: query)
            return state.history.filter { ids.contains($0.jobId.lowercased()) }
        }
    }

    func statusData(jobHistoryId: Int64) async throws(KeyfactorClientError) -> JobStatusData {
        state.withLockedValue { JobStatusData(jobHistoryId: jobHistoryId, data: $0.data[jobHistoryId]) }
    }

    func customJobTypes() async throws(KeyfactorClientError) -> [CustomJobType] { [] }
    func agents(query: String) async throws(KeyfactorClientError) -> [Agent] { [] }
}

func tracked(_ id: String, key: String? = nil, type: String = "T", machine: String = "m") -> TrackedJob {
    TrackedJob(
        identity: JobIdentity(key: key ?? "m/j@\(id)", fingerprint: "f", manifest: "m", job: "j", agentId: "a-\(id)", clientMachine: machine, jobTypeName: type),
        server: "s", jobId: id, run: "r1")
}
