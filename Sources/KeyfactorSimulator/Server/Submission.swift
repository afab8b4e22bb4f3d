import Portability

/// A checked submission: the job type, its schedule and every field's value, defaults filled in.
struct Submission {
    var jobType: SimulatedJobType
    var schedule: JobSchedule
    var fields: [SimulatedFieldValue]

    /// Checks the parts of a request body that single and bulk submissions share, in the order a
    /// server would: job type, schedule, field names, field values, required fields.
    static func check(_ body: JSONInput, store: SimulatorStore) throws(SimulatorError) -> Submission {
        guard let name = body["JobTypeName"]?.scalarText, !name.isEmpty else {
            throw .badRequest("JobTypeName is required")
        }
        guard let jobType = store.jobType(named: name) else { throw .unknownJobType(name) }
        let schedule: JobSchedule
        switch JobSchedule.parse(body["Schedule"]) {
        case .success(let parsed): schedule = parsed
        case .failure(let error): throw error
        }
        var given: [String: String] = [:]
        switch body["JobFields"] {
        case nil, .null?:
            break
        case .object(let pairs)?:
            for (key, value) in pairs {
                // Field names bind case-insensitively, like the rest of the body.
                guard let field = jobType.fields.first(where: { $0.name == key })
                    ?? jobType.fields.first(where: { $0.name.lowercased() == key.lowercased() })
                else { throw .unknownField(key, jobType.name) }
                if value == .null { continue }
                guard let text = value.scalarText else {
                    throw .badFieldValue(field.name, value.kindName, field.type.displayName)
                }
                guard field.type.accepts(text) else { throw .badFieldValue(field.name, text, field.type.displayName) }
                given[field.name] = text
            }
        case let other?:
            throw .badRequest("JobFields must be an object of field names to values, not \(other.kindName)")
        }
        var fields: [SimulatedFieldValue] = []
        for field in jobType.fields {
            if let value = given[field.name] ?? field.defaultValue {
                fields.append(SimulatedFieldValue(name: field.name, value: value))
            } else if field.required {
                throw .missingField(field.name, jobType.name)
            }
        }
        return Submission(jobType: jobType, schedule: schedule, fields: fields)
    }

    /// Whether `agentId` may run this job: it exists, is approved and has any capability the type needs.
    func agent(_ agentId: String, in store: SimulatorStore) throws(SimulatorError) -> SimulatedAgent {
        guard let agent = store.agent(id: agentId) else { throw .unknownAgent(agentId) }
        guard agent.isApproved else { throw .agentNotApproved(agent.agentId, status: agent.status) }
        if let capability = jobType.requiredCapability, !agent.hasCapability(capability) {
            throw .missingCapability(agent.agentId, capability, jobType.name)
        }
        return agent
    }
}

extension SimulatedJobTypeField.FieldType {
    var displayName: String {
        switch self {
        case .string: "String"
        case .integer: "Integer"
        case .dateTime: "DateTime"
        case .boolean: "Boolean"
        case .unknown5: "value of type 5"
        }
    }

    /// Whether `text` parses as this type, as .NET's parsers would take it.
    func accepts(_ text: String) -> Bool {
        switch self {
        case .string, .unknown5: true
        case .integer: Int64(text.trimmingWhitespace()) != nil
        case .boolean: ["true", "false"].contains(text.trimmingWhitespace().lowercased())
        case .dateTime: ISO8601.parse(text.trimmingWhitespace()) != nil
        }
    }
}
