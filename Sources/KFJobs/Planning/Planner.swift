#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KFJobsManifest
import KeyfactorAPI
import KeyfactorWire
import YAMLTree

/// Steps 3 to 6 of the pipeline: resolve job types and agents on the server (read-only), expand each
/// job instance over its eligible agents, validate every concrete job against its job type's fields,
/// and decide each job's action from the ledger and the server's scheduled jobs.
public struct Planner: Sendable {
    /// The normalised server identity the ledger is keyed by.
    public var server: String
    public var now: Date
    public var ledger: LedgerState
    /// Unschedule recurring jobs the ledger holds for these manifests that no job defines any more.
    public var prune: Bool
    /// Agent queries run at most this many at a time.
    public var queryConcurrency: Int
    /// `--resubmit TOKEN`: send again the immediate and run-once jobs the ledger holds as done, unless
    /// they were already sent under this token.
    public var resubmitToken: ResubmitToken?

    public init(
        server: String, now: Date, ledger: LedgerState = LedgerState(records: []), prune: Bool = false, queryConcurrency: Int = 8,
        resubmitToken: ResubmitToken? = nil
    ) {
        self.server = server
        self.now = now
        self.ledger = ledger
        self.prune = prune
        self.queryConcurrency = queryConcurrency
        self.resubmitToken = resubmitToken
    }

    /// The longest query string sent, in bytes: IIS refuses longer URLs.
    static let maxQueryBytes = 1_800

    /// Plans `instances` (all from `manifests`). Throws only when the server cannot be used at all
    /// (unreachable, credentials or permission refused); everything else is a diagnostic in the plan.
    public func plan(_ instances: [JobInstance], manifests: Set<String>, using api: some ServerReads) async throws(KeyfactorClientError) -> Plan {
        var tally = DiagnosticTally()
        let jobTypes = try await resolveJobTypes(using: api)
        let agentQueries = instances.flatMap(Self.queries(for:))
        let agentResults = try await fetchAgents(Array(Set(agentQueries)), using: api)
        let recurringTypes = Set(instances.filter { $0.declaredSchedule.value.isRecurring }.map(\.jobType.value))
        let pruneTypes = prune ? Set(pruneCandidates(manifests: manifests).compactMap(\.lastOutcome?.identity.jobTypeName)) : []
        // One read per job type, all pages: adoption, drift and pruning all work from it, so none of
        // them costs a request per job.
        let scheduled = await fetchScheduledJobs(Array(recurringTypes.union(pruneTypes)).sorted(), using: api)

        var plan = Plan(server: server)
        plan.resubmitToken = resubmitToken?.value
        var pending: [PendingDecision] = []
        for instance in instances {
            planInstance(instance, jobTypes: jobTypes, agentResults: agentResults, into: &plan, pending: &pending, tally: &tally)
        }
        for (type, reason) in scheduled.failures.sorted(by: { $0.key < $1.key }) {
            let location = instances.first { $0.jobType.value == type }?.jobType.location
            tally.add(.warning(PlanMessage.scheduledJobsUnreadable(type, reason: reason), at: location))
            plan.driftUncheckedJobTypes.append(type)
        }
        let adoption = decideActions(pending, scheduled: scheduled, into: &plan)
        if prune {
            // A job another key adopted (a job renamed, its definition unchanged) is kept, not pruned.
            let kept = adoption.claimed.union(plan.jobs.compactMap { $0.action.existingJobId?.lowercased() })
            planPrune(manifests: manifests, planned: Set(plan.jobs.map(\.key)), kept: kept, scheduled: scheduled.jobs, into: &plan)
        }
        plan.diagnostics = tally.diagnostics
        return plan
    }

    // MARK: - Resolve

    func resolveJobTypes(using api: some ServerReads) async throws(KeyfactorClientError) -> [String: CustomJobType] {
        var byName: [String: CustomJobType] = [:]
        for type in try await api.customJobTypes() { byName[type.jobTypeName] = type }
        // FetchLogs is built in: servers need not list it.
        if byName["FetchLogs"] == nil {
            byName["FetchLogs"] = CustomJobType(id: "", jobTypeName: "FetchLogs", description: "Fetch the orchestrator's logs", jobTypeFields: [])
        }
        return byName
    }

    /// The query strings that resolve an instance's selector: the query itself, or its ids or names
    /// OR-ed together in batches that keep each query under the URL limit.
    static func queries(for instance: JobInstance) -> [String] {
        queries(for: instance.selector)
    }

    static func queries(for selector: RenderedSelector) -> [String] {
        switch selector {
        case .query(let query):
            return [query.value]
        case .ids(let ids):
            return batched(ids.map { "AgentId -eq \"\($0.value.lowercased())\"" })
        case .clientMachines(let names):
            return batched(names.map { "ClientMachine -eq \"\($0.value)\"" })
        }
    }

    private static func batched(_ terms: [String]) -> [String] {
        var queries: [String] = []
        var current = ""
        for term in Set(terms).sorted() {
            if !current.isEmpty, current.utf8.count + term.utf8.count + 4 > maxQueryBytes {
                queries.append(current)
                current = ""
            }
            current += current.isEmpty ? term : " OR " + term
        }
        if !current.isEmpty { queries.append(current) }
        return queries
    }

    func fetchAgents(_ queries: [String], using api: some ServerReads) async throws(KeyfactorClientError) -> [String: Result<[Agent], QueryRejection>] {
        // A query the server refuses is the selector's problem (a diagnostic); any other failure
        // means the server cannot be used, and ends the plan.
        typealias Answer = Result<Result<[Agent], QueryRejection>, KeyfactorClientError>
        var results: [String: Result<[Agent], QueryRejection>] = [:]
        var failure: KeyfactorClientError?
        await withTaskGroup(of: (String, Answer).self) { group in
            var pending = queries.sorted()[...]
            func startNext() {
                guard let query = pending.popFirst() else { return }
                group.addTask {
                    do throws(KeyfactorClientError) {
                        return (query, .success(.success(try await api.agents(query: query))))
                    } catch {
                        guard let message = error.queryRejection else { return (query, .failure(error)) }
                        return (query, .success(.failure(QueryRejection(message: message))))
                    }
                }
            }
            for _ in 0..<queryConcurrency { startNext() }
            while let (query, answer) = await group.next() {
                switch answer {
                case .success(let result): results[query] = result
                case .failure(let error):
                    failure = failure ?? error
                    group.cancelAll()
                    pending = []
                }
                startNext()
            }
        }
        if let failure { throw failure }
        return results
    }

    struct QueryRejection: Error {
        var message: String
    }

    /// The agents a selector matched, and the ids or names it gave that matched none.
    struct SelectorMatch {
        /// Deduplicated by AgentId, by ClientMachine then AgentId; for `clientMachines`, only the named.
        var candidates: [Agent]
        var unknownIds: [Located<String>] = []
        var unknownNames: [Located<String>] = []
    }

    /// What the results of `queries(for: selector)` say about the selector: its match, the server's
    /// rejection of one of its queries, or `nil` when a query has no result.
    static func match(_ selector: RenderedSelector, in results: [String: Result<[Agent], QueryRejection>]) -> Result<SelectorMatch, QueryRejection>? {
        var matched: [String: Agent] = [:]
        for query in queries(for: selector) {
            switch results[query] {
            case .success(let agents)?:
                for agent in agents { matched[agent.agentId.lowercased()] = agent }
            case .failure(let rejection)?:
                return .failure(rejection)
            case nil:
                return nil
            }
        }
        var match = SelectorMatch(candidates: matched.values.sorted { ($0.clientMachine, $0.agentId) < ($1.clientMachine, $1.agentId) })
        switch selector {
        case .ids(let ids):
            match.unknownIds = ids.filter { matched[$0.value.lowercased()] == nil }
        case .clientMachines(let names):
            let wanted = Set(names.map { $0.value.lowercased() })
            match.candidates = match.candidates.filter { wanted.contains($0.clientMachine.lowercased()) }
            match.unknownNames = names.filter { name in !match.candidates.contains { $0.clientMachine.lowercased() == name.value.lowercased() } }
        case .query:
            break
        }
        return .success(match)
    }

    /// Scheduled jobs of the given types, for adopting identical recurring jobs, finding the ones the
    /// server lost, and pruning. A type that cannot be read is only adopted from, checked for drift
    /// and pruned less: submitting is still correct, so it is a warning, not an error.
    private func fetchScheduledJobs(_ jobTypes: [String], using api: some ServerReads) async -> ScheduledRead {
        await withTaskGroup(of: (String, Result<[ScheduledJob], KeyfactorClientError>).self) { group in
            for type in jobTypes {
                group.addTask {
                    do throws(KeyfactorClientError) {
                        return (type, .success(try await api.scheduledJobs(query: "JobType -eq \"\(type)\"")))
                    } catch {
                        return (type, .failure(error))
                    }
                }
            }
            var read = ScheduledRead()
            for await (type, result) in group {
                switch result {
                case .success(let jobs): read.add(jobs, of: type)
                case .failure(let error): read.failures[type] = error.queryRejection ?? "\(error)"
                }
            }
            read.jobs.sort { $0.id < $1.id }
            return read
        }
    }

    // MARK: - Expand, check, validate

    private func planInstance(
        _ instance: JobInstance, jobTypes: [String: CustomJobType], agentResults: [String: Result<[Agent], QueryRejection>],
        into plan: inout Plan, pending: inout [PendingDecision], tally: inout DiagnosticTally
    ) {
        let combination = instance.combination.bindings.isEmpty ? nil
            : instance.combination.bindings.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        guard let jobType = jobTypes[instance.jobType.value] else {
            tally.add(.error(PlanMessage.unknownJobType(instance.jobType.value, known: jobTypes.keys.sorted()), at: instance.jobType.location))
            return
        }

        let match: SelectorMatch
        switch Self.match(instance.selector, in: agentResults) {
        case .success(let found)?: match = found
        case .failure(let rejection)?:
            tally.add(.error(PlanMessage.queryRejected(rejection.message), at: instance.selectorLocation))
            return
        case nil: return
        }
        let candidates = match.candidates
        for id in match.unknownIds { tally.add(.error(PlanMessage.unknownAgentId(id.value), at: id.location)) }
        for name in match.unknownNames { tally.add(.error(PlanMessage.unknownClientMachine(name.value), at: name.location)) }

        var eligible: [Agent] = []
        for agent in candidates {
            if let reason = AgentEligibility.exclusionReason(agent, jobType: jobType.jobTypeName, lastSeenWithinSeconds: instance.lastSeenWithin, now: now) {
                plan.excluded.append(Plan.Exclusion(
                    manifest: instance.manifestName, job: instance.jobName, combination: combination,
                    agentId: agent.agentId, clientMachine: agent.clientMachine, reason: reason))
            } else {
                eligible.append(agent)
            }
        }
        if case .clientMachines(let names) = instance.selector {
            for name in names {
                let count = eligible.filter { $0.clientMachine.lowercased() == name.value.lowercased() }.count
                if count > 1 { tally.add(.error(PlanMessage.ambiguousClientMachine(name.value, count: count), at: name.location)) }
            }
        }

        plan.definitions.append(Plan.Definition(
            manifest: instance.manifestName, job: instance.jobName, combination: combination, jobTypeName: jobType.jobTypeName,
            schedule: instance.declaredSchedule.value.summary, matched: candidates.count, eligible: eligible.count))

        if eligible.count < instance.expectMin {
            tally.add(.error(PlanMessage.tooFewAgents(eligible.count, min: instance.expectMin, matched: candidates.count), at: instance.selectorLocation))
        } else if let max = instance.expectMax, eligible.count > max {
            tally.add(.error(PlanMessage.tooManyAgents(eligible.count, max: max), at: instance.selectorLocation))
        }

        let fieldsByName = Dictionary(jobType.jobTypeFields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for field in jobType.jobTypeFields {
            if case .unknown(let code) = field.type {
                tally.add(.warning(PlanMessage.unknownFieldType(field.type.displayName.isEmpty ? code : field.type.displayName, field: field.name, jobType: jobType.jobTypeName), at: instance.jobType.location))
            }
        }
        let given = Set(instance.fields.map(\.name.value))
        for field in jobType.jobTypeFields where field.required && (field.defaultValue ?? "").isEmpty && !given.contains(field.name) {
            tally.add(.error(PlanMessage.missingRequired(field.name, jobType: jobType.jobTypeName), at: instance.requiredFieldsLocation))
        }
        let agentDependent = Dictionary(
            instance.fields.filter { $0.value.variables.contains { $0.namespace == .agent } }.map { ($0.name.value, $0.value.sourceText) },
            uniquingKeysWith: { first, _ in first })
        let wireSchedule = instance.schedule

        for agent in eligible {
            let attributes = AgentAttributes(
                agentId: agent.agentId, clientMachine: agent.clientMachine, username: agent.username ?? "",
                version: agent.version ?? "", status: agent.status, agentPlatform: agent.agentPlatform)
            let rendered = instance.renderedFields(for: attributes)
            var jobFields: [String: String] = [:]
            var canonical: [ConcreteField] = []
            var valid = true
            for field in rendered {
                guard let definition = fieldsByName[field.name] else {
                    tally.add(.error(PlanMessage.unknownField(field.name, jobType: jobType.jobTypeName, known: jobType.jobTypeFields.map(\.name)), at: field.nameLocation))
                    valid = false
                    continue
                }
                switch FieldValueValidator.check(field.value, field: definition) {
                case .valid(let value):
                    jobFields[field.name] = value
                    var copy = field
                    copy.value = value
                    canonical.append(copy)
                case .invalid(let message):
                    // A secret's value is never echoed back; a value rendered per agent is named by its
                    // template, so that one message (with a count) covers every agent it fails on.
                    if field.isSensitive {
                        tally.add(.error(message(PlanMessage.shownSecret), at: field.valueLocation))
                    } else if let template = agentDependent[field.name] {
                        tally.add(.error(message(PlanMessage.shownTemplate(template)), at: field.valueLocation),
                                  agent: "\(agent.clientMachine), where it is '\(field.value)'")
                    } else {
                        tally.add(.error(message(PlanMessage.shownValue(field.value)), at: field.valueLocation))
                    }
                    valid = false
                }
            }
            guard valid, !tally.hasErrors else { continue }
            // The fingerprint is of the canonical values, so that `TRUE` and `true` are one definition.
            let concrete = instance.concrete(for: attributes, fields: canonical)
            let request = CustomJobRequest(agentId: agent.agentId, jobTypeName: jobType.jobTypeName, schedule: wireSchedule, jobFields: jobFields)
            // The action is decided once every job is known (`decideActions`): a job the ledger gives
            // to one planned key must not be adopted by another, whichever comes first.
            pending.append(PendingDecision(
                index: plan.jobs.count, recurring: request.schedule.recurringIdentity, declared: instance.declaredSchedule.value))
            plan.jobs.append(Plan.Job(
                identity: concrete.identity, action: .submit, request: request,
                sensitiveFields: Set(rendered.filter(\.isSensitive).map(\.name))))
        }
    }
}
