import KFJobsManifest

extension JobInstance {
    /// The instance's fields with `${agent.*}` rendered for one agent, in declaration order.
    public func renderedFields(for agent: AgentAttributes) -> [ConcreteField] {
        fields.map { field in
            let rendered = field.value.substituting { variable in
                variable.namespace == .agent ? agent.value(of: variable.name) : nil
            }
            return ConcreteField(
                name: field.name.value, value: rendered.literalText ?? rendered.sourceText, isSensitive: field.isSensitive,
                nameLocation: field.name.location, valueLocation: field.valueLocation)
        }
    }

    /// The concrete job for one agent with these fields, its key and fingerprint computed: the only
    /// place a fingerprint is computed. The planner passes the fields in canonical form (as validated
    /// against the job type), so the fingerprint does not depend on how a value was spelled.
    public func concrete(for agent: AgentAttributes, fields: [ConcreteField]) -> ConcreteJob {
        let identity = JobIdentity(
            key: key(agentId: agent.agentId),
            fingerprint: JobFingerprint.compute(jobType: jobType.value, schedule: declaredSchedule.value, fields: fields),
            manifest: manifestName, job: jobName, agentId: agent.agentId, clientMachine: agent.clientMachine,
            jobTypeName: jobType.value)
        return ConcreteJob(identity: identity, declaredSchedule: declaredSchedule.value, schedule: schedule, fields: fields)
    }

    /// The concrete job for one agent with its fields as rendered, before any job type is known.
    public func concrete(for agent: AgentAttributes) -> ConcreteJob {
        concrete(for: agent, fields: renderedFields(for: agent))
    }
}
