import KeyfactorWire
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension SimulatorResponder {
    /// The Keyfactor API endpoints, after authentication, header check and faults.
    func handleAPI(_ endpoint: Endpoint, id: String?, parameters: QueryParameters, body: [UInt8]) throws(SimulatorError)
        -> APIResponse
    {
        let casing = store.fleet.casing
        let now = store.clock.now
        switch endpoint {
        case .agents:
            return try list(endpoint, store.agents, SimulatedAgent.queryFields, parameters, defaultSort: "AgentId", now: now, views: store.agentViews) {
                $0.json
            }
        case .agent:
            guard let id, let agent = store.agent(id: id) else {
                throw .notFound("orchestrator \(id ?? "") does not exist")
            }
            return .json(agent.json, casing: casing)
        case .jobTypes:
            let types = store.fleet.jobTypes
            return try list(endpoint, types, SimulatedJobType.queryFields, parameters, defaultSort: "JobTypeName", now: now) { $0.json }
        case .createJob:
            let request = try Self.object(body)
            let submission = try Submission.check(request, store: store)
            guard let agentId = request["AgentId"]?.scalarText, !agentId.isEmpty else {
                throw .badRequest("AgentId is required")
            }
            let agent = try submission.agent(agentId, in: store)
            let job = store.createJob(
                agent: agent, jobType: submission.jobType, schedule: submission.schedule, fields: submission.fields)
            return .json(job.creationJSON, casing: casing)
        case .createBulk:
            return try createBulk(body, casing: casing, now: now)
        case .scheduledJobs:
            return try list(endpoint, store.scheduledJobs(), JobRecord.queryFields, parameters, defaultSort: nil, now: now) {
                $0.scheduledJSON
            }
        case .jobHistory:
            return try list(endpoint, store.historyRecords(), HistoryRecord.queryFields, parameters, defaultSort: nil, now: now) {
                $0.json
            }
        case .jobStatusData:
            guard let text = parameters["jobHistoryId"], let historyId = Int64(text) else {
                throw .badRequest("jobHistoryId is required and must be a whole number")
            }
            guard let record = store.historyRecord(id: historyId) else {
                throw .badRequest("job history \(historyId) does not exist")
            }
            return .json(.object([("JobHistoryId", .int(historyId)), ("Data", .string(record.data))]), casing: casing)
        case .unschedule:
            return try unschedule(body, now: now)
        case .statusEndpoints:
            let paths = Endpoint.allCases.filter(\.isAPI).map { endpoint in
                JSONOutput.string(endpoint.method + " " + store.fleet.apiPath + endpoint.path)
            }
            return .json(.array(paths), casing: casing)
        case .token, .inspectJobs, .inspectStats:
            throw .notFound("no such endpoint")
        }
    }

    private func list<Row>(
        _ endpoint: Endpoint, _ rows: [Row], _ fields: QueryFieldSet<Row>, _ parameters: QueryParameters, defaultSort: String?, now: Date,
        views: QueryViewCache<Row>? = nil, render: (Row) -> JSONOutput
    ) throws(SimulatorError) -> APIResponse {
        let paging = try Paging(parameters)
        let dialect = store.fleet.dialect
        if let rejected = dialect.rejectedQueryFields["\(endpoint)"],
           let field = rejected.first(where: { Self.query(paging.queryString, names: $0) }) {
            throw .rejectedQueryField(field, endpoint)
        }
        let matched: [Row]
        if let views {
            matched = try views.rows(for: paging.viewKey(defaultSort: defaultSort, now: now)) { () throws(SimulatorError) in
                try paging.matched(rows, fields: fields, defaultSort: defaultSort, now: now)
            }
        } else {
            matched = try paging.matched(rows, fields: fields, defaultSort: defaultSort, now: now)
        }
        let (page, total) = paging.page(of: matched)
        let headers = dialect.sendsTotalCount ? [("x-total-count", String(total))] : []
        return .json(.array(page.map(render)), casing: store.fleet.casing, headers: headers)
    }

    /// Whether `query` filters on `field` (a term `FIELD -OP ...`, compared case-insensitively).
    static func query(_ query: String, names field: String) -> Bool {
        let words = query.lowercased().split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" })
        let name = Substring(field.lowercased())
        return zip(words, words.dropFirst()).contains { $0.0 == name && $0.1.hasPrefix("-") }
    }

    private func createBulk(_ body: [UInt8], casing: KeyCasing, now: Date) throws(SimulatorError) -> APIResponse {
        let request = try Self.object(body)
        let submission = try Submission.check(request, store: store)
        guard case .array(let items)? = request["OrchestratorIds"], !items.isEmpty else {
            throw .badRequest("OrchestratorIds must be a non-empty list of orchestrator ids")
        }
        var pairs: [JSONOutput] = []
        var failed: [JSONOutput] = []
        var timestamp = now
        for item in items {
            guard let agentId = item.scalarText else {
                throw .badRequest("OrchestratorIds must hold strings, not \(item.kindName)")
            }
            // A bad orchestrator fails alone; the others still get their job.
            guard let agent = try? submission.agent(agentId, in: store) else {
                failed.append(.string(agentId))
                continue
            }
            let job = store.createJob(
                agent: agent, jobType: submission.jobType, schedule: submission.schedule, fields: submission.fields)
            timestamp = job.requestTimestamp
            pairs.append(.object([("JobId", .string(job.jobId)), ("OrchestratorId", .string(job.agentId))]))
        }
        let fields = JSONOutput.array(
            submission.fields.map { .object([("JobTypeField", .string($0.name)), ("Value", .optional($0.value))]) })
        return .json(
            .object([
                ("OrchestratorJobPairs", .array(pairs)),
                ("FailedOrchestratorIds", .array(failed)),
                ("JobTypeName", .string(submission.jobType.name)),
                ("Schedule", submission.schedule.json),
                ("JobFields", fields),
                ("RequestTimestamp", .string(ISO8601.format(timestamp))),
            ]), casing: casing)
    }

    private func unschedule(_ body: [UInt8], now: Date) throws(SimulatorError) -> APIResponse {
        let request = try Self.object(body)
        let ids = request["JobIds"]
        let query = request["Query"]
        let hasIds = ids != nil && ids != .null
        let hasQuery = query != nil && query != .null && query?.scalarText != ""
        guard hasIds != hasQuery else {
            throw .badRequest("give either JobIds or Query, not both and not neither")
        }
        if hasIds {
            guard case .array(let items)? = ids else { throw .badRequest("JobIds must be a list of job ids") }
            var jobIds: [String] = []
            for item in items {
                guard let text = item.scalarText else { throw .badRequest("JobIds must hold strings") }
                jobIds.append(text)
            }
            store.unschedule(jobIds: jobIds)
        } else {
            let predicate: @Sendable (JobRecord) -> Bool
            do {
                predicate = try JobRecord.queryFields.compile(query?.scalarText ?? "", now: now)
            } catch {
                throw .badQuery(error)
            }
            store.unschedule(matching: predicate)
        }
        return .empty(204)
    }

    static func object(_ body: [UInt8]) throws(SimulatorError) -> JSONInput {
        guard let input = JSONInput.parse(body) else { throw .badRequest("the request body is not valid JSON") }
        guard input.isObject else { throw .badRequest("the request body must be a JSON object, not \(input.kindName)") }
        return input
    }
}
