import Foundation
import KeyfactorWire

/// ISO 8601 in UTC, parsed and formatted by hand: fast, `Sendable`, and exactly the shapes the API uses.
enum ISO8601 {
    /// `2026-11-28T10:15:00Z`: whole seconds, always UTC, as API.md's examples show.
    static func format(_ date: Date) -> String {
        let seconds = Int64(floor(date.timeIntervalSince1970))
        let days = floorDiv(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
            + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2) + "Z"
    }

    /// Parses ISO 8601 as Keyfactor writes it (the wire module's parser; no zone means UTC).
    static func parse(_ text: String) -> Date? {
        KeyfactorDate.parse(text)
    }

    /// Midnight UTC of the day `date` falls on.
    static func startOfDay(_ date: Date) -> Date {
        let seconds = Int64(floor(date.timeIntervalSince1970))
        return Date(timeIntervalSince1970: TimeInterval(floorDiv(seconds, 86_400) * 86_400))
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    // Howard Hinnant's civil_from_days: exact for the proleptic Gregorian calendar.
    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
