import LocatedDecoding

/// Every message the manifest layer gives, each written once (lower case, no trailing period).
enum ManifestMessage {
    static func unknownKey(_ key: String, in context: String, known: [String]) -> String {
        "unknown key '\(key)' in \(context)" + Suggestion.didYouMean(key, in: known)
    }

    static func missingKey(_ key: String, in context: String) -> String {
        "missing required key '\(key)' in \(context)"
    }

    static func wrongShape(_ what: String, expected: String, found: String) -> String {
        "\(what) must be \(expected), not \(found)"
    }

    static func nonScalarKey(found: String) -> String {
        "a key must be a scalar, not \(found)"
    }

    static func tooManyProblems(_ limit: Int) -> String {
        "too many problems; the first \(limit) are shown, fix them and run again"
    }

    static func emptyKey() -> String {
        "a key must not be empty"
    }

    static func mergeKey() -> String {
        "merge keys (<<) are not supported; write the keys out, or use an anchor for the whole value"
    }

    static func tooManyInstances(limit: Int) -> String {
        "the manifests declare more than \(limit) jobs (each job times its matrix combinations); split them into several runs"
    }

    static func excludeTooLong(_ count: Int, limit: Int) -> String {
        "exclude has \(count) entries; at most \(limit) are allowed"
    }

    static func noManifest(file: String) -> String {
        "no manifest in \(file)"
    }

    static func apiVersion(_ found: String) -> String {
        "apiVersion must be kfjobs/v1, not '\(found)'"
    }

    static func kind(_ found: String) -> String {
        "kind must be JobManifest, not '\(found)'" + Suggestion.didYouMean(found, in: ["JobManifest"])
    }

    static func invalidName(_ name: String) -> String {
        "invalid name '\(name)': use lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters"
    }

    static func invalidIdentifier(_ name: String, of what: String) -> String {
        "invalid \(what) name '\(name)': use letters, digits, '_' and '-', starting with a letter or '_'"
    }

    static func duplicateJob(_ name: String) -> String {
        "duplicate job name '\(name)'"
    }

    static func duplicateManifest(_ name: String) -> String {
        "duplicate manifest name '\(name)'; manifest names must be unique across all inputs"
    }

    static let firstDefinedHere = "first defined here"

    static func empty(_ what: String) -> String {
        "\(what) must not be empty"
    }

    static func matrixTooLarge(_ count: Int, limit: Int) -> String {
        "matrix has \(count) combinations; at most \(limit) are allowed"
    }

    static func emptyList(_ what: String) -> String {
        "\(what) is an empty list; give at least one item"
    }

    static func nullField(_ name: String) -> String {
        "field '\(name)' is null; omit it to take the server's default"
    }

    static func nonScalarField(_ name: String, found: String) -> String {
        "field '\(name)' must be a scalar, not \(found)"
    }

    static func unknownSensitive(_ name: String, fields: [String]) -> String {
        "sensitive field '\(name)' is not among the job's fields" + Suggestion.didYouMean(name, in: fields)
    }

    // MARK: agents

    static let selectorNone = "agents needs exactly one of query, ids or clientMachines"

    static func selectorTwo(_ first: String, _ second: String) -> String {
        "agents has both \(first) and \(second); give exactly one"
    }

    static func notAnAgentId(_ text: String) -> String {
        "'\(text)' is not an agent id (a GUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6)"
    }

    static func duplicateSelectorItem(_ text: String, in what: String) -> String {
        "'\(text)' is listed twice in \(what)"
    }

    static func expectNumber(_ key: String, _ text: String) -> String {
        "expect.\(key) must be a whole number of at least 0, not '\(text)'"
    }

    static func expectOrder(min: Int, max: Int) -> String {
        "expect.min (\(min)) is greater than expect.max (\(max))"
    }

    // MARK: matrix

    static func emptyMatrix() -> String { "matrix has no keys; give at least one, or leave matrix out" }

    static func duplicateMatrixValue(_ value: String, key: String) -> String {
        "'\(value)' is listed twice in matrix.\(key)"
    }

    static func excludeWithoutMatrix() -> String { "exclude needs a matrix" }

    static func emptyExclude() -> String { "an exclude entry must name at least one matrix key" }

    static func excludeUnknownKey(_ key: String, keys: [String]) -> String {
        "exclude names '\(key)', which is not a matrix key" + Suggestion.didYouMean(key, in: keys)
    }

    static func excludeUnknownValue(_ value: String, key: String, values: [String]) -> String {
        "exclude value '\(value)' is not in matrix.\(key)" + Suggestion.didYouMean(value, in: values)
    }

    // MARK: schedules

    static let scheduleForms = ["immediate", "interval", "daily", "weekly", "monthly", "once"]

    static func unknownScheduleScalar(_ text: String) -> String {
        "unknown schedule '\(text)'; write immediate or a mapping with one of interval, daily, weekly, monthly, once"
    }

    static func unknownScheduleForm(_ key: String) -> String {
        "unknown schedule form '\(key)'" + Suggestion.didYouMean(key, in: scheduleForms)
    }

    static let scheduleNone = "a schedule needs one of immediate, interval, daily, weekly, monthly, once"

    static func scheduleTwo(_ first: String, _ second: String) -> String {
        "schedule has both \(first) and \(second); give exactly one"
    }

    static func immediateNotTrue(_ text: String) -> String {
        "immediate must be true, not '\(text)'; leave it out or write another schedule"
    }

    static func compoundDuration(_ what: String, _ text: String, minutes: Int) -> String {
        "\(what) '\(text)' must be one number and one unit (m, h or d); write \(minutes)m"
    }

    static func durationWithoutUnit(_ what: String, _ text: String) -> String {
        "\(what) '\(text)' needs a unit: m, h or d (e.g. \(text)m)"
    }

    static func durationTooShort(_ what: String, _ text: String) -> String {
        "\(what) must be at least 1m, not '\(text)'"
    }

    static func durationTooLong(_ what: String, _ text: String) -> String {
        "\(what) '\(text)' is too long"
    }

    static func invalidDuration(_ what: String, _ text: String) -> String {
        "invalid \(what) '\(text)': write one number and one unit, m, h or d (e.g. 90m)"
    }

    static func invalidTime(_ text: String) -> String {
        "invalid time '\(text)': write HH:MM (24-hour), optionally followed by Z or ±HH:MM"
    }

    static func timeOutOfRange(_ text: String) -> String {
        "time '\(text)' is out of range: hours go from 00 to 23, minutes from 00 to 59"
    }

    static func invalidWeekday(_ text: String) -> String {
        "unknown weekday '\(text)'; use mon, tue, wed, thu, fri, sat or sun"
            + Suggestion.didYouMean(text.lowercased(), in: Weekday.allCases.map(\.shortName))
    }

    static func duplicateWeekday(_ text: String) -> String {
        "weekday '\(text)' is listed twice"
    }

    static func invalidMonthDay(_ text: String) -> String {
        "day must be a number from 1 to 31, not '\(text)'"
    }

    static func monthlyCrossesMidnight(_ at: TimeOfDay) -> String {
        "monthly time \(at) falls on another day in UTC (\(at.inUTC)); write the time in UTC and adjust the day"
    }

    static func invalidInstant(_ text: String) -> String {
        "invalid time '\(text)': write an ISO 8601 date and time with a zone, e.g. 2026-12-01T02:30:00Z"
    }

    static func instantWithoutZone(_ text: String) -> String {
        "time '\(text)' has no zone; add Z (UTC) or an offset such as +02:00"
    }

    static func onceInPast(_ text: String, now: String) -> String {
        "once time '\(text)' is in the past (now is \(now))"
    }

    // MARK: templates

    static func unterminatedTemplate(_ text: String) -> String {
        "unterminated '${' in '\(text)'; write $${ for a literal ${"
    }

    static func malformedTemplate(_ reference: String) -> String {
        "invalid template variable '${\(reference)}'; write ${namespace.name}"
    }

    static func unknownNamespace(_ reference: String, namespace: String) -> String {
        "unknown template variable '\(reference)'; variables are agent.*, matrix.*, vars.*, manifest.name, job.name and env.*"
            + Suggestion.didYouMean(namespace, in: TemplateVariable.Namespace.allCases.map(\.rawValue))
    }

    static func unknownVariable(_ variable: TemplateVariable, known: [String], hint: String? = nil) -> String {
        let suggestion = Suggestion.didYouMean(variable.name, in: known)
        return "unknown template variable '\(variable)'" + (suggestion.isEmpty ? hint.map { "; \($0)" } ?? "" : suggestion)
    }

    static func agentInSelector(_ variable: TemplateVariable) -> String {
        "'\(variable)' cannot be used in an agent selector: the agents are not known until it is resolved"
    }

    static func envNotAllowed(_ variable: TemplateVariable) -> String {
        "'\(variable)' is not allowed; pass --allow-env \(variable.name) to use it"
    }

    static func envNotSet(_ name: String) -> String {
        "environment variable \(name) is not set"
    }
}
