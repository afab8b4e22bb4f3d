#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire

/// A plan as JSON (`plan --output json`, `plan --out FILE`): schema `schemas/kfjobs-plan.schema.json`.
///
/// Secret values appear as `***`; a saved plan is therefore a record of intent that `apply --plan`
/// re-derives from its inputs and compares, never a container of credentials.
public struct PlanDocument: Codable, Sendable {
    /// Counts of the plan, for a glance and for CI gates.
    public struct Summary: Codable, Sendable, Hashable {
        public var submit: Int
        public var skip: Int
        public var adopt: Int
        public var replace: Int
        public var recreate: Int
        public var resubmit: Int
        public var unschedule: Int
        public var excluded: Int
        public var agents: Int
        public var errors: Int
        public var warnings: Int
        public var maxJobs: Int
        public var overMaxJobs: Bool
    }

    /// One concrete job and what apply does with it.
    public struct Job: Codable, Sendable, Hashable {
        public var key: String
        public var fingerprint: String
        public var action: Plan.Action.Kind
        public var manifest: String
        public var job: String
        public var agentId: String
        public var clientMachine: String
        public var jobTypeName: String
        /// The body apply sends, in PascalCase as on the wire, secrets as `***`.
        public var request: CustomJobRequest
        public var existingJobId: String?
        public var reconcile: Bool?

        /// The document's flat members of a planned job.
        init(identity: JobIdentity, action: Plan.Action.Kind, request: CustomJobRequest, existingJobId: String?, reconcile: Bool?) {
            key = identity.key
            fingerprint = identity.fingerprint
            self.action = action
            manifest = identity.manifest
            job = identity.job
            agentId = identity.agentId
            clientMachine = identity.clientMachine
            jobTypeName = identity.jobTypeName
            self.request = request
            self.existingJobId = existingJobId
            self.reconcile = reconcile
        }
    }

    /// A problem found while planning, located when it has a place in an input.
    public struct Problem: Codable, Sendable, Hashable {
        public var severity: String
        public var file: String?
        public var line: Int?
        public var column: Int?
        public var message: String
    }

    public var v = 1
    public var server: String
    public var createdAt: String
    /// The `--resubmit` token the plan was made with; `apply --plan` must be given the same.
    public var resubmitToken: String?
    public var inputs: [LedgerRecord.InputDigest]
    public var summary: Summary
    public var jobs: [Job]
    public var excluded: [Plan.Exclusion]
    public var definitions: [Plan.Definition]
    public var diagnostics: [Problem]

    public init(plan: Plan, inputs: [LedgerRecord.InputDigest], maxJobs: Int, createdAt: Date) {
        let counts = plan.actionCounts
        server = plan.server
        self.createdAt = LedgerTime.format(createdAt)
        self.inputs = inputs
        resubmitToken = plan.resubmitToken
        summary = Summary(
            submit: counts[.submit] ?? 0, skip: counts[.skip] ?? 0, adopt: counts[.adopt] ?? 0,
            replace: counts[.replace] ?? 0, recreate: counts[.recreate] ?? 0, resubmit: counts[.resubmit] ?? 0,
            unschedule: counts[.unschedule] ?? 0, excluded: plan.excluded.count,
            agents: plan.targetedAgentCount, errors: plan.errorCount,
            warnings: plan.diagnostics.filter { $0.severity == .warning }.count,
            maxJobs: maxJobs, overMaxJobs: plan.requestCount > maxJobs)
        jobs = plan.jobs.map { job in
            Job(identity: job.identity, action: job.action.kind, request: job.redactedRequest, existingJobId: job.action.existingJobId,
                reconcile: job.reconcileSince == nil ? nil : true)
        }
        excluded = plan.excluded
        definitions = plan.definitions
        diagnostics = plan.diagnostics.map { diagnostic in
            Problem(severity: diagnostic.severity.rawValue, file: diagnostic.location?.file, line: diagnostic.location?.line,
                    column: diagnostic.location?.column, message: diagnostic.message)
        }
    }

    /// Pretty, sorted-key JSON with unescaped slashes; requests in PascalCase.
    public func encoded() throws -> Data {
        let encoder = KeyfactorJSON.encoder(casing: .pascal, sortedKeys: true)
        encoder.outputFormatting.insert(.prettyPrinted)
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> PlanDocument {
        try KeyfactorJSON.decoder().decode(PlanDocument.self, from: data)
    }
}
