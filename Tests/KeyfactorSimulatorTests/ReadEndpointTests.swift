import Foundation
import KeyfactorSimulator
import KeyfactorWire
import Testing

@Suite struct ReadEndpointTests {
    @Test func statusEndpointsListsTheAPIWithProductVersionAndDate() async throws {
        try await Harness.with(try TestFleet.fleet()) { harness in
            let reply = try await harness.get("/Status/Endpoints")
            #expect(reply.status == 200)
            let endpoints = reply.json as? [String] ?? []
            #expect(endpoints.contains("POST /KeyfactorAPI/OrchestratorJobs/Custom"))
            #expect(endpoints.contains("GET /KeyfactorAPI/Agents"))
            #expect(endpoints.count == 10)
            #expect(reply.headers["x-keyfactor-product-version"].first == "11.0.0.0")
            #expect(reply.headers["Date"].first?.hasSuffix("GMT") == true)
        }
    }

    @Test func agentsQueryThroughTheWireWithTotalCount() async throws {
        try await Harness.with(try TestFleet.fleet()) { harness in
            let query = "Status -eq \"2\" AND Capabilities -contains \"LOGS\"".queryEncoded
            let reply = try await harness.get("/Agents?QueryString=\(query)&SortField=ClientMachine")
            #expect(reply.status == 200)
            #expect(Harness.machines(reply) == ["eu-web-01", "us-app-01"])
            #expect(reply.headers["x-total-count"].first == "2")
            // The v10-era spelling and a + for a space mean the same.
            let prefixed = try await harness.get("/Agents?pq.queryString=Status+-eq+2+AND+Capabilities+-contains+LOGS&pq.sortField=ClientMachine")
            #expect(Harness.machines(prefixed) == ["eu-web-01", "us-app-01"])
        }
    }

    @Test func malformedQueryIsA400ThatSaysWhere() async throws {
        try await Harness.with(try TestFleet.fleet()) { harness in
            let reply = try await harness.get("/Agents?QueryString=\("Status -eq 2 AND Colour -eq red".queryEncoded)")
            #expect(reply.status == 400)
            #expect(reply.object["ErrorCode"] as? String == "0xA0110005")
            let message = reply.object["Message"] as? String ?? ""
            #expect(message.hasPrefix("invalid query at position 18: unknown field \"Colour\""))
            let history = try await harness.get("/OrchestratorJobs/JobHistory?QueryString=\("Capabilities -contains x".queryEncoded)")
            #expect(history.status == 400)
        }
    }

    @Test(arguments: [
        ("PageReturned=1&ReturnLimit=4", ["eu-db-01", "eu-web-01", "eu-web-02", "us-app-01"]),
        ("PageReturned=2&ReturnLimit=4", ["us-db-01", "us-web-01"]),
        ("PageReturned=3&ReturnLimit=4", []),
        ("PageReturned=1000000000&ReturnLimit=1000000000", []),
        ("PageReturned=0&ReturnLimit=2", ["eu-db-01", "eu-web-01"]),
        ("ReturnLimit=1&PageReturned=6", ["us-web-01"]),
        ("ReturnLimit=1&PageReturned=7", []),
        ("ReturnLimit=2&SortAscending=1", ["us-web-01", "us-db-01"]),
        ("pq.returnLimit=3&pq.pageReturned=2&pq.sortAscending=0", ["us-app-01", "us-db-01", "us-web-01"]),
        ("ReturnLimit=2&SortField=Status&SortAscending=1", ["us-web-01", "eu-web-01"]),
    ])
    func pagingEdges(parameters: String, expected: [String]) async throws {
        try await Harness.with(try TestFleet.fleet()) { harness in
            let sort = parameters.contains("SortField") ? "" : "&SortField=ClientMachine"
            let reply = try await harness.get("/Agents?\(parameters)\(sort)")
            #expect(reply.status == 200)
            #expect(Harness.machines(reply) == expected)
            #expect(reply.headers["x-total-count"].first == "6")
        }
    }

    /// Pages of one query are slices of one answer (kept between requests, QueryViewCache), which
    /// another query read in between does not disturb, and which the next day answers afresh.
    @Test func pagesOfAQuerySliceOneAnswerUntilTheDayChanges() async throws {
        try await Harness.with(try TestFleet.fleet()) { harness in
            let recent = "LastSeen%20-ge%20%25TODAY%25"
            var pages: [[String]] = []
            for (query, number, descending) in [
                (recent, 1, false), ("ClientMachine%20-contains%20%22web%22", 1, false), (recent, 2, false), (recent, 1, true), (recent, 3, false),
            ] {
                pages.append(try await Self.machines(harness, query: query, page: number, descending: descending))
            }
            #expect(pages == [
                ["eu-db-01", "eu-web-01"], ["eu-web-01", "eu-web-02"], ["us-app-01", "us-db-01"], ["us-web-01", "us-db-01"], ["us-web-01"],
            ])
            harness.clock.advance(by: 3 * 86_400)
            let nextDay = try await Self.machines(harness, query: recent, page: 1, descending: false)
            #expect(nextDay == [])
        }
    }

    /// The machines of one page of two, sorted by ClientMachine.
    private static func machines(_ harness: Harness, query: String, page: Int, descending: Bool) async throws -> [String] {
        let order = descending ? "&SortAscending=1" : ""
        let reply = try await harness.get("/Agents?QueryString=\(query)&SortField=ClientMachine&ReturnLimit=2&PageReturned=\(page)\(order)")
        #expect(reply.status == 200)
        return Harness.machines(reply)
    }

    @Test(arguments: ["ReturnLimit=0", "PageReturned=-1", "PageReturned=x", "SortAscending=2", "SortField=Colour"])
    func badPagingIsA400(parameters: String) async throws {
        try await Harness.with(try TestFleet.fleet()) { harness in
            let reply = try await harness.get("/Agents?\(parameters)")
            #expect(reply.status == 400)
            #expect(reply.object["ErrorCode"] as? String == "0xA0110001")
        }
    }

    @Test func defaultPageIsFiftyAgentsSortedByAgentId() async throws {
        try await Harness.with(SimulatorFleet.builtInDefault(now: TestFleet.start)) { harness in
            let reply = try await harness.get("/Agents")
            let ids = reply.array.compactMap { $0["AgentId"] as? String }
            #expect(ids == ids.sorted())
            #expect(ids.count == min(50, harness.simulator.fleet.agents.count))
        }
    }

    @Test func singleAgentAndUnknownAgent() async throws {
        try await Harness.with(try TestFleet.fleet()) { harness in
            let reply = try await harness.get("/Agents/\(TestFleet.euWeb01.uppercased())")
            #expect(reply.status == 200)
            #expect(reply.object["ClientMachine"] as? String == "eu-web-01")
            let missing = try await harness.get("/Agents/00000000-0000-4000-8000-000000000000")
            #expect(missing.status == 404)
            #expect(missing.object["Message"] as? String == "orchestrator 00000000-0000-4000-8000-000000000000 does not exist")
        }
    }

    @Test func agentWireShapeIsExact() async throws {
        try await Harness.with(try TestFleet.fleet()) { harness in
            let reply = try await harness.get("/Agents/\(TestFleet.euWeb01)")
            let thumbprint = harness.simulator.fleet.agents[0].thumbprint ?? ""
            #expect(
                reply.body
                    == #"{"AgentId":"11111111-1111-4111-8111-111111111111","ClientMachine":"eu-web-01","Username":"CORP\\svc-orch","AgentPlatform":7,"Version":"24.4.0.0","Status":2,"LastSeen":"2026-11-28T10:00:00Z","Capabilities":["LOGS","CERT_STORES"],"Blueprint":null,"Thumbprint":""#
                    + thumbprint + #"","LegacyThumbprint":null,"AuthCertificateReenrollment":null,"LastThumbprintUsed":""# + thumbprint
                    + #"","LastErrorCode":0,"LastErrorMessage":null}"#)
            // The client's wire type reads it.
            let agent = try KeyfactorJSON.decoder().decode(Agent.self, from: Data(reply.body.utf8))
            #expect(agent.agentId == TestFleet.euWeb01)
            #expect(agent.capabilities == ["LOGS", "CERT_STORES"])
            #expect(agent.lastSeen == Date(timeIntervalSince1970: 1_795_860_000))
        }
    }

    @Test func jobTypesWireShapeIsExactInBothCasings() async throws {
        for casing in KeyCasing.allCases {
            try await Harness.with(try TestFleet.fleet(casing: casing.rawValue)) { harness in
                let reply = try await harness.get("/JobTypes/Custom?QueryString=\("JobTypeName -eq RefreshInventory".queryEncoded)")
                var expected = #"[{"Id":"0f0f0f0f-0000-4000-8000-000000000001","JobTypeName":"RefreshInventory","Description":"Re-read the inventory","JobTypeFields":[{"Name":"Target","Type":1,"DefaultValue":null,"Required":true},{"Name":"Depth","Type":2,"DefaultValue":"2","Required":false},{"Name":"IncludeExpired","Type":4,"DefaultValue":"false","Required":false}]}]"#
                if casing == .camel {
                    for key in ["Id", "JobTypeName", "Description", "JobTypeFields", "Name", "Type", "DefaultValue", "Required"] {
                        let lowered = key.prefix(1).lowercased() + key.dropFirst()
                        expected = expected.replacingOccurrences(of: "\"\(key)\":", with: "\"\(lowered)\":")
                    }
                }
                #expect(reply.body == expected)
                let types = try KeyfactorJSON.decoder().decode([CustomJobType].self, from: Data(reply.body.utf8))
                #expect(types.first?.jobTypeFields.map(\.name) == ["Target", "Depth", "IncludeExpired"])
            }
        }
    }

    @Test func unknownPathAndWrongMethod() async throws {
        try await Harness.with(try TestFleet.fleet()) { harness in
            let unknown = try await harness.get("/Nothing")
            let outsideAPI = try await harness.send(.GET, "/KeyfactorAPI/Agents", api: false, headers: [])
            let wrongMethod = try await harness.send(.DELETE, "/Agents")
            // Paths are case-insensitive, as on IIS.
            let lowerCase = try await harness.get("/agents")
            #expect(unknown.status == 404)
            #expect(outsideAPI.status == 400)
            #expect(wrongMethod.status == 405)
            #expect(lowerCase.status == 200)
        }
    }
}
