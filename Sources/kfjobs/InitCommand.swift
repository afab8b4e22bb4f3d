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

/// `kfjobs init --job-type NAME [--query Q] [--name N] [--out FILE] [--force]`: a commented starter
/// manifest for a job type, from the server's field definitions and today's matches.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter manifest for a job type, from the server's fields.",
        discussion: """
            One job of the type, selecting with --query (default: approved orchestrators, with LOGS for \
            FetchLogs) and an expect guard set to today's eligible count; every field of the type as a \
            commented line with its type, whether it is required and its default. Required fields without a \
            default hold a placeholder that validate refuses until it is filled in. Printed on stdout, or \
            written to --out, which is never overwritten without --force.
            """
    )

    @Option(name: .customLong("job-type"), help: ArgumentHelp("The job type (see kfjobs job-types).", valueName: "name"))
    var jobType: String

    @Option(help: ArgumentHelp("The agents query of the job (see kfjobs agents).", valueName: "query"))
    var query: String?

    @Option(help: ArgumentHelp("The manifest's and the job's name (default: from the job type, e.g. refresh-inventory).", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("Write the manifest to this file instead of stdout.", valueName: "file"))
    var out: String?

    @Flag(help: "Overwrite --out if it exists.")
    var force = false

    @OptionGroup var server: ServerOptions

    func validate() throws {
        if let name, !StarterManifest.isValidName(name) {
            throw ValidationError("--name '\(name)' must be lower-case letters, digits and '-', at most 63, starting and ending with a letter or digit")
        }
        if let query, query.trimmingWhitespace().isEmpty {
            throw ValidationError("--query must not be empty (an empty query matches every orchestrator)")
        }
    }

    func run() async throws {
        try await reportingFailures {
            guard let manifestName = name ?? StarterManifest.defaultName(jobType: jobType) else {
                throw CommandFailure(message: "cannot make a manifest name from job type '\(jobType)'; give one with --name", exitCode: 64)
            }
            if let out, !force, FileManager.default.fileExists(atPath: out) {
                throw CommandFailure(message: "\(out) exists; kfjobs init never overwrites a file: choose another --out, or add --force", exitCode: 1)
            }
            let selectorQuery = query ?? StarterManifest.defaultQuery(jobType: jobType)
            let starter = try await ServerSession.with(server) { session in
                let type: KeyfactorWire.CustomJobType
                switch try await JobTypeCatalog.fetch(using: session.client).jobType(named: jobType) {
                case .success(let found): type = found
                case .failure(let unknown): throw CommandFailure(message: unknown.message, exitCode: 1)
                }
                let selector = RenderedSelector.query(Located(selectorQuery, at: SourceLocation(file: DiscoverySession.queryName, line: 1, column: 1)))
                let report: AgentDiscovery.Report
                do {
                    report = try await AgentDiscovery(jobType: type.jobTypeName, now: Date()).discover(selector, using: session.client)
                } catch let rejection as AgentDiscovery.Rejection {
                    throw DiscoverySession.report(rejection, typed: selectorQuery)
                }
                return StarterManifest(
                    jobType: type, name: manifestName, query: selectorQuery, eligible: report.eligibleCount, server: session.server)
            }
            guard let out else { return Terminal.output(starter.text) }
            do {
                try Data(starter.text.utf8).write(to: URL(fileURLWithPath: out), options: force ? [] : [.withoutOverwriting])
            } catch {
                throw CommandFailure(message: "cannot write \(out): \(ErrorReason.of(error))", exitCode: 1)
            }
            let placeholders = starter.jobType.jobTypeFields.filter { $0.required && ($0.defaultValue ?? "").isEmpty }.map(\.name)
            Terminal.error("wrote \(out): \(starter.jobType.jobTypeName) on \(starter.eligible) eligible orchestrators"
                + (placeholders.isEmpty ? "; check it with kfjobs plan \(out)" : "; fill in \(placeholders.joined(separator: ", ")), then kfjobs validate \(out)"))
        }
    }
}
