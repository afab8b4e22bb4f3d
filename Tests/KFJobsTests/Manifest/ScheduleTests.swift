import Foundation
import KFJobs
import KFJobsManifest
import KeyfactorWire
import Testing

@Suite("Schedules")
struct ScheduleTests {
    /// The declared schedule of a one-job manifest whose job has `schedule: VALUE`.
    static func declared(_ value: String, now: Date = ManifestTestSupport.now) -> DeclaredSchedule? {
        let result = ManifestTestSupport.decode(ManifestTestSupport.manifest(job: "    schedule: \(value)\n"), now: now)
        return result.manifests.first?.jobs.first?.schedule.value
    }

    /// The Schedule object as the client sends it (PascalCase), keys sorted so that it compares as text.
    static func wire(_ schedule: KeyfactorWire.Schedule?) throws -> String {
        let data = try KeyfactorJSON.encoder(casing: .pascal, sortedKeys: true).encode(try #require(schedule))
        return String(decoding: data, as: UTF8.self)
    }

    @Test("every invalid schedule is reported at the value with its exact message", arguments: [
        ("{interval: 1️⃣1h30m}", "interval '1h30m' must be one number and one unit (m, h or d); write 90m"),
        ("{interval: 1️⃣0m}", "interval must be at least 1m, not '0m'"),
        ("{interval: 1️⃣90}", "interval '90' needs a unit: m, h or d (e.g. 90m)"),
        ("{interval: 1️⃣90s}", "invalid interval '90s': write one number and one unit, m, h or d (e.g. 90m)"),
        ("{interval: 1️⃣-5m}", "invalid interval '-5m': write one number and one unit, m, h or d (e.g. 90m)"),
        ("{interval: 1️⃣99999999999999999999m}", "interval '99999999999999999999m' is too long"),
        ("{daily: {at: 1️⃣\"25:00\"}}", "time '25:00' is out of range: hours go from 00 to 23, minutes from 00 to 59"),
        ("{daily: {at: 1️⃣\"02:60\"}}", "time '02:60' is out of range: hours go from 00 to 23, minutes from 00 to 59"),
        ("{daily: {at: 1️⃣\"2:30\"}}", "invalid time '2:30': write HH:MM (24-hour), optionally followed by Z or ±HH:MM"),
        ("{daily: {at: 1️⃣\"02:30+2\"}}", "invalid time '02:30+2': write HH:MM (24-hour), optionally followed by Z or ±HH:MM"),
        ("{daily: 1️⃣{}}", "missing required key 'at' in daily"),
        ("{weekly: {days: [mon, 1️⃣fry], at: \"02:30\"}}", "unknown weekday 'fry'; use mon, tue, wed, thu, fri, sat or sun; did you mean 'fri'?"),
        ("{weekly: {days: [Mon, 1️⃣mon], at: \"02:30\"}}", "weekday 'mon' is listed twice"),
        ("{weekly: {days: 1️⃣[], at: \"02:30\"}}", "days is an empty list; give at least one item"),
        ("{monthly: {day: 1️⃣32, at: \"02:30\"}}", "day must be a number from 1 to 31, not '32'"),
        ("{monthly: {day: 1️⃣0, at: \"02:30\"}}", "day must be a number from 1 to 31, not '0'"),
        ("{monthly: {day: 1, at: 1️⃣\"00:30+02:00\"}}", "monthly time 00:30+02:00 falls on another day in UTC (22:30Z); write the time in UTC and adjust the day"),
        ("{monthly: 1️⃣{at: \"02:30\"}}", "missing required key 'day' in monthly"),
        ("{once: 1️⃣\"2030-12-01T02:30:00\"}", "time '2030-12-01T02:30:00' has no zone; add Z (UTC) or an offset such as +02:00"),
        ("{once: 1️⃣\"2030-02-30T02:30:00Z\"}", "invalid time '2030-02-30T02:30:00Z': write an ISO 8601 date and time with a zone, e.g. 2026-12-01T02:30:00Z"),
        ("{daily: {at: \"02:30\"}, 1️⃣interval: 1h}", "schedule has both daily and interval; give exactly one"),
        ("{1️⃣dayly: {at: \"02:30\"}}", "unknown schedule form 'dayly'; did you mean 'daily'?"),
        ("1️⃣now", "unknown schedule 'now'; write immediate or a mapping with one of interval, daily, weekly, monthly, once"),
        ("1️⃣{}", "a schedule needs one of immediate, interval, daily, weekly, monthly, once"),
        ("{immediate: 1️⃣false}", "immediate must be true, not 'false'; leave it out or write another schedule"),
        ("1️⃣[daily]", "schedule must be immediate or a mapping, not a list"),
    ])
    func invalidSchedule(value: String, message: String) {
        expectDiagnostics(ManifestTestSupport.manifest(job: "    schedule: \(value)\n"), [("1️⃣", "error: \(message)")])
    }

    @Test("valid schedules decode to their declared form", arguments: [
        ("immediate", DeclaredSchedule.immediate),
        ("{immediate: true}", .immediate),
        ("{immediate: True}", .immediate),
        ("{interval: 90m}", .interval(minutes: 90)),
        ("{interval: 2h}", .interval(minutes: 120)),
        ("{interval: 1d}", .interval(minutes: 1440)),
        ("{daily: {at: \"02:30Z\"}}", .daily(at: TimeOfDay(hour: 2, minute: 30))),
        ("{daily: {at: \"23:59-09:30\"}}", .daily(at: TimeOfDay(hour: 23, minute: 59, offsetMinutes: -570))),
        ("{weekly: {days: [FRI, mon], at: \"02:30\"}}", .weekly(days: [.monday, .friday], at: TimeOfDay(hour: 2, minute: 30))),
        ("{monthly: {day: 15, at: \"02:30\"}}", .monthly(day: 15, at: TimeOfDay(hour: 2, minute: 30))),
        ("{once: \"2026-12-01T04:30:00+02:00\"}", .once(Date(timeIntervalSince1970: 1_796_092_200))),
    ])
    func validSchedule(value: String, expected: DeclaredSchedule) {
        #expect(Self.declared(value) == expected)
    }

    // The clock is Sunday 2026-11-29T10:15:00Z.
    @Test("the API's Schedule is the next instant strictly after now, in UTC", arguments: [
        ("immediate", #"{"Immediate":true}"#),
        ("{interval: 90m}", #"{"Interval":{"Minutes":90}}"#),
        ("{daily: {at: \"02:30\"}}", #"{"Daily":{"Time":"2026-11-30T02:30:00Z"}}"#),
        ("{daily: {at: \"10:15\"}}", #"{"Daily":{"Time":"2026-11-30T10:15:00Z"}}"#),
        ("{daily: {at: \"10:16Z\"}}", #"{"Daily":{"Time":"2026-11-29T10:16:00Z"}}"#),
        ("{daily: {at: \"02:30+02:00\"}}", #"{"Daily":{"Time":"2026-11-30T00:30:00Z"}}"#),
        ("{daily: {at: \"23:30-05:00\"}}", #"{"Daily":{"Time":"2026-11-30T04:30:00Z"}}"#),
        ("{weekly: {days: [fri, sun], at: \"22:00-05:00\"}}", #"{"Weekly":{"Days":[1,6],"Time":"2026-11-30T03:00:00Z"}}"#),
        ("{weekly: {days: [mon], at: \"00:30+02:00\"}}", #"{"Weekly":{"Days":[0],"Time":"2026-11-29T22:30:00Z"}}"#),
        ("{weekly: {days: [sun], at: \"10:00\"}}", #"{"Weekly":{"Days":[0],"Time":"2026-12-06T10:00:00Z"}}"#),
        ("{weekly: {days: [sat, sun], at: \"23:00+00:00\"}}", #"{"Weekly":{"Days":[0,6],"Time":"2026-11-29T23:00:00Z"}}"#),
        ("{monthly: {day: 31, at: \"03:00\"}}", #"{"Monthly":{"Day":31,"Time":"2026-12-31T03:00:00Z"}}"#),
        ("{monthly: {day: 29, at: \"11:00\"}}", #"{"Monthly":{"Day":29,"Time":"2026-11-29T11:00:00Z"}}"#),
        ("{monthly: {day: 29, at: \"09:00\"}}", #"{"Monthly":{"Day":29,"Time":"2026-12-29T09:00:00Z"}}"#),
        ("{monthly: {day: 30, at: \"01:00-02:00\"}}", #"{"Monthly":{"Day":30,"Time":"2026-11-30T03:00:00Z"}}"#),
        ("{once: \"2026-12-01T04:30:00+02:00\"}", #"{"ExactlyOnce":{"Time":"2026-12-01T02:30:00Z"}}"#),
    ])
    func computed(value: String, wire: String) throws {
        let declared = try #require(Self.declared(value))
        #expect(try Self.wire(declared.computed(now: ManifestTestSupport.now)) == wire)
    }

    @Test("a monthly day missing from short months goes to the next month that has it, leap years included")
    func monthlyLeapDay() throws {
        // 2027-01-30: neither February 2027 nor the rest of January has a 29th that is still to come.
        let now = Date(timeIntervalSince1970: 1_801_267_200)
        let declared = try #require(Self.declared("{monthly: {day: 29, at: \"00:00\"}}", now: now))
        #expect(try Self.wire(declared.computed(now: now)) == #"{"Monthly":{"Day":29,"Time":"2027-03-29T00:00:00Z"}}"#)
        // 2028-01-30: 2028 is a leap year, so February has its 29th.
        let leap = Date(timeIntervalSince1970: 1_832_803_200)
        let february = try #require(Self.declared("{monthly: {day: 29, at: \"00:00\"}}", now: leap))
        #expect(try Self.wire(february.computed(now: leap)) == #"{"Monthly":{"Day":29,"Time":"2028-02-29T00:00:00Z"}}"#)
    }

    @Test("the normalised declared schedule treats equivalent forms alike", arguments: [
        ("immediate", "{immediate: true}"),
        ("{interval: 1h}", "{interval: 60m}"),
        ("{interval: 1d}", "{interval: 24h}"),
        ("{daily: {at: \"02:30+02:00\"}}", "{daily: {at: \"00:30Z\"}}"),
        ("{weekly: {days: [fri, mon], at: \"02:30\"}}", "{weekly: {days: [MON, Fri], at: \"02:30Z\"}}"),
        ("{weekly: {days: [fri], at: \"22:00-05:00\"}}", "{weekly: {days: [sat], at: \"03:00\"}}"),
    ])
    func normalisation(first: String, second: String) throws {
        let a = try #require(Self.declared(first))
        let b = try #require(Self.declared(second))
        #expect(a.normalized == b.normalized)
    }
}
