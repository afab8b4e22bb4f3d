#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability

/// The simulator's state: the fleet's estate (fixed), the jobs created, their history, tokens and
/// request counts. One lock guards the mutable part; every operation holds it briefly.
final class SimulatorStore: @unchecked Sendable {
    // @unchecked: the mutable state below is only touched with `lock` held.
    let fleet: SimulatorFleet
    let clock: any SimulatorClock
    let agents: [SimulatedAgent]
    /// The agents recent queries matched (the agents never change while the simulator runs).
    let agentViews = QueryViewCache<SimulatedAgent>()
    private let agentIndex: [String: Int]
    private let jobTypeIndex: [String: SimulatedJobType]

    // Internal rather than private: the snapshot extension (SimulatorStore+Snapshot.swift) reads and
    // restores them, under the same lock.
    let lock = SystemLock()
    var jobs: [JobRecord] = []
    var jobIndex: [String: Int] = [:]
    var history: [HistoryRecord] = []
    var historyIndex: [Int64: Int] = [:]
    var due = DueQueue()
    var nextHistoryId: Int64 = SimulatorStore.firstHistoryId
    private var tokens: [String: Date] = [:]
    private var requestCounts: [String: [String: Int]] = [:]

    init(fleet: SimulatorFleet, clock: any SimulatorClock) {
        self.fleet = fleet
        self.clock = clock
        self.agents = fleet.agents
        var agentIndex: [String: Int] = [:]
        for (index, agent) in fleet.agents.enumerated() { agentIndex[agent.agentId.lowercased()] = index }
        self.agentIndex = agentIndex
        var jobTypeIndex: [String: SimulatedJobType] = [:]
        for jobType in fleet.jobTypes { jobTypeIndex[jobType.name.lowercased()] = jobType }
        // FetchLogs is built in: known even when the fleet does not list it.
        if jobTypeIndex[SimulatedJobType.fetchLogsName.lowercased()] == nil {
            jobTypeIndex[SimulatedJobType.fetchLogsName.lowercased()] = SimulatedJobType(
                id: "00000000-0000-0000-0000-000000000000", name: SimulatedJobType.fetchLogsName,
                description: "Fetch the orchestrator's logs", requiredCapability: "LOGS")
        }
        self.jobTypeIndex = jobTypeIndex
    }

    func agent(id: String) -> SimulatedAgent? {
        agentIndex[id.lowercased()].map { agents[$0] }
    }

    func jobType(named name: String) -> SimulatedJobType? {
        jobTypeIndex[name.lowercased()]
    }

    /// Records a new job; it is scheduled now and, if it runs once, due after the fleet's delay.
    func createJob(
        agent: SimulatedAgent, jobType: SimulatedJobType, schedule: JobSchedule, fields: [SimulatedFieldValue]
    ) -> JobRecord {
        let now = clock.now
        var record = JobRecord(
            jobId: UUID().uuidString.lowercased(), agentId: agent.agentId, clientMachine: agent.clientMachine,
            jobTypeName: jobType.name, schedule: schedule, fields: fields, requestTimestamp: now, state: .scheduled)
        switch schedule {
        case .immediate: record.dueAt = now.addingTimeInterval(fleet.jobDelay)
        case .exactlyOnce(let time): record.dueAt = max(time, now).addingTimeInterval(fleet.jobDelay)
        default: break
        }
        lock.withLock {
            runDueJobs(now: now)
            jobIndex[record.jobId] = jobs.count
            jobs.append(record)
            if let dueAt = record.dueAt { due.push(record.jobId, due: dueAt) }
        }
        return record
    }

    /// Jobs still waiting to run.
    func scheduledJobs() -> [JobRecord] {
        lock.withLock {
            runDueJobs(now: clock.now)
            return jobs.filter { $0.state == .scheduled }
        }
    }

    /// Every job ever created, in creation order.
    func allJobs() -> [JobRecord] {
        lock.withLock {
            runDueJobs(now: clock.now)
            return jobs
        }
    }

    func historyRecords() -> [HistoryRecord] {
        lock.withLock {
            runDueJobs(now: clock.now)
            return history
        }
    }

    func historyRecord(id: Int64) -> HistoryRecord? {
        lock.withLock {
            runDueJobs(now: clock.now)
            return historyIndex[id].map { history[$0] }
        }
    }

    /// Unschedules the scheduled jobs among `jobIds`, or those `matching` selects; returns how many.
    @discardableResult
    func unschedule(jobIds: [String]? = nil, matching: (@Sendable (JobRecord) -> Bool)? = nil) -> Int {
        lock.withLock {
            runDueJobs(now: clock.now)
            var count = 0
            let wanted = jobIds.map { Set($0.map { $0.lowercased() }) }
            for index in jobs.indices where jobs[index].state == .scheduled {
                let selected = wanted?.contains(jobs[index].jobId) ?? matching?(jobs[index]) ?? false
                if selected {
                    jobs[index].state = .unscheduled
                    count += 1
                }
            }
            return count
        }
    }

    /// The JobHistoryId of the first run.
    static let firstHistoryId: Int64 = 1000

    // Run-once jobs run lazily, when anyone next looks: the result is the same as a timer's, on any
    // clock, and tests that move a manual clock need no sleeping.
    func runDueJobs(now: Date) {
        while let jobId = due.popDue(now: now) {
            guard let index = jobIndex[jobId], jobs[index].state == .scheduled, let dueAt = jobs[index].dueAt else {
                continue
            }
            let job = jobs[index]
            let agent = agentIndex[job.agentId].map { agents[$0] }
            let failure = agent?.failureMessage
            let historyId = nextHistoryId
            nextHistoryId += 1
            let data = Self.runData(for: job, at: dueAt, failure: failure)
            let record = HistoryRecord(
                jobHistoryId: historyId, jobId: job.jobId, agentId: job.agentId, clientMachine: job.clientMachine,
                jobType: job.jobTypeName, schedule: job.schedule, operationStart: dueAt,
                operationEnd: dueAt.addingTimeInterval(1), message: failure ?? "",
                result: failure == nil ? 2 : 4, status: 3, data: data)
            historyIndex[historyId] = history.count
            history.append(record)
            jobs[index].state = .completed
            jobs[index].jobHistoryId = historyId
        }
    }

    /// What `JobStatus/Data` holds for a run: the logs of a FetchLogs run, the field names of another
    /// (never their values, which may be secrets), nothing for a failed one. Made from the job alone,
    /// so that a restored snapshot serves the same data without storing it.
    static func runData(for job: JobRecord, at date: Date, failure: String?) -> String {
        if job.jobTypeName.lowercased() == SimulatedJobType.fetchLogsName.lowercased() {
            return logText(for: job, at: date, failure: failure)
        }
        let names = job.fields.map(\.name).joined(separator: ", ")
        return failure == nil ? "\(job.jobTypeName) completed (fields: \(names.isEmpty ? "none" : names))" : ""
    }

    private static func logText(for job: JobRecord, at date: Date, failure: String?) -> String {
        let stamp = ISO8601.format(date)
        var lines = [
            "\(stamp) INFO  Keyfactor.Orchestrators.Service starting log collection on \(job.clientMachine)",
            "\(stamp) INFO  Keyfactor.Orchestrators.JobExecutor job \(job.jobId) (\(job.jobTypeName)) received",
            "\(stamp) DEBUG Keyfactor.Orchestrators.Session heartbeat ok",
        ]
        if let failure { lines.append("\(stamp) ERROR Keyfactor.Orchestrators.JobExecutor \(failure)") }
        lines.append("\(stamp) INFO  Keyfactor.Orchestrators.JobExecutor job \(job.jobId) finished")
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: tokens

    /// A fresh bearer token valid for `lifetime` seconds on the simulator's clock.
    func issueToken(lifetime: Int) -> String {
        let token = (UUID().uuidString + UUID().uuidString).replacingLiteral("-", with: "").lowercased()
        let expiry = clock.now.addingTimeInterval(TimeInterval(lifetime))
        lock.withLock { tokens[token] = expiry }
        return token
    }

    /// Every token issued so far (tokens are never forgotten, only expire).
    func issuedTokens() -> [String] {
        lock.withLock { Array(tokens.keys) }
    }

    func isValid(token: String) -> Bool {
        let now = clock.now
        return lock.withLock { tokens[token].map { $0 > now } ?? false }
    }

    // MARK: stats

    func count(endpoint: String, outcome: String) {
        lock.withLock { requestCounts[endpoint, default: [:]][outcome, default: 0] += 1 }
    }

    func requestStats() -> [String: [String: Int]] {
        lock.withLock { requestCounts }
    }
}
