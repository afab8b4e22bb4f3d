import AsyncHTTPClient
import Foundation
import KeyfactorAPI
import KeyfactorSimulator
import KeyfactorWire
import TestSupport
import Testing
@testable import KFJobs

/// What kfjobs sends and what its simulator answers, held against Keyfactor's published OpenAPI
/// document (the fixture in `Fixtures/`, checked by python's jsonschema): the real client makes every
/// call kfjobs makes, through a transport that forwards to a real simulator on 127.0.0.1 and records
/// both sides. Every request body must validate against its operation's request schema (strictly:
/// no undocumented keys), every success response against its response schema (null allowed for
/// properties, the one difference the notes in `/work/shared/keyfactor-openapi` describe), in the
/// simulator's PascalCase and, mapped key by key, its camelCase; and every query parameter name must be
/// a documented one.
@Suite("Contract with Keyfactor's OpenAPI document")
struct ClientAndSimulatorContractTests {
    static let start = Date(timeIntervalSince1970: 1_795_867_200)

    /// Every schedule form the client can send, each in the future of the simulator's clock.
    static let schedules: [Schedule] = [
        .immediate, .interval(minutes: 30), .daily(time: start + 3_600), .weekly(days: [1, 5], time: start + 7_200),
        .monthly(day: 15, time: start + 3_600), .exactlyOnce(time: start + 86_400),
    ]

    /// A value of each field type as a manifest might write it, before the planner's canonical form.
    static func manifestValue(for type: JobFieldType) -> String {
        switch type {
        case .string, .unknown: "keep: \"as is\" / ünïcode"
        case .integer: "+4096"
        case .boolean: "TRUE"
        case .dateTime: "2027-01-31T23:59:00Z"
        }
    }

    @Test(arguments: [KeyCasing.pascal, .camel])
    func everyCallConformsToTheDocument(casing: KeyCasing) async throws {
        let exchanges = try await Self.exchanges(casing: casing)
        let base = exchanges.base
        var checks: [OpenAPIContract.Check] = []
        var operations = Set<String>()
        var names: [String: Set<String>] = [:]
        for (request, response) in exchanges.recorded {
            let operation = OpenAPIContract.operation(of: request, base: base)
            operations.insert(operation)
            names[operation, default: []].formUnion(OpenAPIContract.queryNames(request))
            if let body = request.body {
                checks.append(.request(operation: operation, body: try JSONSerialization.jsonObject(with: body)))
            }
            #expect(response.status == 200 || response.status == 204, "\(operation): \(response.status)")
            if response.status == 200 {
                let body = try JSONSerialization.jsonObject(with: response.body, options: [.fragmentsAllowed])
                checks.append(.response(operation: operation, status: 200, body: body, casing: casing == .camel ? "camel" : "pascal"))
            }
        }
        // Every operation the notes list was called, so nothing below is vacuous.
        #expect(operations == [
            "get /Agents", "get /Agents/{id}", "get /JobTypes/Custom", "post /OrchestratorJobs/Custom",
            "post /OrchestratorJobs/Custom/Bulk", "get /OrchestratorJobs/ScheduledJobs", "get /OrchestratorJobs/JobHistory",
            "get /OrchestratorJobs/JobStatus/Data", "post /OrchestratorJobs/Unschedule", "get /Status/Endpoints",
        ])
        let bodyChecks = checks.count
        #expect(bodyChecks >= 30)
        let sortedNames = names.sorted { $0.key < $1.key }
        checks += sortedNames.map { .parameters(operation: $0.key, names: $0.value.sorted()) }

        let answers = try OpenAPIContract.check(checks)
        for (check, answer) in zip(checks, answers).prefix(bodyChecks) {
            let problems = answer as? [String] ?? ["not a list of problems: \(answer)"]
            #expect(problems.isEmpty, "\(check.json["operation"] ?? ""): \(problems)")
        }
        // The document is the v10-era one: it spells the paging parameters pq.queryString and so on,
        // and the client sends them unprefixed, as Command 11+ documents them (API.md). So a paging
        // name is documented here only through the prefix, and only those five may be.
        var byRule: [String: Set<String>] = [:]
        for answer in answers.dropFirst(bodyChecks) {
            for (name, rule) in answer as? [String: String] ?? [:] { byRule[rule, default: []].insert(name) }
        }
        #expect(byRule["undocumented"] == nil)
        #expect(byRule["pq-prefix"] == ["QueryString", "PageReturned", "ReturnLimit", "SortField", "SortAscending"])
        #expect(byRule["exact"] == ["jobHistoryId"])
    }

    /// Makes every call kfjobs makes against a fresh simulator answering in `casing`, with every
    /// schedule form and every field type of the default fleet's job types, and returns what went over the wire.
    static func exchanges(casing: KeyCasing) async throws -> (base: String, recorded: [(request: TransportRequest, response: TransportResponse)]) {
        var fleet = SimulatorFleet.builtInDefault(now: start)
        fleet.casing = casing
        let simulator = try await KeyfactorSimulator.start(fleet: fleet, options: .init(clock: ManualSimulatorClock(now: start)))
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let recorder = RecordingTransport(forwardingTo: .asyncHTTPClient(http))
        do {
            let client = try KeyfactorClient(
                settings: ConnectionSettings(baseURL: simulator.baseURL, allowInsecureHTTP: true, pageSize: 7),
                transport: recorder.transport)
            try await calls(client, simulator: simulator)
            try await client.shutdown()
            try await http.shutdown()
            try await simulator.shutdown()
        } catch {
            try? await http.shutdown()
            try? await simulator.shutdown()
            throw error
        }
        return (simulator.baseURL, recorder.exchanges)
    }

    private static func calls(_ client: KeyfactorClient, simulator: KeyfactorSimulator) async throws {
        _ = try await client.status()
        let agents = try await client.listAgents(query: nil)
        let approved = try await client.listAgents(query: #"Status -eq 2 AND ClientMachine -contains "web""#)
        let agent = try #require(approved.first)
        _ = try await client.agent(id: agent.agentId)
        #expect(agents.count > approved.count)
        let jobTypes = try await client.listCustomJobTypes()
        var fieldTypes = Set<String>()
        var jobIds: [String] = []
        for jobType in jobTypes {
            // Each field's value in the form the planner puts on the wire.
            var fields: [String: String] = [:]
            for field in jobType.jobTypeFields {
                guard case .valid(let value) = FieldValueValidator.check(manifestValue(for: field.type), field: field) else {
                    Issue.record("\(jobType.jobTypeName).\(field.name): the sample value is not valid")
                    continue
                }
                fields[field.name] = value
                fieldTypes.insert(field.type.displayName)
            }
            for schedule in schedules {
                let request = CustomJobRequest(agentId: agent.agentId, jobTypeName: jobType.jobTypeName, schedule: schedule, jobFields: fields)
                jobIds.append(try await client.submitCustomJob(request).response.jobId)
                // The engine's path, whose body is written by hand rather than encoded.
                jobIds.append(try await client.submitCustomJobFuture(request).get().response.jobId)
                let bulk = BulkJobRequest(
                    orchestratorIds: approved.prefix(3).map(\.agentId), jobTypeName: jobType.jobTypeName, schedule: schedule, jobFields: fields)
                _ = try await client.submitBulkJob(bulk)
            }
        }
        #expect(fieldTypes == ["String", "Integer", "Boolean", "DateTime"])
        _ = simulator.advanceClock(by: 120)
        _ = try await client.listScheduledJobs(query: nil)
        _ = try await client.listScheduledJobs(query: #"JobType -eq "RotateSSHKeys""#)
        let history = try await client.listJobHistory(query: nil)
        let entry = try #require(history.first)
        _ = try await client.jobStatusData(jobHistoryId: entry.jobHistoryId)
        try await client.unschedule(.jobIds(Array(jobIds.prefix(4))))
        try await client.unschedule(.query(#"JobType -eq "PurgeTempFiles""#))
    }
}
