/// Every message the fleet decoder gives, each written once (lower case, no trailing period; the
/// shape checks it shares with the manifest decoder are `DecodingMessage`).
enum FleetMessage {
    static func noFleet(file: String) -> String {
        "no fleet in \(file)"
    }

    static func parameterSpelling(_ text: String, names: String) -> String {
        "parameterSpelling must be one of \(names), not '\(text)'"
    }

    static func forbiddenEndpoint(_ name: String) -> String {
        "forbidden lists endpoints (\(SimulatorDialect.endpointNames.joined(separator: ", "))), not '\(name)'"
    }

    static func clockSkew(_ text: String) -> String {
        "clockSkew must be a duration such as 10m or -90s, not '\(text)'"
    }

    static func notAValue(found: String) -> String {
        "expected a value, not \(found)"
    }

    static func wholeNumber(_ what: String, minimum: Int, _ text: String) -> String {
        "\(what) must be a whole number\(minimum > Int.min ? " of at least \(minimum)" : ""), not '\(text)'"
    }

    static func rate(_ what: String, _ text: String) -> String {
        "\(what) must be a number from 0 to 1 (or a percentage), not '\(text)'"
    }

    static func bool(_ text: String) -> String {
        "expected true or false, not '\(text)'"
    }

    static func duration(_ text: String) -> String {
        "expected a duration such as 500ms, 2s, 5m, 1h or 7d (at most 36500d), not '\(text)'"
    }

    static func guid(_ text: String) -> String {
        "'\(text)' is not a GUID"
    }

    static func apiVersion(_ text: String) -> String {
        "apiVersion must be kfjobs/v1, not '\(text)'"
    }

    static func kind(_ text: String) -> String {
        "kind must be SimulatorFleet, not '\(text)'"
    }

    static func tooManyAgents(limit: Int) -> String {
        "the fleet would have more than \(limit) agents (listed and generated together)"
    }

    static func duplicateAgentId(_ agentId: String, clientMachine: String) -> String {
        "agent id \(agentId) of \(clientMachine) is used twice"
    }

    static func apiPath() -> String {
        "apiPath must be a path such as /KeyfactorAPI"
    }

    static func casing(_ text: String) -> String {
        "casing must be pascal or camel, not '\(text)'"
    }

    static func latency() -> String {
        "latency must be a duration such as 20ms or a range such as 5ms..50ms"
    }

    static func ratesOverOne() -> String {
        "failRate, throttleRate, dropRate and hangRate add up to more than 1"
    }

    static func duplicateJobType(_ name: String) -> String {
        "job type \(name) is defined twice"
    }

    static func duplicateField(_ name: String) -> String {
        "field \(name) is defined twice"
    }

    static func fieldType(_ text: String) -> String {
        "type must be String, Integer, DateTime or Boolean (or 1-5), not '\(text)'"
    }

    static func badDefault(_ text: String, type: String) -> String {
        "the default '\(text)' is not a valid \(type)"
    }

    static func platform(names: [String]) -> String {
        "platform must be a number 0-7 or one of \(names.joined(separator: ", "))"
    }

    static func status(_ text: String) -> String {
        "status must be new, approved, disapproved or a number 1-4, not '\(text)'"
    }

    static func lastSeen() -> String {
        "lastSeen must be an ISO 8601 time or an age such as 30m, 2h or 7d"
    }

    static func countTooLarge(limit: Int) -> String {
        "count must be at most \(limit)"
    }

    static func namePattern() -> String {
        "name must contain {index} or {index:0N} (N digits), as in node-{index:05}"
    }

    static func startOverflow() -> String {
        "start + count must stay below \(Int.max)"
    }
}
