#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire

/// ISO 8601 in UTC, parsed and formatted by hand: fast, `Sendable`, and exactly the shapes the API uses.
enum ISO8601 {
    /// `2026-11-28T10:15:00Z`: whole seconds, always UTC, as API.md's examples show.
    static func format(_ date: Date) -> String {
        KeyfactorDate.formatWholeSeconds(date)
    }

    /// Parses ISO 8601 as Keyfactor writes it (the wire module's parser; no zone means UTC).
    static func parse(_ text: String) -> Date? {
        KeyfactorDate.parse(text)
    }

    /// Midnight UTC of the day `date` falls on.
    static func startOfDay(_ date: Date) -> Date {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        return Date(timeIntervalSince1970: TimeInterval(floorDiv(seconds, 86_400) * 86_400))
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
