import Foundation
import Testing
@testable import KeyfactorSimulator

@Suite struct QueryLanguageTests {
    static let agents: [SimulatedAgent] = (try? TestFleet.fleet().agents) ?? []

    static func matches(_ query: String) throws -> [String] {
        let predicate = try SimulatedAgent.queryFields.compile(query, now: TestFleet.start)
        return agents.filter(predicate).map(\.clientMachine).sorted()
    }

    @Test(arguments: [
        ("", ["eu-db-01", "eu-web-01", "eu-web-02", "us-app-01", "us-db-01", "us-web-01"]),
        ("Status -eq \"2\"", ["eu-web-01", "eu-web-02", "us-app-01", "us-db-01"]),
        ("Status -eq 2", ["eu-web-01", "eu-web-02", "us-app-01", "us-db-01"]),
        ("Status -ne 2", ["eu-db-01", "us-web-01"]),
        ("Status -gt 1 AND Status -lt 3", ["eu-web-01", "eu-web-02", "us-app-01", "us-db-01"]),
        ("Status -ge 3", ["us-web-01"]),
        ("Status -le 1", ["eu-db-01"]),
        ("Capabilities -contains \"LOGS\"", ["eu-db-01", "eu-web-01", "us-app-01", "us-web-01"]),
        ("Capabilities -contains \"logs\"", ["eu-db-01", "eu-web-01", "us-app-01", "us-web-01"]),
        ("Capabilities -notcontains \"LOGS\"", ["eu-web-02", "us-db-01"]),
        ("Status -eq 2 AND Capabilities -contains \"LOGS\"", ["eu-web-01", "us-app-01"]),
        ("status -EQ \"2\" and capabilities -contains \"logs\"", ["eu-web-01", "us-app-01"]),
        // AND binds tighter than OR.
        (
            "ClientMachine -startswith \"us\" OR Status -eq 1 AND Capabilities -contains \"LOGS\"",
            ["eu-db-01", "us-app-01", "us-db-01", "us-web-01"]
        ),
        (
            "(ClientMachine -startswith \"us\" OR Status -eq 1) AND Capabilities -contains \"LOGS\"",
            ["eu-db-01", "us-app-01", "us-web-01"]
        ),
        ("Status -eq 3 OR Status -eq 1 AND ClientMachine -eq \"nobody\"", ["us-web-01"]),
        ("((Status -eq 1))", ["eu-db-01"]),
        ("Capabilities -eq NULL", ["us-db-01"]),
        ("Capabilities -ne NULL", ["eu-db-01", "eu-web-01", "eu-web-02", "us-app-01", "us-web-01"]),
        ("LastErrorMessage -eq NULL", ["eu-db-01", "eu-web-01", "eu-web-02", "us-app-01", "us-db-01", "us-web-01"]),
        ("Blueprint -ne NULL", []),
        ("ClientMachine -endswith \"-01\"", ["eu-db-01", "eu-web-01", "us-app-01", "us-db-01", "us-web-01"]),
        ("ClientMachine -contains \"WEB\"", ["eu-web-01", "eu-web-02", "us-web-01"]),
        ("ClientMachine -notcontains web", ["eu-db-01", "us-app-01", "us-db-01"]),
        ("ClientMachine -ne \"eu-web-01\" AND ClientMachine -startswith eu", ["eu-db-01", "eu-web-02"]),
        ("ClientMachine -eq \"say \\\"hi\\\"\"", []),
        ("Version -eq \"23.1.2.0\"", ["eu-web-02"]),
        ("LastSeen -lt \"2026-11-28\"", ["eu-web-02"]),
        ("LastSeen -eq \"2026-11-28\"", ["eu-db-01", "eu-web-01", "us-app-01", "us-db-01", "us-web-01"]),
        ("LastSeen -lt %TODAY-1%", ["eu-web-02"]),
        ("LastSeen -ge %TODAY%", ["eu-db-01", "eu-web-01", "us-app-01", "us-db-01", "us-web-01"]),
        ("LastSeen -gt \"2026-11-28T11:00:00Z\"", ["eu-db-01", "us-app-01", "us-db-01", "us-web-01"]),
        ("Platform -eq 2", ["us-db-01"]),
        ("AgentPlatform -eq 7 AND Identity -eq \"CORP\\\\svc-orch\"", ["eu-web-01"]),
        ("AgentId -eq \"11111111-1111-4111-8111-111111111111\"", ["eu-web-01"]),
    ])
    func queryMatches(query: String, expected: [String]) throws {
        #expect(try Self.matches(query) == expected)
    }

    @Test(arguments: [
        ("Status -eq", "expected a value after \"-eq\" but found the end of the query", 11),
        ("Status -equals 2", "unknown operator \"-equals\"", 8),
        ("Foo -eq 1", "unknown field \"Foo\"", 1),
        ("Status -eq 2 AND Foo -eq 1", "unknown field \"Foo\"", 18),
        ("(Status -eq 2", "expected \")\" to close the \"(\" at position 1 but found the end of the query", 14),
        ("Status -eq 2)", "unbalanced \")\"", 13),
        ("Status -eq \"2", "unterminated quoted value", 12),
        ("Status -eq 2 AND", "expected a field name or \"(\" but found the end of the query", 17),
        ("Status -eq 2 Status -eq 3", "expected AND or OR but found \"Status\"", 14),
        ("Status 2", "expected an operator such as -eq after \"Status\" but found \"2\"", 8),
        ("Status -contains 2", "operator \"-contains\" does not apply to the number field Status", 8),
        ("Status -eq \"two\"", "\"two\" is not a number, which field Status needs", 12),
        ("ClientMachine -gt \"a\"", "operator \"-gt\" does not apply to the string field ClientMachine", 15),
        ("LastSeen -gt \"yesterday\"", "\"yesterday\" is not a date", 14),
        ("ClientMachine -startswith NULL", "NULL can only be compared with -eq or -ne", 27),
        ("AND Status -eq 2", "expected a field name or \"(\" but found \"AND\"", 1),
    ])
    func malformedQueries(query: String, message: String, position: Int) {
        #expect {
            _ = try SimulatedAgent.queryFields.compile(query, now: TestFleet.start)
        } throws: { error in
            guard let error = error as? QueryError else { return false }
            return error.message.hasPrefix(message) && error.position == position
        }
    }

    @Test func errorDescriptionSaysWhere() throws {
        do {
            _ = try SimulatedAgent.queryFields.compile("Status -eq 2 AND Colour -eq \"red\"", now: TestFleet.start)
            Issue.record("the query should have been refused")
        } catch {
            #expect(error.description.hasPrefix("invalid query at position 18: unknown field \"Colour\""))
        }
    }

    @Test func parserBuildsPrecedenceTree() throws {
        let expression = try QueryParser.parse("A -eq 1 OR B -eq 2 AND C -eq 3")
        guard case .or(let left, let right)? = expression, case .term(let a) = left, case .and = right else {
            Issue.record("expected A OR (B AND C), got \(String(describing: expression))")
            return
        }
        #expect(a.field == "A")
    }
}
