import Diagnostics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LocatedDecoding
import YAMLTree

extension ManifestDecoding {
    /// A `schedule` value: `immediate`, or a mapping with exactly one of the six forms.
    mutating func schedule(_ node: YAMLNode, now: Date) -> DeclaredSchedule? {
        if let text = node.text, !node.isNull {
            if text == "immediate" { return .immediate }
            error(ManifestMessage.unknownScheduleScalar(text), at: node.location)
            return nil
        }
        guard let pairs = node.mapping else {
            error(DecodingMessage.wrongShape("schedule", expected: "immediate or a mapping", found: node.kindDescription), at: node.location)
            return nil
        }
        var chosen: YAMLPair?
        var valid = true
        for pair in pairs {
            guard let key = pair.key.text, !pair.key.isNull else {
                error(DecodingMessage.nonScalarKey(found: pair.key.kindDescription), at: pair.key.location)
                valid = false
                continue
            }
            guard ManifestMessage.scheduleForms.contains(key) else {
                error(ManifestMessage.unknownScheduleForm(key), at: pair.key.location)
                valid = false
                continue
            }
            if let first = chosen, let firstKey = first.key.text {
                if firstKey != key { error(ManifestMessage.scheduleTwo(firstKey, key), at: pair.key.location) }
                valid = false
                continue
            }
            chosen = pair
        }
        guard let pair = chosen else {
            if valid { error(ManifestMessage.scheduleNone, at: node.location) }
            return nil
        }
        let form = scheduleForm(pair, now: now)
        return valid ? form : nil
    }

    private mutating func scheduleForm(_ pair: YAMLPair, now: Date) -> DeclaredSchedule? {
        let value = pair.value
        switch pair.key.text ?? "" {
        case "immediate":
            guard let text = scalar(value, what: "immediate") else { return nil }
            guard text.lowercased() == "true" else {
                error(ManifestMessage.immediateNotTrue(text), at: value.location)
                return nil
            }
            return .immediate
        case "interval":
            guard let text = scalar(value, what: "interval") else { return nil }
            return duration(text, what: "interval", at: value.location).map { .interval(minutes: $0) }
        case "daily":
            guard let keys = mapping(value, what: "daily", context: "daily", known: ["at"], required: ["at"]),
                let at = keys["at"].flatMap({ timeOfDay($0.value) })
            else { return nil }
            return .daily(at: at)
        case "weekly":
            guard let keys = mapping(value, what: "weekly", context: "weekly", known: ["days", "at"], required: ["days", "at"]) else { return nil }
            let days = keys["days"].flatMap { weekdays($0.value) }
            let at = keys["at"].flatMap { timeOfDay($0.value) }
            guard let days, let at else { return nil }
            return .weekly(days: days, at: at)
        case "monthly":
            guard let keys = mapping(value, what: "monthly", context: "monthly", known: ["day", "at"], required: ["day", "at"]) else { return nil }
            let day = keys["day"].flatMap { monthDay($0.value) }
            let at = keys["at"].flatMap { timeOfDay($0.value) }
            guard let day, let at, let atNode = keys["at"]?.value else { return nil }
            guard at.utc.dayShift == 0 else {
                error(ManifestMessage.monthlyCrossesMidnight(at), at: atNode.location)
                return nil
            }
            return .monthly(day: day, at: at)
        case "once":
            guard let text = scalar(value, what: "once") else { return nil }
            guard let date = instant(text, at: value.location) else { return nil }
            guard date > now else {
                error(ManifestMessage.onceInPast(text, now: UTCCalendar.iso8601(now)), at: value.location)
                return nil
            }
            return .once(date)
        default:
            return nil
        }
    }

    /// `90m`, `2h`, `1d`: one number and one unit; the minutes it stands for.
    mutating func duration(_ text: String, what: String, at location: SourceLocation) -> Int? {
        switch Self.parseDuration(text) {
        case .success(let minutes):
            return minutes
        case .failure(let problem):
            let message = switch problem {
            case .compound(let minutes): ManifestMessage.compoundDuration(what, text, minutes: minutes)
            case .noUnit: ManifestMessage.durationWithoutUnit(what, text)
            case .tooShort: ManifestMessage.durationTooShort(what, text)
            case .tooLong: ManifestMessage.durationTooLong(what, text)
            case .invalid: ManifestMessage.invalidDuration(what, text)
            }
            error(message, at: location)
            return nil
        }
    }

    enum DurationProblem: Error {
        case compound(minutes: Int), noUnit, tooShort, tooLong, invalid
    }

    static func parseDuration(_ text: String) -> Result<Int, DurationProblem> {
        // Split into (number, unit) runs, so that `1h30m` can be recognised and its sum suggested.
        var runs: [(number: Int, unit: String)] = []
        var digits = "", unit = ""
        for character in text {
            if character.isASCII && character.isNumber {
                if !unit.isEmpty {
                    guard let number = Int(digits) else { return .failure(.tooLong) }
                    runs.append((number, unit))
                    digits = ""
                    unit = ""
                }
                digits.append(character)
            } else if character.isASCII && character.isLetter && !digits.isEmpty {
                unit.append(character)
            } else {
                return .failure(.invalid)
            }
        }
        guard !digits.isEmpty else { return .failure(.invalid) }
        guard let last = Int(digits) else { return .failure(.tooLong) }
        if unit.isEmpty {
            return runs.isEmpty ? .failure(.noUnit) : .failure(.invalid)
        }
        runs.append((last, unit))
        let perUnit = ["m": 1, "h": 60, "d": 1440]
        var total = 0
        for run in runs {
            guard let factor = perUnit[run.unit] else { return .failure(.invalid) }
            let (product, overflow) = run.number.multipliedReportingOverflow(by: factor)
            let (sum, overflowSum) = total.addingReportingOverflow(product)
            guard !overflow, !overflowSum, sum <= Int(Int32.max) else { return .failure(.tooLong) }
            total = sum
        }
        if runs.count > 1 { return .failure(.compound(minutes: total)) }
        return total >= 1 ? .success(total) : .failure(.tooShort)
    }

    /// `HH:MM`, optionally followed by `Z` or `±HH:MM`.
    mutating func timeOfDay(_ node: YAMLNode) -> TimeOfDay? {
        guard let text = scalar(node, what: "at") else { return nil }
        switch Self.parseTimeOfDay(text) {
        case .success(let time):
            return time
        case .failure(let problem):
            error(problem == .range ? ManifestMessage.timeOutOfRange(text) : ManifestMessage.invalidTime(text), at: node.location)
            return nil
        }
    }

    enum TimeProblem: Error { case format, range }

    static func parseTimeOfDay(_ text: String) -> Result<TimeOfDay, TimeProblem> {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 5, let hour = twoDigitNumber(scalars, 0), scalars[2] == ":",
            let minute = twoDigitNumber(scalars, 3)
        else { return .failure(.format) }
        var offset = 0
        let zone = Array(scalars[5...])
        if zone == ["Z"] {
            offset = 0
        } else if zone.count == 6, zone[0] == "+" || zone[0] == "-", let offsetHour = twoDigitNumber(zone, 1), zone[3] == ":",
            let offsetMinute = twoDigitNumber(zone, 4)
        {
            guard offsetHour <= 23, offsetMinute <= 59 else { return .failure(.range) }
            offset = (offsetHour * 60 + offsetMinute) * (zone[0] == "-" ? -1 : 1)
        } else if !zone.isEmpty {
            return .failure(.format)
        }
        guard hour <= 23, minute <= 59 else { return .failure(.range) }
        return .success(TimeOfDay(hour: hour, minute: minute, offsetMinutes: offset))
    }

    static func twoDigitNumber(_ scalars: [Unicode.Scalar], _ start: Int) -> Int? {
        guard start + 1 < scalars.count else { return nil }
        let digits = scalars[start...start + 1]
        guard digits.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1.value - 48) }
    }

    private mutating func weekdays(_ node: YAMLNode) -> [Weekday]? {
        guard let items = sequence(node, what: "days") else { return nil }
        var days: [Weekday: SourceLocation] = [:]
        var valid = true
        for item in items {
            guard let text = scalar(item, what: "a weekday") else {
                valid = false
                continue
            }
            guard let day = Weekday(shortName: text) else {
                error(ManifestMessage.invalidWeekday(text), at: item.location)
                valid = false
                continue
            }
            if let first = days[day] {
                error(ManifestMessage.duplicateWeekday(text), at: item.location, notes: [.init(ManifestMessage.firstDefinedHere, at: first)])
                valid = false
                continue
            }
            days[day] = item.location
        }
        return valid ? days.keys.sorted() : nil
    }

    private mutating func monthDay(_ node: YAMLNode) -> Int? {
        guard let text = scalar(node, what: "day") else { return nil }
        guard text.count <= 2, text.allSatisfy({ $0.isASCII && $0.isNumber }), let day = Int(text), (1...31).contains(day) else {
            error(ManifestMessage.invalidMonthDay(text), at: node.location)
            return nil
        }
        return day
    }

    /// An ISO 8601 date and time with a zone: `YYYY-MM-DDTHH:MM[:SS]` then `Z` or `±HH:MM`.
    mutating func instant(_ text: String, at location: SourceLocation) -> Date? {
        switch Self.parseInstant(text) {
        case .success(let date):
            return date
        case .failure(let problem):
            error(problem == .noZone ? ManifestMessage.instantWithoutZone(text) : ManifestMessage.invalidInstant(text), at: location)
            return nil
        }
    }

    enum InstantProblem: Error { case format, noZone }

    static func parseInstant(_ text: String) -> Result<Date, InstantProblem> {
        let s = Array(text.unicodeScalars)
        guard s.count >= 16, let y1 = twoDigitNumber(s, 0), let y2 = twoDigitNumber(s, 2), s[4] == "-",
            let month = twoDigitNumber(s, 5), s[7] == "-", let day = twoDigitNumber(s, 8), s[10] == "T" || s[10] == "t",
            let hour = twoDigitNumber(s, 11), s[13] == ":", let minute = twoDigitNumber(s, 14)
        else { return .failure(.format) }
        var index = 16
        var second = 0
        if index < s.count, s[index] == ":" {
            guard let value = twoDigitNumber(s, index + 1) else { return .failure(.format) }
            second = value
            index += 3
        }
        let year = y1 * 100 + y2
        guard (1...12).contains(month), (1...UTCCalendar.daysInMonth(year: year, month: month)).contains(day),
            hour <= 23, minute <= 59, second <= 59
        else { return .failure(.format) }
        guard index < s.count else { return .failure(.noZone) }
        guard case .success(let zone) = parseTimeOfDay("00:00" + String(String.UnicodeScalarView(s[index...]))) else {
            return .failure(.format)
        }
        let days = UTCCalendar.days(year: year, month: month, day: day)
        let seconds = Double(days) * 86_400 + Double(hour * 3600 + minute * 60 + second) - Double(zone.offsetMinutes * 60)
        return .success(Date(timeIntervalSince1970: seconds))
    }
}
