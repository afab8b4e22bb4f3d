extension CustomJobRequest {
    /// The request's body in `casing`: the JSON value `KeyfactorJSON.encoder(casing:)` writes for
    /// it, written directly (the body is encoded once per job; a test holds the two to the same value).
    public func jsonBody(casing: KeyCasing = .pascal) -> [UInt8] {
        var json = JSONWriter(capacity: 160 + jobFields.count * 48)
        json.begin()
        json.member(casing.spelling("AgentId"), agentId)
        json.member(casing.spelling("JobTypeName"), jobTypeName)
        json.key(casing.spelling("Schedule"))
        schedule.write(to: &json, casing: casing)
        json.member(casing.spelling("JobFields"), jobFields)
        json.end()
        return json.bytes
    }
}

extension Schedule {
    /// Writes the schedule as an object holding its one form, as `encode(to:)` does.
    func write(to json: inout JSONWriter, casing: KeyCasing) {
        json.begin()
        switch self {
        case .immediate:
            json.member(casing.spelling("Immediate"), true)
        case .interval(let minutes):
            json.member(casing.spelling("Interval")) { $0.member(casing.spelling("Minutes"), minutes) }
        case .daily(let time):
            json.member(casing.spelling("Daily")) { $0.member(casing.spelling("Time"), KeyfactorDate.format(time)) }
        case .weekly(let days, let time):
            json.member(casing.spelling("Weekly")) {
                $0.member(casing.spelling("Days"), days)
                $0.member(casing.spelling("Time"), KeyfactorDate.format(time))
            }
        case .monthly(let day, let time):
            json.member(casing.spelling("Monthly")) {
                $0.member(casing.spelling("Day"), day)
                $0.member(casing.spelling("Time"), KeyfactorDate.format(time))
            }
        case .exactlyOnce(let time):
            json.member(casing.spelling("ExactlyOnce")) { $0.member(casing.spelling("Time"), KeyfactorDate.format(time)) }
        }
        json.end()
    }
}
