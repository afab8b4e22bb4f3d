extension SimulatedAgent {
    /// The Agent object of `GET /Agents`, keys in API.md's order.
    var json: JSONOutput {
        .object([
            ("AgentId", .string(agentId)),
            ("ClientMachine", .string(clientMachine)),
            ("Username", .string(username)),
            ("AgentPlatform", .int(Int64(platform))),
            ("Version", .string(version)),
            ("Status", .int(Int64(status))),
            ("LastSeen", .optional(lastSeen.map(ISO8601.format))),
            ("Capabilities", .array(capabilities.map(JSONOutput.string))),
            ("Blueprint", .optional(blueprint)),
            ("Thumbprint", .optional(thumbprint)),
            ("LegacyThumbprint", .null),
            ("AuthCertificateReenrollment", .null),
            ("LastThumbprintUsed", .optional(thumbprint)),
            ("LastErrorCode", .int(lastErrorCode)),
            ("LastErrorMessage", .optional(lastErrorMessage)),
        ])
    }

    /// What `GET /Agents` can be queried and sorted on.
    static let queryFields = QueryFieldSet<SimulatedAgent>(
        [
            QueryField("AgentId", .string) { .string($0.agentId) },
            QueryField("ClientMachine", .string) { .string($0.clientMachine) },
            QueryField("Username", .string) { .string($0.username) },
            QueryField("AgentPlatform", .number) { .number(Int64($0.platform)) },
            QueryField("Version", .string) { .string($0.version) },
            QueryField("Status", .number) { .number(Int64($0.status)) },
            QueryField("LastSeen", .date) { .date($0.lastSeen) },
            QueryField("Capabilities", .list) { .list($0.capabilities) },
            QueryField("Blueprint", .string) { .string($0.blueprint) },
            QueryField("Thumbprint", .string) { .string($0.thumbprint) },
            QueryField("LastErrorCode", .number) { .number($0.lastErrorCode) },
            QueryField("LastErrorMessage", .string) { .string($0.lastErrorMessage) },
        ],
        aliases: ["Platform": "AgentPlatform", "Identity": "Username"]
    )
}

extension SimulatedJobType {
    var json: JSONOutput {
        .object([
            ("Id", .string(id)),
            ("JobTypeName", .string(name)),
            ("Description", .string(description)),
            (
                "JobTypeFields",
                .array(
                    fields.map { field in
                        .object([
                            ("Name", .string(field.name)),
                            ("Type", .int(Int64(field.type.rawValue))),
                            ("DefaultValue", .optional(field.defaultValue)),
                            ("Required", .bool(field.required)),
                        ])
                    })
            ),
        ])
    }

    static let queryFields = QueryFieldSet<SimulatedJobType>(
        [
            QueryField("Id", .string) { .string($0.id) },
            QueryField("JobTypeName", .string) { .string($0.name) },
            QueryField("Description", .string) { .string($0.description) },
        ],
        aliases: ["Name": "JobTypeName"]
    )
}
