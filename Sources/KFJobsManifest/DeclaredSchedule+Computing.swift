#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire

/// The schedule as the API takes it. It was a manifest-layer type before the wire types landed; the alias
/// keeps code written against that name (`ComputedSchedule.wireSchedule`) compiling.
public typealias ComputedSchedule = KeyfactorWire.Schedule

extension DeclaredSchedule {
    /// The API's Schedule object: times become the next matching instant strictly after `now`, in UTC.
    ///
    /// Returns `nil` only for a monthly time whose offset crosses midnight in UTC (which the decoder
    /// rejects, since "the 1st at 00:30+02:00" is not a day of the month in UTC).
    public func computed(now: Date) -> KeyfactorWire.Schedule? {
        let (today, secondsToday) = UTCCalendar.split(now)
        switch self {
        case .immediate:
            return .immediate
        case .interval(let minutes):
            return .interval(minutes: minutes)
        case .once(let date):
            return .exactlyOnce(time: date)
        case .daily(let at):
            let minute = at.utc.minuteOfDay
            let day = Double(minute * 60) > secondsToday ? today : today + 1
            return .daily(time: UTCCalendar.instant(days: day, minuteOfDay: minute))
        case .weekly(let days, let at):
            let (minute, shift) = at.utc
            let utcDays = Set(days.map { $0.shifted(by: shift) })
            for offset in 0...7 {
                let day = today + offset
                guard utcDays.contains(UTCCalendar.weekday(days: day)) else { continue }
                if offset == 0 && Double(minute * 60) <= secondsToday { continue }
                let sorted = utcDays.map(\.rawValue).sorted()
                return .weekly(days: sorted, time: UTCCalendar.instant(days: day, minuteOfDay: minute))
            }
            return nil
        case .monthly(let dayOfMonth, let at):
            let (minute, shift) = at.utc
            guard shift == 0 else { return nil }
            var (year, month, _) = UTCCalendar.date(days: today)
            // Every fourth year has a February 29th and every 31st comes within a few months, so a
            // match is always found well inside four years.
            for _ in 0..<48 {
                if dayOfMonth <= UTCCalendar.daysInMonth(year: year, month: month) {
                    let instant = UTCCalendar.instant(
                        days: UTCCalendar.days(year: year, month: month, day: dayOfMonth), minuteOfDay: minute)
                    if instant > now { return .monthly(day: dayOfMonth, time: instant) }
                }
                (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
            }
            return nil
        }
    }

    /// The declared schedule in one canonical form, for the fingerprint: both immediate forms alike,
    /// intervals in minutes, times of day in UTC, weekdays (shifted to UTC) sorted.
    public var normalized: CanonicalJSON {
        switch self {
        case .immediate:
            return .object(["immediate": .bool(true)])
        case .interval(let minutes):
            return .object(["interval": .object(["minutes": .integer(minutes)])])
        case .daily(let at):
            return .object(["daily": .object(["at": .string(at.inUTC.description)])])
        case .weekly(let days, let at):
            let shift = at.utc.dayShift
            let utcDays = Set(days.map { $0.shifted(by: shift).rawValue }).sorted()
            return .object(["weekly": .object(["at": .string(at.inUTC.description), "days": .array(utcDays.map { .integer($0) })])])
        case .monthly(let day, let at):
            return .object(["monthly": .object(["at": .string(at.inUTC.description), "day": .integer(day)])])
        case .once(let date):
            return .object(["once": .string(UTCCalendar.iso8601(date))])
        }
    }
}
