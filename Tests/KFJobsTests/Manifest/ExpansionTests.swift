import Foundation
import KFJobs
import KFJobsManifest
import TestSupport
import Testing

@Suite("Offline expansion, keys and fingerprints")
struct ExpansionTests {
    static let agent = AgentAttributes(
        agentId: "3FA85F64-5717-4562-B3FC-2C963F66AFA6", clientMachine: "eu-web-01", username: "svc", version: "11.2",
        status: 2, agentPlatform: 7)

    static func instances(
        _ text: String, environment: [String: String] = [:], allowEnv: Set<String> = [], now: Date = ManifestTestSupport.now
    ) throws -> [JobInstance] {
        let decoded = ManifestTestSupport.decode(text, now: now, allowEnv: allowEnv)
        try #require(decoded.diagnostics.isEmpty, "\(decoded.diagnostics)")
        let expanded = ManifestExpander(environment: environment, now: now).expand(decoded.manifests)
        try #require(expanded.diagnostics.isEmpty, "\(expanded.diagnostics)")
        return expanded.instances
    }

    @Test("the matrix product minus exclusions, in a fixed order")
    func matrixProduct() throws {
        let text = ManifestTestSupport.manifest(job: """
                matrix:
                  site: [eu, us, ap]
                  tier: [a, b]
                exclude:
                  - {site: us, tier: b}
                  - {site: ap}

            """)
        let combinations = try Self.instances(text).map { $0.combination.bindings.map { "\($0.key)=\($0.value)" }.joined(separator: ",") }
        #expect(combinations == ["site=eu,tier=a", "site=eu,tier=b", "site=us,tier=a"])
    }

    @Test("templates render per combination; ${agent.*} is left for the planner")
    func rendering() throws {
        let text = ManifestTestSupport.manifest(
            job: """
                    matrix: {site: [eu, us]}
                    fields:
                      Target: "${agent.ClientMachine}"
                      Reason: "${vars.ticket} ${manifest.name}/${job.name} ${matrix.site} $${literal}"
                      Platform: "${agent.AgentPlatform}/${agent.Status}"

                """,
            agents: "    agents: {query: 'ClientMachine -startswith \"${matrix.site}-\"'}\n", header: "vars: {ticket: CHG-1}\n")
        let instances = try Self.instances(text)
        #expect(instances.map(\.selector) == [
            .query(Located("ClientMachine -startswith \"eu-\"", at: instances[0].selectorLocation)),
            .query(Located("ClientMachine -startswith \"us-\"", at: instances[0].selectorLocation)),
        ])
        let reason = try #require(instances.first?.fields.first { $0.name.value == "Reason" })
        #expect(reason.value.literalText == "CHG-1 demo/refresh eu ${literal}")
        let target = try #require(instances.first?.fields.first { $0.name.value == "Target" })
        #expect(target.value.variables == [TemplateVariable(.agent, "ClientMachine")])

        let job = try #require(instances.first).concrete(for: Self.agent)
        #expect(job.fields.map(\.value) == ["eu-web-01", "CHG-1 demo/refresh eu ${literal}", "7/2"])
        #expect(job.identity.key == "demo/refresh[site=eu]@3fa85f64-5717-4562-b3fc-2c963f66afa6")
        #expect(job.identity.agentId == Self.agent.agentId)
    }

    @Test("keys sort matrix keys and percent-encode the delimiters inside values")
    func keys() throws {
        let text = ManifestTestSupport.manifest(job: """
                matrix:
                  zone: ["a,b=c"]
                  site: ["eu/west"]
                  odd: ["%,=]@/ x"]

            """)
        let instance = try #require(try Self.instances(text).first)
        #expect(instance.key(agentId: "ABC") == "demo/refresh[odd=%25%2C%3D%5D%40%2F x,site=eu%2Fwest,zone=a%2Cb%3Dc]@abc")
        let plain = try #require(try Self.instances(ManifestTestSupport.manifest(job: "")).first)
        #expect(plain.key(agentId: Self.agent.agentId) == "demo/refresh@3fa85f64-5717-4562-b3fc-2c963f66afa6")
    }

    @Test("the fingerprint hashes the canonical JSON of job type, declared schedule and non-sensitive fields")
    func fingerprintCanonicalJSON() throws {
        let text = ManifestTestSupport.manifest(job: """
                schedule: {weekly: {days: [fri, mon], at: "02:30+02:00"}}
                fields:
                  Path: "/var/tmp/${agent.ClientMachine}"
                  Name: "Zoë \\"q\\""
                  Secret: hunter2
                sensitive: [Secret]

            """)
        let job = try #require(try Self.instances(text).first).concrete(for: Self.agent)
        let json = JobFingerprint.canonicalJSON(jobType: job.identity.jobTypeName, schedule: job.declaredSchedule, fields: job.fields)
        #expect(json == #"{"fields":{"Name":"Zoë \"q\"","Path":"/var/tmp/eu-web-01"},"jobType":"RefreshInventory","schedule":{"weekly":{"at":"00:30Z","days":[1,5]}}}"#)
        // sha256 of the JSON above, computed independently (printf '%s' JSON | sha256sum).
        #expect(job.identity.fingerprint == "4fb2147847b73ce6662a03f08aebaf71d9971f0099c05383f2d30c4014906972")
        #expect(job.redactedFields == ["Path": "/var/tmp/eu-web-01", "Name": "Zoë \"q\"", "Secret": "***"])
    }

    @Test("the fingerprint does not change with the clock, though the computed first instant does")
    func fingerprintIgnoresClock() throws {
        let text = ManifestTestSupport.manifest(job: "    schedule: {daily: {at: \"02:30\"}}\n")
        let today = try #require(try Self.instances(text).first)
        let later = try #require(try Self.instances(text, now: ManifestTestSupport.now.addingTimeInterval(3 * 86_400)).first)
        #expect(today.schedule != later.schedule)
        #expect(today.concrete(for: Self.agent).identity.fingerprint == later.concrete(for: Self.agent).identity.fingerprint)
    }

    @Test("changing only a secret leaves the fingerprint alone; changing anything else does not")
    func fingerprintIgnoresSecrets() throws {
        func fingerprint(token: String, secret: String, depth: String) throws -> String {
            let text = ManifestTestSupport.manifest(job: """
                    fields:
                      Token: "${env.TOKEN}"
                      Secret: "\(secret)"
                      Depth: "\(depth)"
                    sensitive: [Secret]

                """)
            let instance = try #require(try Self.instances(text, environment: ["TOKEN": token], allowEnv: ["TOKEN"]).first)
            return instance.concrete(for: Self.agent).identity.fingerprint
        }
        let base = try fingerprint(token: "t1", secret: "s1", depth: "1")
        #expect(try fingerprint(token: "t2", secret: "s1", depth: "1") == base)
        #expect(try fingerprint(token: "t1", secret: "s2", depth: "1") == base)
        #expect(try fingerprint(token: "t1", secret: "s1", depth: "2") != base)
    }

    @Test("values rendered from ${env.*} are sensitive and shown as ***")
    func environmentValuesAreSecret() throws {
        let text = ManifestTestSupport.manifest(job: "    fields: {Header: \"Bearer ${env.TOKEN}\", Plain: x}\n")
        let job = try #require(try Self.instances(text, environment: ["TOKEN": "s3cr3t"], allowEnv: ["TOKEN"]).first)
            .concrete(for: Self.agent)
        #expect(job.fields.map(\.isSensitive) == [true, false])
        #expect(job.fields.first?.value == "Bearer s3cr3t")
        #expect(job.redactedFields == ["Header": "***", "Plain": "x"])
        #expect(!JobFingerprint.canonicalJSON(jobType: job.identity.jobTypeName, schedule: job.declaredSchedule, fields: job.fields).contains("s3cr3t"))
    }

    @Test("an allowed environment variable that is not set is an error at the value")
    func environmentVariableNotSet() throws {
        let text = MarkedText(ManifestTestSupport.manifest(job: "    fields: {Token: 1️⃣\"${env.TOKEN}\"}\n"))
        let decoded = ManifestTestSupport.decode(text.text, allowEnv: ["TOKEN"])
        let expanded = ManifestExpander(environment: [:], now: ManifestTestSupport.now).expand(decoded.manifests)
        #expect(ManifestTestSupport.rendered(expanded.diagnostics) == ["\(text.at("1️⃣")): error: environment variable TOKEN is not set"])
        #expect(expanded.instances.isEmpty)
    }

    @Test("without requiring the environment, unset variables stay unrendered and are not checked")
    func environmentNotRequired() throws {
        let text = ManifestTestSupport.manifest(
            job: "    fields: {Token: \"${env.TOKEN}\"}\n", agents: "    agents: {ids: [\"${env.AGENT}\"]}\n")
        let decoded = ManifestTestSupport.decode(text, allowEnv: ["TOKEN", "AGENT"])
        let lenient = ManifestExpander(now: ManifestTestSupport.now, requiresEnvironment: false).expand(decoded.manifests)
        #expect(lenient.diagnostics.isEmpty)
        let instance = try #require(lenient.instances.first)
        guard case .ids(let ids) = instance.selector else { Issue.record("not an ids selector"); return }
        #expect(ids.map(\.value) == ["${env.AGENT}"])
        let strict = ManifestExpander(now: ManifestTestSupport.now).expand(decoded.manifests)
        #expect(strict.diagnostics.map(\.message) == ["environment variable AGENT is not set", "environment variable TOKEN is not set"])
    }

    @Test("ids made of templates are checked once rendered")
    func renderedIds() throws {
        let text = MarkedText(ManifestTestSupport.manifest(
            job: "    matrix: {id: [0f3c5a6e-0000-4000-8000-000000000001, nope]}\n",
            agents: "    agents: {ids: [1️⃣\"${matrix.id}\"]}\n"))
        let decoded = ManifestTestSupport.decode(text.text)
        #expect(decoded.diagnostics.isEmpty)
        let expanded = ManifestExpander(now: ManifestTestSupport.now).expand(decoded.manifests)
        #expect(ManifestTestSupport.rendered(expanded.diagnostics) == [
            "\(text.at("1️⃣")): error: 'nope' is not an agent id (a GUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6)"
        ])
        #expect(expanded.instances.count == 1)
    }

    @Test("canonical JSON: sorted keys, no white space, slashes and non-ASCII as they are, control characters escaped")
    func canonicalJSON() {
        let value = CanonicalJSON.object([
            "b": .array([.integer(1), .bool(true)]), "a": .string("a/b é \u{1} \n \\"), "B": .object([:]),
        ])
        #expect(value.text == #"{"B":{},"a":"a/b é \u0001 \n \\","b":[1,true]}"#)
    }
}
