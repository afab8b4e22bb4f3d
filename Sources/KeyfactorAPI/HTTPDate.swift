#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability
import KeyfactorWire

/// HTTP's date format (`Sun, 06 Nov 1994 08:49:37 GMT`), for `Date` and `Retry-After`.
enum HTTPDate {
    private static let months = Array("janfebmaraprmayjunjulaugsepoctnovdec".utf8)

    /// IMF-fixdate only: the obsolete RFC 850 and asctime forms are not sent by IIS or Kestrel.
    /// Read from the bytes in place, because every answer's `Date` header is parsed.
    static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes in
            // "<day-name>, DD Mon YYYY HH:MM:SS GMT": six fields between single spaces; the day
            // name is not checked (the date says which day it is).
            let fields = bytes.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
            guard fields.count == 6, fields[1].count == 2, fields[2].count == 3, fields[3].count == 4,
                  fields[4].count == 8, fields[4][fields[4].startIndex + 2] == UInt8(ascii: ":"),
                  fields[4][fields[4].startIndex + 5] == UInt8(ascii: ":"),
                  fields[5].map(lowercased).elementsEqual("gmt".utf8),
                  let month = month(fields[2]),
                  let day = number(fields[1]), let year = number(fields[3]),
                  let hour = number(fields[4].prefix(2)), let minute = number(fields[4].dropFirst(3).prefix(2)),
                  let second = number(fields[4].suffix(2))
            else { return nil }
            return KeyfactorDate.utc(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        }
    }

    /// `Retry-After` as seconds from `now`: a number of seconds or an HTTP date.
    static func retryAfter(_ text: String, now: Date) -> TimeInterval? {
        let trimmed = text.trimmingWhitespace()
        if let seconds = TimeInterval(trimmed), seconds >= 0 { return seconds }
        return parse(trimmed).map { max(0, $0.timeIntervalSince(now)) }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    /// The month number (1...12) of a three-letter English name in any case.
    private static func month(_ name: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        let lowered = name.map(lowercased)
        return stride(from: 0, to: months.count, by: 3).first { months[$0..<$0 + 3].elementsEqual(lowered) }.map { $0 / 3 + 1 }
    }

    /// A run of ASCII digits as a number.
    private static func number(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var value = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
