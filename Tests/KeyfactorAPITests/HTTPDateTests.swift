import Foundation
@testable import KeyfactorAPI
import KeyfactorWire
import Testing

/// The `Date` and `Retry-After` headers, read on every answer.
@Suite struct HTTPDateTests {
    @Test(arguments: [
        ("Sun, 06 Nov 1994 08:49:37 GMT", "1994-11-06T08:49:37Z"),
        ("Sat, 29 Feb 2020 23:59:59 GMT", "2020-02-29T23:59:59Z"),
        ("sun, 01 jan 2026 00:00:00 gmt", "2026-01-01T00:00:00Z"),
        ("Mon, 31 DEC 2029 12:00:00 GMT", "2029-12-31T12:00:00Z"),
    ])
    func imfFixdateParses(text: String, expected: String) throws {
        let date = try #require(HTTPDate.parse(text))
        #expect(KeyfactorDate.format(date) == expected)
    }

    @Test(arguments: [
        "", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Sun, 06 Now 1994 08:49:37 GMT",
        "Sun, 31 Nov 1994 08:49:37 GMT", "Sat, 29 Feb 2021 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08-49-37 GMT", "Sun, 06 Nov 19x4 08:49:37 GMT", "Sun,  06 Nov 1994 08:49:37 GMT",
    ])
    func otherTextIsNotADate(text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }

    @Test func retryAfterIsSecondsOrADate() throws {
        let now = try #require(KeyfactorDate.parse("1994-11-06T08:49:00Z"))
        #expect(HTTPDate.retryAfter(" 120 ", now: now) == 120)
        #expect(HTTPDate.retryAfter("Sun, 06 Nov 1994 08:49:37 GMT", now: now) == 37)
        #expect(HTTPDate.retryAfter("Sun, 06 Nov 1994 08:48:00 GMT", now: now) == 0)
        #expect(HTTPDate.retryAfter("-5", now: now) == nil)
        #expect(HTTPDate.retryAfter("soon", now: now) == nil)
    }
}
