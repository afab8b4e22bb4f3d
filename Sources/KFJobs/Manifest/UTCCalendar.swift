import Foundation

/// Proleptic Gregorian calendar arithmetic in UTC, independent of the machine's time zone and locale.
///
/// Schedules must come out the same on every machine, so kfjobs does its own civil-date arithmetic
/// (Howard Hinnant's algorithms) rather than going through `Calendar.current`.
enum UTCCalendar {
    /// Days since 1970-01-01 of a civil date.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day number (days since 1970-01-01).
    static func date(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
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
        let (days, seconds) = split(date)
        let (year, month, day) = self.date(days: days)
        let whole = Int(seconds.rounded(.down))
        let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(yearText)-\(twoDigits(month))-\(twoDigits(day))T\(twoDigits(whole / 3600)):"
            + "\(twoDigits(whole / 60 % 60)):\(twoDigits(whole % 60))Z"
    }
}
