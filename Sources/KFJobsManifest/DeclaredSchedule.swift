#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A schedule as the manifest declares it, before it is turned into the API's Schedule object.
///
/// Times of day keep the offset they were written with; `utc` views give what the API is sent.
public enum DeclaredSchedule: Hashable, Sendable {
    /// `immediate` or `{immediate: true}`; also what no schedule means.
    case immediate
    /// `{interval: 90m}`, in minutes.
    case interval(minutes: Int)
    /// `{daily: {at: T}}`.
    case daily(at: TimeOfDay)
    /// `{weekly: {days: [...], at: T}}`, days as written (sorted, no repeats).
    case weekly(days: [Weekday], at: TimeOfDay)
    /// `{monthly: {day: N, at: T}}`.
    case monthly(day: Int, at: TimeOfDay)
    /// `{once: "2026-12-01T02:30:00Z"}`, as an instant.
    case once(Date)

    /// Whether the schedule repeats (kfjobs adopts identical recurring jobs rather than piling them up).
    public var isRecurring: Bool {
        switch self {
        case .immediate, .once: false
        case .interval, .daily, .weekly, .monthly: true
        }
    }
}

/// A time of day, `HH:MM` with an optional zone offset (none means UTC).
public struct TimeOfDay: Hashable, Sendable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int
    /// Minutes east of UTC (`+02:00` is 120).
    public var offsetMinutes: Int

    public init(hour: Int, minute: Int, offsetMinutes: Int = 0) {
        self.hour = hour
        self.minute = minute
        self.offsetMinutes = offsetMinutes
    }

    /// Minutes after midnight in UTC, and by how many days the UTC date differs from the local one.
    public var utc: (minuteOfDay: Int, dayShift: Int) {
        let minutes = hour * 60 + minute - offsetMinutes
        let dayShift = minutes < 0 ? -1 : (minutes >= 24 * 60 ? 1 : 0)
        return (minutes - dayShift * 24 * 60, dayShift)
    }

    /// The same instant of the day written in UTC.
    public var inUTC: TimeOfDay {
        let minutes = utc.minuteOfDay
        return TimeOfDay(hour: minutes / 60, minute: minutes % 60)
    }

    /// `HH:MM`, then `Z` for UTC or the offset as `±HH:MM`.
    public var description: String {
        let base = "\(twoDigits(hour)):\(twoDigits(minute))"
        if offsetMinutes == 0 { return base + "Z" }
        let sign = offsetMinutes < 0 ? "-" : "+"
        let offset = abs(offsetMinutes)
        return base + sign + "\(twoDigits(offset / 60)):\(twoDigits(offset % 60))"
    }
}

/// A day of the week, numbered as the API numbers it (0 = Sunday … 6 = Saturday).
public enum Weekday: Int, Hashable, Sendable, CaseIterable, Comparable {
    case sunday = 0, monday, tuesday, wednesday, thursday, friday, saturday

    /// The three-letter name a manifest uses: `sun` … `sat`.
    public var shortName: String {
        ["sun", "mon", "tue", "wed", "thu", "fri", "sat"][rawValue]
    }

    /// The weekday for a manifest name, in any case.
    public init?(shortName: String) {
        guard let day = Weekday.allCases.first(where: { $0.shortName == shortName.lowercased() }) else { return nil }
        self = day
    }

    /// The day `days` later (or earlier, when negative), wrapping around the week.
    public func shifted(by days: Int) -> Weekday {
        Weekday(rawValue: ((rawValue + days) % 7 + 7) % 7) ?? self
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}

func twoDigits(_ value: Int) -> String {
    value < 10 ? "0\(value)" : "\(value)"
}
