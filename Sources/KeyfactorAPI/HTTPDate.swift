import Foundation
import KeyfactorWire

/// HTTP's date format (`Sun, 06 Nov 1994 08:49:37 GMT`), for `Date` and `Retry-After`.
enum HTTPDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func parse(_ text: String) -> Date? {
        // IMF-fixdate only: the obsolete RFC 850 and asctime forms are not sent by IIS or Kestrel.
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5].uppercased() == "GMT",
              let month = months.firstIndex(of: parts[2].lowercased()),
              parts[1].count == 2, parts[3].count == 4, parts[4].count == 8
        else { return nil }
        let iso = "\(parts[3])-\(month < 9 ? "0" : "")\(month + 1)-\(parts[1])T\(parts[4])Z"
        return KeyfactorDate.parse(iso)
    }

    /// `Retry-After` as seconds from `now`: a number of seconds or an HTTP date.
    static func retryAfter(_ text: String, now: Date) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = TimeInterval(trimmed), seconds >= 0 { return seconds }
        return parse(trimmed).map { max(0, $0.timeIntervalSince(now)) }
    }
}
