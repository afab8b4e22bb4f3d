import LocatedDecoding

/// The messages of planning, each written once.
enum PlanMessage {
    static func unknownJobType(_ name: String, known: [String]) -> String {
        if let match = known.first(where: { $0.lowercased() == name.lowercased() }) {
            return "unknown job type '\(name)'; did you mean '\(match)'? (names are case-sensitive)"
        }
        if let near = Suggestion.nearest(to: name, in: known) {
            return "unknown job type '\(name)'; did you mean '\(near)'?"
        }
        return "unknown job type '\(name)'; the server has \(known.isEmpty ? "no custom job types" : known.sorted().joined(separator: ", "))"
    }

    static func unknownField(_ name: String, jobType: String, known: [String]) -> String {
        if let match = known.first(where: { $0.lowercased() == name.lowercased() }) {
            return "job type \(jobType) has no field '\(name)'; did you mean '\(match)'? (names are case-sensitive)"
        }
        if let near = Suggestion.nearest(to: name, in: known) {
            return "job type \(jobType) has no field '\(name)'; did you mean '\(near)'?"
        }
        return "job type \(jobType) has no field '\(name)'; its fields are \(known.isEmpty ? "none" : known.joined(separator: ", "))"
    }

    static func scheduledJobsUnreadable(_ jobType: String, reason: String) -> String {
        "cannot read the server's scheduled \(jobType) jobs (\(reason)), so its recurring jobs were not checked for drift "
            + "and none is adopted; give the account read access to GET /OrchestratorJobs/ScheduledJobs (kfjobs doctor checks it)"
    }

    static func missingRequired(_ name: String, jobType: String) -> String {
        "job type \(jobType) requires field '\(name)', which has no default; add it under fields"
    }

    /// `shown` is the value as the message names it: `'4k'`, or for a template that depends on the
    /// agent, `'${agent.Version}' renders to values that are` ... so one message covers every agent.
    static func notAnInteger(_ shown: String, field: String) -> String {
        "field '\(field)' is an Integer, but \(shown) not a 64-bit whole number"
    }

    static func notABoolean(_ shown: String, raw: String, field: String) -> String {
        let hint = ["yes", "no", "on", "off", "y", "n", "1", "0"].contains(raw.lowercased())
            ? " (YAML 1.1's yes/no/on/off are not booleans here)" : ""
        return "field '\(field)' is a Boolean, but \(shown) not true or false\(hint); write true or false"
    }

    static func notADateTime(_ shown: String, field: String) -> String {
        "field '\(field)' is a DateTime, but \(shown) not an ISO 8601 date-time; write e.g. 2026-12-01T02:30:00Z"
    }

    static func shownValue(_ value: String) -> String { "'\(value)' is" }

    static func shownTemplate(_ template: String) -> String { "'\(template)' renders to values that are" }

    static let shownSecret = "the value is"

    static func unknownFieldType(_ type: String, field: String, jobType: String) -> String {
        "field '\(field)' of job type \(jobType) has \(type), which kfjobs does not know; its value is sent as text, unchecked"
    }

    static func tooFewAgents(_ eligible: Int, min: Int, matched: Int) -> String {
        if matched == 0 {
            return "the selector matches no orchestrator (at least \(min) expected); check it for a typo, or lower expect.min"
        }
        return "only \(eligible) eligible orchestrator\(eligible == 1 ? "" : "s") of \(matched) matched (at least \(min) expected); see the exclusions, or lower expect.min"
    }

    static func tooManyAgents(_ eligible: Int, max: Int) -> String {
        "\(eligible) eligible orchestrators, more than expect.max \(max); narrow the selector, or raise expect.max"
    }

    static func unknownAgentId(_ id: String) -> String {
        "no orchestrator has AgentId \(id)"
    }

    static func unknownClientMachine(_ name: String) -> String {
        "no orchestrator is named '\(name)'"
    }

    static func ambiguousClientMachine(_ name: String, count: Int) -> String {
        "\(count) eligible orchestrators are named '\(name)'; use ids to pick one"
    }

    static func queryRejected(_ message: String) -> String {
        "the server rejected this query: \(message)"
    }

    static func onAgents(_ count: Int, example: String) -> String {
        count == 1 ? " (orchestrator \(example))" : " (on \(count) orchestrators, e.g. \(example))"
    }
}
