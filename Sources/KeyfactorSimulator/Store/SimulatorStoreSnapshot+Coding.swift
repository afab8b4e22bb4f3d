#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability

extension SimulatorStoreSnapshot {
    /// The snapshot as JSON (sorted keys, times as seconds since 1970), ready to be written to a file.
    public func encoded() -> [UInt8] {
        let coded = Coded(
            format: Self.formatName, version: Self.version,
            fleet: .init(name: fleetName, identity: fleetIdentity),
            savedAt: savedAt.timeIntervalSince1970, clockOffset: clockOffset, nextHistoryId: nextHistoryId,
            jobs: jobs.map(CodedJob.init), history: history.map(CodedHistory.init))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every member is a plain value: encoding cannot fail.
        return (try? Array(encoder.encode(coded))) ?? []
    }

    /// Reads what `encoded()` wrote; anything else (another program's JSON, a torn or edited file, a
    /// newer version) is an error saying which.
    public static func decode(_ bytes: [UInt8]) throws(SimulatorSnapshotError) -> SimulatorStoreSnapshot {
        struct Header: Decodable {
            var format: String?
            var version: Int?
        }
        let decoder = JSONDecoder()
        guard let header = try? decoder.decode(Header.self, from: Data(bytes)) else {
            throw SimulatorSnapshotError(message: "not a simulator state file (not a JSON object)")
        }
        guard header.format == formatName else {
            throw SimulatorSnapshotError(message: "not a simulator state file (its format is not \(formatName))")
        }
        guard header.version == version else {
            throw SimulatorSnapshotError(message: "a simulator state file of version \(header.version.map(String.init) ?? "none"); this kfjobs reads version \(version)")
        }
        let coded: Coded
        do {
            coded = try decoder.decode(Coded.self, from: Data(bytes))
        } catch {
            throw SimulatorSnapshotError(message: "a damaged simulator state file (\(Self.describe(error)))")
        }
        var jobs: [JobRecord] = []
        for job in coded.jobs {
            guard let record = job.record else {
                throw SimulatorSnapshotError(message: "a damaged simulator state file (job \(job.jobId) has an unknown state or schedule)")
            }
            jobs.append(record)
        }
        var history: [HistoryRecord] = []
        for entry in coded.history {
            guard let record = entry.record else {
                throw SimulatorSnapshotError(message: "a damaged simulator state file (history entry \(entry.jobHistoryId) has an unknown schedule)")
            }
            history.append(record)
        }
        return SimulatorStoreSnapshot(
            fleetName: coded.fleet.name, fleetIdentity: coded.fleet.identity,
            savedAt: Date(timeIntervalSince1970: coded.savedAt), clockOffset: coded.clockOffset,
            nextHistoryId: coded.nextHistoryId, jobs: jobs, history: history)
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context.codingPath)) is not what it should be"
        @unknown default: return "\(error)"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().trimmingScalars(in: ".")
    }
}

private struct Coded: Codable {
    struct Fleet: Codable {
        var name: String
        var identity: String
    }

    var format: String
    var version: Int
    var fleet: Fleet
    var savedAt: Double
    var clockOffset: Double
    var nextHistoryId: Int64
    var jobs: [CodedJob]
    var history: [CodedHistory]
}

/// A schedule as the state file keeps it: its kind and the parts that kind has.
private struct CodedSchedule: Codable {
    var kind: String
    var minutes: Int?
    var days: [Int]?
    var day: Int?
    var time: Double?

    init(_ schedule: JobSchedule) {
        kind = schedule.typeName
        switch schedule {
        case .immediate: break
        case .interval(let minutes): self.minutes = minutes
        case .daily(let time): self.time = time.timeIntervalSince1970
        case .weekly(let days, let time): (self.days, self.time) = (days, time.timeIntervalSince1970)
        case .monthly(let day, let time): (self.day, self.time) = (day, time.timeIntervalSince1970)
        case .exactlyOnce(let time): self.time = time.timeIntervalSince1970
        }
    }

    var schedule: JobSchedule? {
        let date = time.map { Date(timeIntervalSince1970: $0) }
        switch kind {
        case "Immediate": return .immediate
        case "Interval": return minutes.map { .interval(minutes: $0) }
        case "Daily": return date.map { .daily(time: $0) }
        case "Weekly": return days.flatMap { days in date.map { .weekly(days: days, time: $0) } }
        case "Monthly": return day.flatMap { day in date.map { .monthly(day: day, time: $0) } }
        case "ExactlyOnce": return date.map { .exactlyOnce(time: $0) }
        default: return nil
        }
    }
}

private struct CodedJob: Codable {
    var jobId: String
    var agentId: String
    var clientMachine: String
    var jobTypeName: String
    var schedule: CodedSchedule
    /// Names only: the values are never written.
    var fieldNames: [String]
    var requestTimestamp: Double
    var state: String
    var dueAt: Double?
    var jobHistoryId: Int64?

    init(_ job: JobRecord) {
        jobId = job.jobId
        agentId = job.agentId
        clientMachine = job.clientMachine
        jobTypeName = job.jobTypeName
        schedule = CodedSchedule(job.schedule)
        fieldNames = job.fields.map(\.name)
        requestTimestamp = job.requestTimestamp.timeIntervalSince1970
        state = job.state.rawValue
        dueAt = job.dueAt?.timeIntervalSince1970
        jobHistoryId = job.jobHistoryId
    }

    var record: JobRecord? {
        guard let state = JobRecord.State(rawValue: state), let schedule = schedule.schedule else { return nil }
        return JobRecord(
            jobId: jobId, agentId: agentId, clientMachine: clientMachine, jobTypeName: jobTypeName, schedule: schedule,
            fields: fieldNames.map { SimulatedFieldValue(name: $0, value: nil) },
            requestTimestamp: Date(timeIntervalSince1970: requestTimestamp), state: state,
            dueAt: dueAt.map { Date(timeIntervalSince1970: $0) }, jobHistoryId: jobHistoryId)
    }
}

/// A finished run without its data: the data is made again from the job (the logs of a FetchLogs
/// run, the field names of another), so nothing a job carried is written.
private struct CodedHistory: Codable {
    var jobHistoryId: Int64
    var jobId: String
    var agentId: String
    var clientMachine: String
    var jobType: String
    var schedule: CodedSchedule
    var operationStart: Double
    var operationEnd: Double
    var message: String
    var result: Int
    var status: Int

    init(_ record: HistoryRecord) {
        jobHistoryId = record.jobHistoryId
        jobId = record.jobId
        agentId = record.agentId
        clientMachine = record.clientMachine
        jobType = record.jobType
        schedule = CodedSchedule(record.schedule)
        operationStart = record.operationStart.timeIntervalSince1970
        operationEnd = record.operationEnd.timeIntervalSince1970
        message = record.message
        result = record.result
        status = record.status
    }

    var record: HistoryRecord? {
        guard let schedule = schedule.schedule else { return nil }
        return HistoryRecord(
            jobHistoryId: jobHistoryId, jobId: jobId, agentId: agentId, clientMachine: clientMachine, jobType: jobType,
            schedule: schedule, operationStart: Date(timeIntervalSince1970: operationStart),
            operationEnd: Date(timeIntervalSince1970: operationEnd), message: message, result: result, status: status,
            data: "")
    }
}
