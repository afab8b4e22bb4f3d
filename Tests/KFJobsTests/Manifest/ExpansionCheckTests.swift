import Foundation
import KFJobsManifest
import Testing

/// `validate` checks instances without building them (`ManifestExpander.diagnostics(of:)`): it must find
/// exactly what expanding finds, in the same order, whatever can go wrong and however the expander is set.
@Suite("Checking instances without building them")
struct ExpansionCheckTests {
    /// Manifests whose expansion finds problems (and some whose expansion finds none), in every place a
    /// rendered template can be wrong, several to a job and across matrix combinations.
    static let manifests: [(name: String, text: String)] = [
        ("env in a field", ManifestTestSupport.manifest(job: "    fields: {Token: \"${env.TOKEN}\", Plain: x}\n")),
        ("env in every place", ManifestTestSupport.manifest(
            job: """
                matrix: {site: [eu, us]}
                fields: {A: "${env.TOKEN}-${matrix.site}", B: "${env.OTHER}", C: "${vars.v}"}

            """,
            agents: "    agents: {clientMachines: [\"${env.OTHER}-${matrix.site}\", fixed, \"${env.TOKEN}\"]}\n",
            header: "vars: {v: one}\n")),
        ("env in a query", ManifestTestSupport.manifest(
            job: "    matrix: {n: [\"1\", \"2\", \"3\"]}\n", agents: "    agents: {query: 'ClientMachine -eq \"${env.TOKEN}${matrix.n}\"'}\n")),
        ("ids from the matrix and the environment", ManifestTestSupport.manifest(
            job: "    matrix: {id: [0f3c5a6e-0000-4000-8000-000000000001, nope, also-not]}\n",
            agents: "    agents: {ids: [\"${matrix.id}\", \"${env.AGENT}\", 0f3c5a6e-0000-4000-8000-000000000009]}\n")),
        ("a monthly schedule, a matrix and a bad id", ManifestTestSupport.manifest(
            job: """
                matrix: {id: [nope, 0f3c5a6e-0000-4000-8000-000000000001]}
                schedule: {monthly: {day: 31, at: "02:30"}}
                fields: {T: "${env.TOKEN}"}

            """,
            agents: "    agents: {ids: [\"${matrix.id}\"]}\n")),
        ("nothing wrong", ManifestTestSupport.manifest(job: "    matrix: {a: [x, y]}\n    fields: {F: \"${matrix.a}\"}\n")),
    ]

    static let environments: [[String: String]] = [[:], ["TOKEN": "t0k"], ["TOKEN": "t0k", "OTHER": "o", "AGENT": "0f3c5a6e-0000-4000-8000-0000000000aa"], ["AGENT": "bad"]]

    static func expanders() -> [ManifestExpander] {
        environments.flatMap { environment in
            [true, false].map { ManifestExpander(environment: environment, now: ManifestTestSupport.now, requiresEnvironment: $0) }
        }
    }

    @Test("the same diagnostics as expanding, for every manifest, environment and setting", arguments: manifests.map(\.name))
    func sameAsExpanding(name: String) throws {
        let text = try #require(Self.manifests.first { $0.name == name }).text
        let decoded = ManifestTestSupport.decode(text, allowEnv: ["TOKEN", "OTHER", "AGENT"])
        try #require(decoded.diagnostics.isEmpty, "\(decoded.diagnostics)")
        for expander in Self.expanders() {
            let expanded = expander.expand(decoded.manifests)
            #expect(
                ManifestTestSupport.rendered(expander.diagnostics(of: decoded.manifests)) == ManifestTestSupport.rendered(expanded.diagnostics),
                "\(expander.environment), requiresEnvironment \(expander.requiresEnvironment)")
        }
    }

    @Test("the cases above do find problems: the comparison is not between two empty lists")
    func casesFindProblems() {
        let decoded = ManifestTestSupport.decode(
            Self.manifests.enumerated().map { (file: "m\($0.offset).yaml", text: $0.element.text.replacingOccurrences(of: "name: demo", with: "name: demo\($0.offset)")) },
            allowEnv: ["TOKEN", "OTHER", "AGENT"])
        #expect(decoded.diagnostics.isEmpty, "\(decoded.diagnostics)")
        let messages = Set(ManifestExpander(now: ManifestTestSupport.now).diagnostics(of: decoded.manifests).map(\.message))
        #expect(messages.contains("environment variable TOKEN is not set"))
        #expect(messages.contains("environment variable OTHER is not set"))
        #expect(messages.contains { $0.hasPrefix("'nope' is not an agent id") })
        let lenient = ManifestExpander(environment: ["AGENT": "bad"], now: ManifestTestSupport.now, requiresEnvironment: false)
        #expect(lenient.diagnostics(of: decoded.manifests).map(\.message).contains { $0.hasPrefix("'bad' is not an agent id") })
    }

    @Test("every example checks clean, as it expands clean")
    func examplesCheckClean() throws {
        let folder = ManifestTestSupport.repositoryRoot.appendingPathComponent("examples")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        let texts = try names.map { (file: $0, text: try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
        let decoded = ManifestTestSupport.decode(texts)
        try #require(decoded.diagnostics.isEmpty, "\(decoded.diagnostics)")
        let expander = ManifestExpander(now: ManifestTestSupport.now)
        #expect(expander.expand(decoded.manifests).diagnostics.isEmpty)
        #expect(expander.diagnostics(of: decoded.manifests).isEmpty)
    }
}
