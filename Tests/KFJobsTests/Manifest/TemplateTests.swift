import KFJobs
import KFJobsManifest
import Testing

@Suite("Templates")
struct TemplateTests {
    @Test("a template is parsed into literal and variable parts; $${ is a literal ${")
    func parsing() throws {
        let template = try Template.parse("a ${matrix.site}-${agent.ClientMachine} $${HOME} costs $5").get()
        #expect(template.parts == [
            .literal("a "), .variable(TemplateVariable(.matrix, "site")), .literal("-"),
            .variable(TemplateVariable(.agent, "ClientMachine")), .literal(" ${HOME} costs $5"),
        ])
        #expect(template.sourceText == "a ${matrix.site}-${agent.ClientMachine} $${HOME} costs $5")
        #expect(try Template.parse("$${HOME}").get().literalText == "${HOME}")
    }

    @Test("substituting leaves the variables it does not know")
    func substituting() throws {
        let template = try Template.parse("${vars.a}/${agent.AgentId}").get()
        let partial = template.substituting { $0.namespace == .vars ? "x" : nil }
        #expect(partial.parts == [.literal("x/"), .variable(TemplateVariable(.agent, "AgentId"))])
        #expect(partial.literalText == nil)
        #expect(partial.substituting { _ in "id" }.literalText == "x/id")
    }

    @Test("template problems in field values are reported at the value", arguments: [
        ("1️⃣\"${matrix.region}\"", "unknown template variable '${matrix.region}'"),
        ("1️⃣\"${matrix.sit}\"", "unknown template variable '${matrix.sit}'; did you mean 'site'?"),
        ("1️⃣\"${vars.tikcet}\"", "unknown template variable '${vars.tikcet}'; did you mean 'ticket'?"),
        ("1️⃣\"${agent.Hostname}\"", "unknown template variable '${agent.Hostname}'; agents have AgentId, ClientMachine, Username, Version, Status, AgentPlatform"),
        ("1️⃣\"${agent.clientmachine}\"", "unknown template variable '${agent.clientmachine}'; did you mean 'ClientMachine'?"),
        ("1️⃣\"${manifest.title}\"", "unknown template variable '${manifest.title}'"),
        ("1️⃣\"${job.nam}\"", "unknown template variable '${job.nam}'; did you mean 'name'?"),
        ("1️⃣\"${env.TOKEN}\"", "'${env.TOKEN}' is not allowed; pass --allow-env TOKEN to use it"),
        ("1️⃣\"${agnt.ClientMachine}\"", "unknown template variable '${agnt.ClientMachine}'; variables are agent.*, matrix.*, vars.*, manifest.name, job.name and env.*; did you mean 'agent'?"),
        ("1️⃣\"${ticket}\"", "invalid template variable '${ticket}'; write ${namespace.name}"),
        ("1️⃣\"abc ${vars.ticket\"", "unterminated '${' in 'abc ${vars.ticket'; write $${ for a literal ${"),
    ])
    func fieldTemplateErrors(value: String, message: String) {
        let text = ManifestTestSupport.manifest(
            job: "    matrix: {site: [eu]}\n    fields:\n      Target: \(value)\n", header: "vars: {ticket: CHG-1}\n")
        expectDiagnostics(text, [("1️⃣", "error: \(message)")])
    }

    @Test("without a matrix or vars, the message says so")
    func nothingToReferTo() {
        expectDiagnostics(
            ManifestTestSupport.manifest(job: "    fields: {A: 1️⃣\"${matrix.site}\", B: 2️⃣\"${vars.x}\"}\n"),
            [
                ("1️⃣", "error: unknown template variable '${matrix.site}'; the job has no matrix"),
                ("2️⃣", "error: unknown template variable '${vars.x}'; the manifest has no vars"),
            ])
    }

    @Test("a selector may not use ${agent.*}, in a query or a list")
    func agentInSelector() {
        expectDiagnostics(
            ManifestTestSupport.manifest(job: "", agents: "    agents: {query: 1️⃣'ClientMachine -eq \"${agent.ClientMachine}\"'}\n"),
            [("1️⃣", "error: '${agent.ClientMachine}' cannot be used in an agent selector: the agents are not known until it is resolved")])
        expectDiagnostics(
            ManifestTestSupport.manifest(job: "", agents: "    agents: {clientMachines: [1️⃣\"${agent.Username}\"]}\n"),
            [("1️⃣", "error: '${agent.Username}' cannot be used in an agent selector: the agents are not known until it is resolved")])
    }

    @Test("allowed environment variables may be used, in fields and selectors")
    func allowedEnvironment() {
        let text = ManifestTestSupport.manifest(
            job: "    fields: {Token: \"${env.TOKEN}\"}\n", agents: "    agents: {query: 'ClientMachine -eq \"${env.HOST}\"'}\n")
        #expect(ManifestTestSupport.decode(text, allowEnv: ["TOKEN", "HOST"]).diagnostics.isEmpty)
    }

    @Test("defaults' fields are checked in each job's scope, and reported once")
    func defaultFieldsScope() {
        let text = """
            apiVersion: kfjobs/v1
            kind: JobManifest
            metadata: {name: demo}
            defaults:
              fields: {Site: 1️⃣"${matrix.site}"}
            jobs:
              - {name: a, jobType: X, agents: {query: q}, matrix: {site: [eu]}}
              - {name: b, jobType: X, agents: {query: q}}
              - {name: c, jobType: X, agents: {query: q}}
            """
        expectDiagnostics(text, [("1️⃣", "error: unknown template variable '${matrix.site}'; the job has no matrix")])
    }
}
