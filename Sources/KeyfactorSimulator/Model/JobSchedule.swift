#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A job's schedule: exactly one of the KeyfactorSchedule forms of API.md.
public enum JobSchedule: Hashable, Sendable {
    case immediate
    case interval(minutes: Int)
    case daily(time: Date)
    case weekly(days: [Int], time: Date)
    case monthly(day: Int, time: Date)
    case exactlyOnce(time: Date)

    /// Whether the job runs once and then leaves ScheduledJobs for JobHistory.
    public var runsOnce: Bool {
        switch self {
        case .immediate, .exactlyOnce: true
        default: false
        }
    }

    /// The schedule's type name, as JobHistory's `ScheduleType` query field sees it.
    public var typeName: String {
        switch self {
        case .immediate: "Immediate"
        case .interval: "Interval"
        case .daily: "Daily"
        case .weekly: "Weekly"
        case .monthly: "Monthly"
        case .exactlyOnce: "ExactlyOnce"
        }
    }

    /// The Schedule object as responses carry it.
    var json: JSONOutput {
        switch self {
        case .immediate:
            .object([("Immediate", .bool(true))])
        case .interval(let minutes):
            .object([("Interval", .object([("Minutes", .int(Int64(minutes)))]))])
        case .daily(let time):
            .object([("Daily", .object([("Time", .string(ISO8601.format(time)))]))])
        case .weekly(let days, let time):
            .object([
                ("Weekly", .object([("Days", .array(days.map { .int(Int64($0)) })), ("Time", .string(ISO8601.format(time)))]))
            ])
        case .monthly(let day, let time):
            .object([("Monthly", .object([("Day", .int(Int64(day))), ("Time", .string(ISO8601.format(time)))]))])
        case .exactlyOnce(let time):
            .object([("ExactlyOnce", .object([("Time", .string(ISO8601.format(time)))]))])
        }
    }

    /// Reads a Schedule object in either casing; `nil` or a missing schedule means Immediate.
    static func parse(_ input: JSONInput?) -> Result<JobSchedule, SimulatorError> {
        guard let input, input != .null else { return .success(.immediate) }
        guard case .object(let pairs) = input else {
            return .failure(.badSchedule("the schedule must be an object, not \(input.kindName)"))
        }
        let present = pairs.filter { $0.value != .null && $0.value != .bool(false) }
        guard present.count == 1, let (key, value) = present.first.map({ ($0.key.lowercased(), $0.value) }) else {
            return .failure(
                .badSchedule(
                    "the schedule must have exactly one of Immediate, Interval, Daily, Weekly, Monthly, ExactlyOnce"))
        }
        func time() -> Result<Date, SimulatorError> {
            guard let text = value["Time"]?.scalarText else { return .failure(.badSchedule("\(key) needs a Time")) }
            guard let date = ISO8601.parse(text) else {
                return .failure(.badSchedule("\"\(text)\" is not an ISO 8601 time"))
            }
            return .success(date)
        }
        switch key {
        case "immediate":
            guard value == .bool(true) else { return .failure(.badSchedule("Immediate must be true")) }
            return .success(.immediate)
        case "interval":
            guard let text = value["Minutes"]?.scalarText, let minutes = Int(text), minutes >= 1 else {
                return .failure(.badSchedule("Interval needs Minutes, a whole number of at least 1"))
            }
            return .success(.interval(minutes: minutes))
        case "daily":
            return time().map { .daily(time: $0) }
        case "weekly":
            guard case .array(let items)? = value["Days"], !items.isEmpty else {
                return .failure(.badSchedule("Weekly needs Days, a list of days 0 (sunday) to 6 (saturday)"))
            }
            var days: [Int] = []
            for item in items {
                guard let text = item.scalarText, let day = Int(text), (0...6).contains(day) else {
                    return .failure(.badSchedule("Weekly Days are numbers 0 (sunday) to 6 (saturday)"))
                }
                days.append(day)
            }
            return time().map { .weekly(days: days, time: $0) }
        case "monthly":
            guard let text = value["Day"]?.scalarText, let day = Int(text), (1...31).contains(day) else {
                return .failure(.badSchedule("Monthly needs Day, a number from 1 to 31"))
            }
            return time().map { .monthly(day: day, time: $0) }
        case "exactlyonce":
            return time().map { .exactlyOnce(time: $0) }
        default:
            return .failure(.badSchedule("unknown schedule \"\(key)\""))
        }
    }
}
