import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KFJobs
import KeyfactorWire

/// `kfjobs job-types [NAME]`: each job type the server defines and its fields (name, type, required,
/// default), FetchLogs shown as the built-in one.
struct JobTypesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job-types",
        abstract: "List the job types and their fields as the server defines them (write fields).",
        discussion: "Reads every page of GET /JobTypes/Custom; FetchLogs is Keyfactor's built-in type, with no fields. Exit 1 for a NAME the server does not have."
    )

    @Argument(help: ArgumentHelp("Only this job type (names are case-sensitive).", valueName: "name"))
    var name: String?

    @OptionGroup var server: ServerOptions

    @Option(help: "text or json.")
    var output: OutputFormat = .text

    func run() async throws {
        try await reportingFailures {
            let (catalog, serverName) = try await ServerSession.with(server) { session in
                (try await JobTypeCatalog.fetch(using: session.client), session.server)
            }
            var types = catalog.jobTypes
            if let name {
                switch catalog.jobType(named: name) {
                case .success(let type): types = [type]
                case .failure(let unknown): throw CommandFailure(message: unknown.message, exitCode: 1)
                }
            }
            let document = JobTypesDocument(types, server: serverName)
            switch output {
            case .json: Terminal.output(document.encoded() + "\n")
            case .text: Terminal.output(Self.text(document))
            }
        }
    }

    static func text(_ document: JobTypesDocument) -> String {
        var text = ""
        for (index, type) in document.jobTypes.enumerated() {
            if index > 0 { text += "\n" }
            let description = type.description.map { "  " + $0 } ?? ""
            text += type.name + (type.builtIn ? " (built in)" : "") + description + "\n"
            guard !type.fields.isEmpty else {
                text += "  no fields\n"
                continue
            }
            let table = PlanTextRenderer.table(
                header: ["FIELD", "TYPE", "REQUIRED", "DEFAULT"],
                rows: type.fields.map { [$0.name, $0.type, $0.required ? "yes" : "no", $0.default ?? "-"] })
            text += table
        }
        return text
    }
}
