import Diagnostics
import Foundation
import KFJobs
import KFJobsManifest
import TestSupport
import Testing
import YAMLTree

/// Decodes marked text and expects exactly the given diagnostics, each at its marker.
func expectDiagnostics(
    _ marked: String, _ expected: [(Character, String)], allowEnv: Set<String> = [],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let text = MarkedText(marked)
    let result = ManifestTestSupport.decode(text.text, allowEnv: allowEnv)
    let wanted = expected.map { "\(text.at($0.0)): \($0.1)" }
    #expect(ManifestTestSupport.rendered(result.diagnostics) == wanted, sourceLocation: sourceLocation)
}

@Suite("Manifest decoding")
struct ManifestDecoderTests {
    @Test("the design's example manifest decodes, with defaults merged into the job")
    func designExample() throws {
        let text = """
            apiVersion: kfjobs/v1
            kind: JobManifest
            metadata:
              name: inventory-refresh
              description: Nightly refresh
            vars:
              ticket: CHG-1234
            defaults:
              schedule: immediate
              fields:
                Reason: "${vars.ticket}"
                Depth: 1
              sensitive: [Reason]
            jobs:
              - name: refresh
                jobType: RefreshInventory
                agents:
                  query: 'Status -eq 2 AND ClientMachine -startswith "${matrix.site}-"'
                  expect: {min: 1, max: 500}
                  lastSeenWithin: 24h
                matrix:
                  site: [eu, us]
                exclude:
                  - {site: us}
                schedule: {daily: {at: "02:30"}}
                fields:
                  Target: "${agent.ClientMachine}"
                  ApiToken: "${env.REFRESH_TOKEN}"
                  Depth: 3
                sensitive: [ApiToken]
            """
        let result = ManifestTestSupport.decode(text, allowEnv: ["REFRESH_TOKEN"])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let manifest = try #require(result.manifests.first)
        #expect(manifest.name.value == "inventory-refresh")
        #expect(manifest.description == "Nightly refresh")
        #expect(manifest.variable("ticket") == "CHG-1234")
        let job = try #require(manifest.jobs.first)
        #expect(job.jobType.value == "RefreshInventory")
        #expect(job.schedule.value == .daily(at: TimeOfDay(hour: 2, minute: 30)))
        #expect(job.fields.map(\.name.value) == ["Reason", "Depth", "Target", "ApiToken"])
        #expect(job.fields.first { $0.name.value == "Depth" }?.value == Template(literal: "3"))
        #expect(job.sensitive == ["Reason", "ApiToken"])
        #expect(job.agents.expectMin == 1 && job.agents.expectMax == 500)
        #expect(job.agents.lastSeenWithin == 24 * 3600)
        #expect(job.matrix == [MatrixAxis(name: "site", values: job.matrix[0].values)])
        #expect(job.combinations.map { $0["site"] } == ["eu"])
    }

    @Test("an unknown key is reported at the key, with the nearest valid key")
    func unknownKey() {
        expectDiagnostics(
            """
            apiVersion: kfjobs/v1
            kind: JobManifest
            metadata:
              name: demo
            jobs:
              - 1️⃣name: refresh
                2️⃣jobtype: RefreshInventory
                agents: {query: 'Status -eq 2', 3️⃣expekt: {min: 1}}
            """,
            [
                ("2️⃣", "error: unknown key 'jobtype' in a job; did you mean 'jobType'?"),
                ("1️⃣", "error: missing required key 'jobType' in a job"),
                ("3️⃣", "error: unknown key 'expekt' in agents; did you mean 'expect'?"),
            ])
    }

    @Test("an unknown key far from every valid one gets no suggestion")
    func unknownKeyWithoutSuggestion() {
        expectDiagnostics(
            """
            apiVersion: kfjobs/v1
            kind: JobManifest
            metadata: {name: demo}
            1️⃣colour: blue
            jobs: [{name: a, jobType: FetchLogs, agents: {query: x}}]
            """,
            [("1️⃣", "error: unknown key 'colour' in the manifest")])
    }

    @Test("a missing required key is reported at the mapping that lacks it")
    func missingKey() {
        expectDiagnostics(
            """
            1️⃣apiVersion: kfjobs/v1
            metadata:
              2️⃣description: no name
            jobs: [{name: a, jobType: FetchLogs, agents: {query: x}}]
            """,
            [
                ("1️⃣", "error: missing required key 'kind' in the manifest"),
                ("2️⃣", "error: missing required key 'name' in metadata"),
            ])
    }

    @Test("a document of another kind gets one error, not one per key")
    func otherKind() {
        expectDiagnostics(
            """
            apiVersion: kfjobs/v1
            kind: 1️⃣SimulatorFleet
            seed: 2026
            agents: []
            """,
            [("1️⃣", "error: kind must be JobManifest, not 'SimulatorFleet'")])
    }

    @Test("a list where a mapping belongs, and a mapping where a list belongs")
    func wrongShapes() {
        expectDiagnostics(
            """
            apiVersion: kfjobs/v1
            kind: JobManifest
            metadata: 1️⃣[demo]
            jobs:
              - name: a
                jobType: FetchLogs
                agents:
                  2️⃣- query: x
            """,
            [
                ("1️⃣", "error: metadata must be a mapping, not a list"),
                ("2️⃣", "error: agents must be a mapping, not a list"),
            ])
    }

    @Test("a bad name is reported at the value")
    func badNames() {
        expectDiagnostics(
            """
            apiVersion: kfjobs/v1
            kind: JobManifest
            metadata: {name: 1️⃣Demo}
            jobs:
              - {name: 2️⃣-a, jobType: FetchLogs, agents: {query: x}}
            """,
            [
                ("1️⃣", "error: invalid name 'Demo': use lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters"),
                ("2️⃣", "error: invalid name '-a': use lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters"),
            ])
    }

    @Test("a duplicate job name is reported at the second, with a note at the first")
    func duplicateJobName() throws {
        let text = MarkedText(
            """
            apiVersion: kfjobs/v1
            kind: JobManifest
            metadata: {name: demo}
            jobs:
              - {name: 1️⃣a, jobType: FetchLogs, agents: {query: x}}
              - {name: 2️⃣a, jobType: FetchLogs, agents: {query: y}}
            """)
        let result = ManifestTestSupport.decode(text.text)
        #expect(ManifestTestSupport.rendered(result.diagnostics) == ["\(text.at("2️⃣")): error: duplicate job name 'a'"])
        let note = try #require(result.diagnostics.first?.notes.first)
        #expect(note.message == "first defined here")
        #expect(note.location.map { "\($0.line):\($0.column)" } == text.at("1️⃣"))
    }

    @Test("the agent selector needs exactly one of its forms")
    func selectorForms() {
        expectDiagnostics(
            ManifestTestSupport.manifest(job: "", agents: "    agents: 1️⃣{lastSeenWithin: 1h}\n"),
            [("1️⃣", "error: agents needs exactly one of query, ids or clientMachines")])
        expectDiagnostics(
            ManifestTestSupport.manifest(job: "", agents: "    agents: {query: x, 1️⃣clientMachines: [a]}\n"),
            [("1️⃣", "error: agents has both query and clientMachines; give exactly one")])
    }

    @Test("expect and lastSeenWithin are checked")
    func selectorGuards() {
        expectDiagnostics(
            ManifestTestSupport.manifest(job: "", agents: "    agents: {query: x, expect: {min: 1️⃣many}}\n"),
            [("1️⃣", "error: expect.min must be a whole number of at least 0, not 'many'")])
        expectDiagnostics(
            ManifestTestSupport.manifest(job: "", agents: "    agents: {query: x, expect: 1️⃣{min: 3, max: 2}}\n"),
            [("1️⃣", "error: expect.min (3) is greater than expect.max (2)")])
        expectDiagnostics(
            ManifestTestSupport.manifest(job: "", agents: "    agents: {query: x, lastSeenWithin: 1️⃣1d12h}\n"),
            [("1️⃣", "error: lastSeenWithin '1d12h' must be one number and one unit (m, h or d); write 2160m")])
    }

    @Test("an empty jobType or query is an error: an empty query would match every agent")
    func emptyValues() {
        expectDiagnostics(
            """
            apiVersion: kfjobs/v1
            kind: JobManifest
            metadata: {name: demo}
            jobs:
              - {name: a, jobType: 1️⃣"", agents: {query: 2️⃣" "}}
            """,
            [("1️⃣", "error: jobType must not be empty"), ("2️⃣", "error: query must not be empty")])
    }

    @Test("a matrix may not expand beyond 10000 combinations")
    func matrixLimit() {
        let values = "[" + (1...100).map(String.init).joined(separator: ", ") + "]"
        expectDiagnostics(
            ManifestTestSupport.manifest(job: "    matrix:\n      1️⃣a: \(values)\n      b: \(values)\n      c: [x, y]\n"),
            [("1️⃣", "error: matrix has 20000 combinations; at most 10000 are allowed")])
        #expect(ManifestTestSupport.decode(ManifestTestSupport.manifest(job: "    matrix:\n      a: \(values)\n      b: \(values)\n")).diagnostics.isEmpty)
    }

    @Test("ids must be GUIDs and may not repeat, in any case")
    func selectorIds() throws {
        expectDiagnostics(
            ManifestTestSupport.manifest(job: "", agents: """
                    agents:
                      ids:
                        - 1️⃣0F3C5A6E-0000-4000-8000-000000000001
                        - 2️⃣0f3c5a6e-0000-4000-8000-000000000001
                        - 3️⃣web-01

                """),
            [
                ("2️⃣", "error: '0f3c5a6e-0000-4000-8000-000000000001' is listed twice in ids"),
                ("3️⃣", "error: 'web-01' is not an agent id (a GUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6)"),
            ])
    }

    @Test("a field value must be a non-null scalar")
    func fieldValues() {
        expectDiagnostics(
            ManifestTestSupport.manifest(job: """
                    fields:
                      Depth:1️⃣
                      Target: 2️⃣[a, b]
                      Options: 3️⃣{a: b}
                      Note: 4️⃣~

                """),
            [
                ("1️⃣", "error: field 'Depth' is null; omit it to take the server's default"),
                ("2️⃣", "error: field 'Target' must be a scalar, not a list"),
                ("3️⃣", "error: field 'Options' must be a scalar, not a mapping"),
                ("4️⃣", "error: field 'Note' is null; omit it to take the server's default"),
            ])
    }

    @Test("scalars keep their text: no implicit YAML 1.1 typing")
    func scalarsStayText() throws {
        let result = ManifestTestSupport.decode(ManifestTestSupport.manifest(job: """
                fields:
                  A: NO
                  B: 0755
                  C: 1.10
                  D: on

            """))
        #expect(result.diagnostics.isEmpty)
        let fields = try #require(result.manifests.first?.jobs.first?.fields)
        #expect(fields.map { $0.value.literalText } == ["NO", "0755", "1.10", "on"])
    }

    @Test("matrix lists must not be empty and exclude must name matrix keys and values")
    func matrixChecks() {
        expectDiagnostics(
            ManifestTestSupport.manifest(job: """
                    matrix:
                      site: 1️⃣[]

                """),
            [("1️⃣", "error: matrix.site is an empty list; give at least one item")])
        expectDiagnostics(
            ManifestTestSupport.manifest(job: """
                    matrix:
                      site: [eu, us, 1️⃣eu]
                    exclude:
                      - {2️⃣sites: us}
                      - {site: 3️⃣ua}

                """),
            [
                ("1️⃣", "error: 'eu' is listed twice in matrix.site"),
                ("2️⃣", "error: exclude names 'sites', which is not a matrix key; did you mean 'site'?"),
                ("3️⃣", "error: exclude value 'ua' is not in matrix.site; did you mean 'us'?"),
            ])
    }

    @Test("a once time in the past is an error, judged by the injected clock")
    func onceInThePast() {
        let marked = ManifestTestSupport.manifest(job: "    schedule: {once: 1️⃣\"2026-11-29T10:00:00Z\"}\n")
        expectDiagnostics(marked, [("1️⃣", "error: once time '2026-11-29T10:00:00Z' is in the past (now is 2026-11-29T10:15:00Z)")])
        let earlier = ManifestTestSupport.decode(MarkedText(marked).text, now: ManifestTestSupport.now.addingTimeInterval(-3600))
        #expect(earlier.diagnostics.isEmpty)
    }

    @Test("two manifests with the same name are an error at the second, across files")
    func duplicateManifestName() throws {
        let first = ManifestTestSupport.manifest(job: "")
        let second = MarkedText(
            """
            apiVersion: kfjobs/v1
            kind: JobManifest
            metadata:
              name: 1️⃣demo
            jobs: [{name: a, jobType: FetchLogs, agents: {query: x}}]
            """)
        let result = ManifestTestSupport.decode([(file: "a.yaml", text: first), (file: "b.yaml", text: second.text)])
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(diagnostic.description.hasPrefix(
            "b.yaml:\(second.at("1️⃣")): error: duplicate manifest name 'demo'; manifest names must be unique across all inputs\na.yaml:4:9: note: first defined here"))
        #expect(result.manifests.count == 1)
    }

    @Test("a file with no document, or only comments, holds no manifest", arguments: ["", "# just a comment\n", "---\n"])
    func noManifest(text: String) {
        let result = ManifestTestSupport.decode([(file: "empty.yaml", text: text)])
        #expect(result.diagnostics.map(\.description) == ["empty.yaml:1:1: error: no manifest in empty.yaml"])
    }

    @Test("several documents in a file are several manifests")
    func severalDocuments() {
        let one = ManifestTestSupport.manifest(job: "")
        let two = one.replacingOccurrences(of: "name: demo", with: "name: other")
        let result = ManifestTestSupport.decode(one + "---\n" + two)
        #expect(result.diagnostics.isEmpty)
        #expect(result.manifests.map(\.name.value) == ["demo", "other"])
    }

    @Test("a job's schedule replaces the default's; a job without one takes it")
    func defaultSchedule() throws {
        let text = """
            apiVersion: kfjobs/v1
            kind: JobManifest
            metadata: {name: demo}
            defaults:
              schedule: {interval: 2h}
            jobs:
              - {name: a, jobType: FetchLogs, agents: {query: x}}
              - {name: b, jobType: FetchLogs, agents: {query: x}, schedule: {immediate: true}}
            """
        let result = ManifestTestSupport.decode(text)
        let jobs = try #require(result.manifests.first?.jobs)
        #expect(jobs.map(\.schedule.value) == [.interval(minutes: 120), .immediate])
    }

    @Test("a sensitive name that is not among the fields is a warning with a suggestion")
    func sensitiveTypo() {
        expectDiagnostics(
            ManifestTestSupport.manifest(job: """
                    fields: {ApiToken: abc}
                    sensitive: [1️⃣ApiTokn]

                """),
            [("1️⃣", "warning: sensitive field 'ApiTokn' is not among the job's fields; did you mean 'ApiToken'?")])
    }
}
