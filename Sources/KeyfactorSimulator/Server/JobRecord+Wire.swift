extension JobRecord {
    var fieldsJSON: JSONOutput {
        .array(fields.map { .object([("JobTypeField", .string($0.name)), ("Value", .optional($0.value))]) })
    }

    /// The response of `POST /OrchestratorJobs/Custom`, exactly API.md's shape.
    var creationJSON: JSONOutput {
        .object([
            ("JobId", .string(jobId)),
            ("OrchestratorId", .string(agentId)),
            ("JobTypeName", .string(jobTypeName)),
            ("Schedule", schedule.json),
            ("JobFields", fieldsJSON),
            ("RequestTimestamp", .string(ISO8601.format(requestTimestamp))),
        ])
    }

    /// A row of `GET /OrchestratorJobs/ScheduledJobs`.
    var scheduledJSON: JSONOutput {
        .object([
            ("Id", .string(jobId)),
            ("ClientMachine", .string(clientMachine)),
            ("Target", .null),
            ("Schedule", schedule.json),
            ("Requested", .string(ISO8601.format(requestTimestamp))),
            ("JobType", .string(jobTypeName)),
        ])
    }

    /// A row of the inspection endpoint `GET /_simulator/jobs`.
    var inspectionJSON: JSONOutput {
        .object([
            ("JobId", .string(jobId)),
            ("AgentId", .string(agentId)),
            ("ClientMachine", .string(clientMachine)),
            ("JobTypeName", .string(jobTypeName)),
            ("Schedule", schedule.json),
            ("JobFields", fieldsJSON),
            ("RequestTimestamp", .string(ISO8601.format(requestTimestamp))),
            ("State", .string(state.rawValue)),
            ("JobHistoryId", jobHistoryId.map(JSONOutput.int) ?? .null),
        ])
    }

    /// What ScheduledJobs can be queried and sorted on (AgentId too, though rows do not show it, so
    /// that a client can look for its own job after a lost answer).
    static let queryFields = QueryFieldSet<JobRecord>(
        [
            QueryField("Id", .string) { .string($0.jobId) },
            QueryField("AgentId", .string) { .string($0.agentId) },
            QueryField("ClientMachine", .string) { .string($0.clientMachine) },
            QueryField("JobType", .string) { .string($0.jobTypeName) },
            QueryField("Requested", .date) { .date($0.requestTimestamp) },
            QueryField("ScheduleType", .string) { .string($0.schedule.typeName) },
            QueryField("Target", .string) { _ in .string(nil) },
        ],
        aliases: ["JobId": "Id", "JobTypeName": "JobType", "RequestTimestamp": "Requested"]
    )
}

extension HistoryRecord {
    var json: JSONOutput {
        .object([
            ("JobHistoryId", .int(jobHistoryId)),
            ("AgentMachine", .string(clientMachine)),
            ("JobId", .string(jobId)),
            ("Schedule", schedule.json),
            ("JobType", .string(jobType)),
            ("OperationStart", .string(ISO8601.format(operationStart))),
            ("OperationEnd", .string(ISO8601.format(operationEnd))),
            ("Message", .string(message)),
            ("Result", .int(Int64(result))),
            ("Status", .int(Int64(status))),
            ("StorePath", .null),
            ("ClientMachine", .string(clientMachine)),
        ])
    }

    static let queryFields = QueryFieldSet<HistoryRecord>(
        [
            QueryField("JobHistoryId", .number) { .number($0.jobHistoryId) },
            QueryField("AgentId", .string) { .string($0.agentId) },
            QueryField("AgentMachine", .string) { .string($0.clientMachine) },
            QueryField("ClientMachine", .string) { .string($0.clientMachine) },
            QueryField("JobId", .string) { .string($0.jobId) },
            QueryField("Result", .number) { .number(Int64($0.result)) },
            QueryField("Status", .number) { .number(Int64($0.status)) },
            QueryField("JobType", .string) { .string($0.jobType) },
            QueryField("Message", .string) { .string($0.message) },
            QueryField("OperationStart", .date) { .date($0.operationStart) },
            QueryField("OperationEnd", .date) { .date($0.operationEnd) },
            QueryField("ScheduleType", .string) { .string($0.schedule.typeName) },
        ],
        aliases: ["Agent": "AgentMachine"]
    )
}
