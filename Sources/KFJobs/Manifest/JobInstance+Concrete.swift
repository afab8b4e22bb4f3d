import KFJobsManifest

extension JobInstance {
    /// Renders `${agent.*}` for one agent, and computes the job's key and fingerprint.
    public func concrete(for agent: AgentAttributes) -> ConcreteJob {
        let fields = fields.map { field in
            let rendered = field.value.substituting { variable in
                variable.namespace == .agent ? agent.value(of: variable.name) : nil
            }
            return ConcreteField(
                name: field.name.value, value: rendered.literalText ?? rendered.sourceText, isSensitive: field.isSensitive,
                nameLocation: field.name.location, valueLocation: field.valueLocation)
        }
        return ConcreteJob(
            key: key(agentId: agent.agentId),
            fingerprint: JobFingerprint.compute(jobType: jobType.value, schedule: declaredSchedule.value, fields: fields),
            manifestName: manifestName, jobName: jobName, agentId: agent.agentId, clientMachine: agent.clientMachine,
            jobTypeName: jobType.value, declaredSchedule: declaredSchedule.value, schedule: schedule, fields: fields)
    }
}
