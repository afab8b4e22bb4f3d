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
            json.key(casing.spelling("Interval"))
            json.begin()
            json.member(casing.spelling("Minutes"), minutes)
            json.end()
        case .daily(let time):
            json.key(casing.spelling("Daily"))
            json.begin()
            json.member(casing.spelling("Time"), KeyfactorDate.format(time))
            json.end()
        case .weekly(let days, let time):
            json.key(casing.spelling("Weekly"))
            json.begin()
            json.member(casing.spelling("Days"), days)
            json.member(casing.spelling("Time"), KeyfactorDate.format(time))
            json.end()
        case .monthly(let day, let time):
            json.key(casing.spelling("Monthly"))
            json.begin()
            json.member(casing.spelling("Day"), day)
            json.member(casing.spelling("Time"), KeyfactorDate.format(time))
            json.end()
        case .exactlyOnce(let time):
            json.key(casing.spelling("ExactlyOnce"))
            json.begin()
            json.member(casing.spelling("Time"), KeyfactorDate.format(time))
            json.end()
        }
        json.end()
    }
}
