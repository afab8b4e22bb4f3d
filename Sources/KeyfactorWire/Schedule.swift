#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// When a job runs: Keyfactor's `KeyfactorSchedule`, exactly one of its forms.
///
/// Times are instants in UTC; for daily, weekly and monthly schedules the server uses the time of
/// day (and the first date). Weekly `days` are .NET `DayOfWeek` numbers, 0 = Sunday ... 6 = Saturday.
public enum Schedule: Sendable, Hashable {
    case immediate
    case interval(minutes: Int)
    case daily(time: Date)
    case weekly(days: [Int], time: Date)
    case monthly(day: Int, time: Date)
    case exactlyOnce(time: Date)

    /// True for the forms that run more than once.
    public var isRecurring: Bool {
        switch self {
        case .interval, .daily, .weekly, .monthly: return true
        case .immediate, .exactlyOnce: return false
        }
    }
}

extension Schedule: Codable {
    public init(from decoder: any Decoder) throws {
        let wire = try WireDecoding(decoder)
        // Responses may carry every form with nulls, plus read-only `Schedule` and `IsEmpty`:
        // the one form that holds a value is the schedule.
        if try !wire.isNull("Interval") {
            let inner = try Self.nested(wire, "Interval")
            self = .interval(minutes: try inner.decode(Int.self, "Minutes"))
        } else if try !wire.isNull("Daily") {
            let inner = try Self.nested(wire, "Daily")
            self = .daily(time: try inner.decodeDate("Time"))
        } else if try !wire.isNull("Weekly") {
            let inner = try Self.nested(wire, "Weekly")
            self = .weekly(days: try Self.decodeDays(inner), time: try inner.decodeDate("Time"))
        } else if try !wire.isNull("Monthly") {
            let inner = try Self.nested(wire, "Monthly")
            self = .monthly(day: try inner.decode(Int.self, "Day"), time: try inner.decodeDate("Time"))
        } else if try !wire.isNull("ExactlyOnce") {
            let inner = try Self.nested(wire, "ExactlyOnce")
            self = .exactlyOnce(time: try inner.decodeDate("Time"))
        } else if try wire.decodeIfPresent(Bool.self, "Immediate") == true {
            self = .immediate
        } else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription: "a schedule needs one of Immediate, Interval, Daily, Weekly, Monthly, ExactlyOnce"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var wire = WireEncoding(encoder)
        switch self {
        case .immediate:
            try wire.encode(true, "Immediate")
        case .interval(let minutes):
            var inner = WireEncoding(wire.container.superEncoder(forKey: wire.key("Interval")))
            try inner.encode(minutes, "Minutes")
        case .daily(let time):
            var inner = WireEncoding(wire.container.superEncoder(forKey: wire.key("Daily")))
            try inner.encodeDate(time, "Time")
        case .weekly(let days, let time):
            var inner = WireEncoding(wire.container.superEncoder(forKey: wire.key("Weekly")))
            try inner.encode(days, "Days")
            try inner.encodeDate(time, "Time")
        case .monthly(let day, let time):
            var inner = WireEncoding(wire.container.superEncoder(forKey: wire.key("Monthly")))
            try inner.encode(day, "Day")
            try inner.encodeDate(time, "Time")
        case .exactlyOnce(let time):
            var inner = WireEncoding(wire.container.superEncoder(forKey: wire.key("ExactlyOnce")))
            try inner.encodeDate(time, "Time")
        }
    }

    private static func nested(_ wire: WireDecoding, _ name: String) throws -> WireDecoding {
        try WireDecoding(wire.container.superDecoder(forKey: wire.key(name) ?? WireKey(name)))
    }

    // .NET may serialise DayOfWeek by name when a string enum converter is configured.
    private static let dayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    private static func decodeDays(_ wire: WireDecoding) throws -> [Int] {
        if let numbers = try? wire.decode([Int].self, "Days") { return numbers }
        let names = try wire.decode([String].self, "Days")
        return try names.map { name in
            guard let index = dayNames.firstIndex(of: name.lowercased()) else {
                throw DecodingError.dataCorrupted(
                    DecodingError.Context(codingPath: wire.container.codingPath, debugDescription: "unknown day \(name)"))
            }
            return index
        }
    }
}
