import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability
import Diagnostics
import KFJobs
import KFJobsManifest
import KeyfactorWire
import YAMLTree

/// `kfjobs agents --query Q | --ids ID... | --client-machines NAME...`: the orchestrators a selector
/// matches, whether a job would go to each and why not, and the count an `expect` guard would see.
struct AgentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agents",
        abstract: "List the orchestrators a selector matches, with whether a job would go there (write a selector).",
        discussion: """
            Runs the selector as plan does (every page; ids and names OR-ed in batches) and judges each match \
            by the plan's rule: approved (Status 2), the LOGS capability for FetchLogs (--job-type FetchLogs), \
            seen within --last-seen-within. The last line is the count a manifest's expect guard would see. \
            Exit 1 when the server rejects the query or a named id or machine matches nothing.
            """
    )

    @Option(help: ArgumentHelp("A Keyfactor Command query, as a manifest's agents.query.", valueName: "query"))
    var query: String?

    @Option(parsing: .upToNextOption, help: ArgumentHelp("AgentIds (GUIDs), as a manifest's agents.ids.", valueName: "id"))
    var ids: [String] = []

    @Option(name: .customLong("client-machines"), parsing: .upToNextOption, help: ArgumentHelp(
        "ClientMachine names, as a manifest's agents.clientMachines.", valueName: "name"))
    var clientMachines: [String] = []

    @Option(name: .customLong("job-type"), help: ArgumentHelp("Judge eligibility for this job type (FetchLogs needs LOGS).", valueName: "name"))
    var jobType: String?

    @Option(name: .customLong("last-seen-within"), help: ArgumentHelp(
        "Count orchestrators not seen for longer as excluded, e.g. 24h (as a manifest's lastSeenWithin).", valueName: "duration"))
    var lastSeenWithin: WaitDuration?

    @OptionGroup var server: ServerOptions

    @Option(help: "text, json or csv.")
    var output: LedgerCommand.Format = .text

    func validate() throws {
        let given = [query != nil, !ids.isEmpty, !clientMachines.isEmpty].filter { $0 }.count
        guard given == 1 else { throw ValidationError("give exactly one of --query, --ids, --client-machines") }
        if let query, query.trimmingWhitespace().isEmpty {
            throw ValidationError("--query must not be empty (an empty query matches every orchestrator)")
        }
    }

    /// The selector, as a manifest's would be after rendering.
    var selector: RenderedSelector {
        let at = SourceLocation(file: DiscoverySession.queryName, line: 1, column: 1)
        if let query { return .query(Located(query, at: at)) }
        if !ids.isEmpty { return .ids(Self.split(ids).map { Located($0, at: at) }) }
        return .clientMachines(Self.split(clientMachines).map { Located($0, at: at) })
    }

    /// `a,b c` given as one or several arguments: each name once, in the order given.
    static func split(_ arguments: [String]) -> [String] {
        var seen = Set<String>()
        return arguments.flatMap { $0.split(separator: ",") }.map { $0.trimmingWhitespace() }
            .filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }
    }

    func run() async throws {
        try await reportingFailures {
            let discovery = AgentDiscovery(jobType: jobType, lastSeenWithin: lastSeenWithin.map { Int($0.seconds) }, now: Date())
            let selector = self.selector
            let (report, serverName) = try await ServerSession.with(server) { session in
                do {
                    return (try await discovery.discover(selector, using: session.client), session.server)
                } catch let rejection as AgentDiscovery.Rejection {
                    throw DiscoverySession.report(rejection, typed: query)
                }
            }
            let document = AgentsDocument(report, selector: selector, discovery: discovery, server: serverName)
            switch output {
            case .json: Terminal.output(document.encoded() + "\n")
            case .csv: Terminal.output(Self.csv(document))
            case .text: Terminal.output(Self.text(document))
            }
            for id in report.unknownIds { Terminal.error("error: no orchestrator has AgentId \(id)") }
            for name in report.unknownNames { Terminal.error("error: no orchestrator is named '\(name)'") }
            if !report.unknownIds.isEmpty || !report.unknownNames.isEmpty { throw ExitCode(1) }
        }
    }

    static func text(_ document: AgentsDocument) -> String {
        let rows = document.agents.map { agent in
            [agent.clientMachine, agent.agentId, agent.statusName, agent.platformName, agent.version ?? "-",
             agent.capabilities.isEmpty ? "-" : agent.capabilities.joined(separator: ","),
             agent.lastSeen.map(Self.age) ?? "never", agent.eligible ? "yes" : "no: " + (agent.reason ?? "")]
        }
        let table = rows.isEmpty ? "no orchestrator matches\n" : PlanTextRenderer.table(
            header: ["CLIENT MACHINE", "AGENT ID", "STATUS", "PLATFORM", "VERSION", "CAPABILITIES", "LAST SEEN", "JOB WOULD GO THERE"],
            rows: rows)
        let judged = document.jobType.map { " for \($0)" } ?? ""
        return table + "\(document.matched) matched, \(document.eligible) eligible\(judged): an expect guard would count \(document.eligible)\n"
    }

    /// `3d ago`, from an RFC 3339 time.
    static func age(_ time: String) -> String {
        guard let date = KeyfactorDate.parse(time) else { return time }
        let seconds = max(0, Date().timeIntervalSince(date))
        return seconds < 60 ? "just now" : AgentAge.describe(seconds) + " ago"
    }

    static func csv(_ document: AgentsDocument) -> String {
        var lines = ["clientMachine,agentId,status,platform,version,capabilities,lastSeen,eligible,reason"]
        for agent in document.agents {
            lines.append([agent.clientMachine, agent.agentId, agent.statusName, agent.platformName, agent.version ?? "",
                          agent.capabilities.joined(separator: " "), agent.lastSeen ?? "", agent.eligible ? "true" : "false",
                          agent.reason ?? ""].map(LedgerCommand.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
