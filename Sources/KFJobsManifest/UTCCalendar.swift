#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire

/// Proleptic Gregorian calendar arithmetic in UTC, independent of the machine's time zone and locale.
///
/// Schedules must come out the same on every machine, so kfjobs does its own civil-date arithmetic
/// (Howard Hinnant's algorithms, in `KeyfactorDate`) rather than going through `Calendar.current`.
enum UTCCalendar {
    /// Days since 1970-01-01 of a civil date.
    static func days(year: Int, month: Int, day: Int) -> Int {
        KeyfactorDate.daysFromCivil(year: year, month: month, day: day)
    }

    /// The civil date of a day number (days since 1970-01-01).
    static func date(days: Int) -> (year: Int, month: Int, day: Int) {
        KeyfactorDate.civilFromDays(Int64(days))
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The weekday of a day number (1970-01-01 was a Thursday).
    static func weekday(days: Int) -> Weekday {
        Weekday.thursday.shifted(by: days % 7)
    }

    /// The day number and the seconds into that day of an instant.
    static func split(_ date: Date) -> (days: Int, seconds: Double) {
        let seconds = date.timeIntervalSince1970
        let days = Int((seconds / 86_400).rounded(.down))
        return (days, seconds - Double(days) * 86_400)
    }

    /// The instant at `minuteOfDay` minutes into day `days`.
    static func instant(days: Int, minuteOfDay: Int) -> Date {
        Date(timeIntervalSince1970: Double(days) * 86_400 + Double(minuteOfDay) * 60)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, the form the API's schedule times take (whole seconds).
    static func iso8601(_ date: Date) -> String {
        KeyfactorDate.formatWholeSeconds(date)
    }
}
