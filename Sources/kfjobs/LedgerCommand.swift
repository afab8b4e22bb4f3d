import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability
import KFJobs

/// `kfjobs ledger`: the latest state of every job the ledgers hold, as text, JSON or CSV.
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Print the ledger's latest state per job (text, json or csv).",
        discussion: "Give --ledger more than once to merge the ledgers of shards. Reads only; takes no lock.",
        subcommands: [LedgerCompactCommand.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv
    }

    @OptionGroup var ledgers: LedgerInputOptions

    /// `--output`, in a group that `ledger compact` shares (a subcommand's own would be taken by this one).
    struct OutputOption: ParsableArguments {
        @Option(help: "text, json or csv.")
        var output: Format = .text
    }

    @OptionGroup var format: OutputOption
    var output: Format { format.output }

    struct Row: Encodable {
        var key: String
        var server: String
        var agentId: String
        var clientMachine: String
        var jobTypeName: String
        var outcome: String
        var jobId: String?
        var at: String
        var run: String
        var error: JobOutcome.ErrorInfo?
        /// The `--resubmit` token the job was last sent under.
        var resubmitToken: String?
    }

    func run() async throws {
        try await reportingFailures { try print(ledgers.state()) }
    }

    private func print(_ state: LedgerState) throws {
        let rows = state.entries.map { entry -> Row in
            if let intent = entry.openIntent {
                return Row(
                    key: entry.key, server: entry.server, agentId: intent.identity.agentId, clientMachine: intent.identity.clientMachine,
                    jobTypeName: intent.identity.jobTypeName, outcome: "pending", jobId: nil, at: intent.at, run: intent.run, error: nil,
                    resubmitToken: nil)
            }
            let outcome = entry.lastOutcome
            return Row(
                key: entry.key, server: entry.server, agentId: outcome?.identity.agentId ?? "",
                clientMachine: outcome?.identity.clientMachine ?? "", jobTypeName: outcome?.identity.jobTypeName ?? "",
                outcome: outcome?.kind?.rawValue ?? "", jobId: outcome?.jobId, at: outcome?.at ?? "", run: outcome?.run ?? "",
                error: outcome?.error, resubmitToken: outcome?.resubmitToken)
        }
        switch output {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Terminal.output(String(decoding: try encoder.encode(rows), as: UTF8.self) + "\n")
        case .csv:
            var text = "key,agentId,clientMachine,jobTypeName,outcome,jobId,at\n"
            for row in rows {
                text += [row.key, row.agentId, row.clientMachine, row.jobTypeName, row.outcome, row.jobId ?? "", row.at]
                    .map(Self.csvField).joined(separator: ",") + "\n"
            }
            Terminal.output(text)
        case .text:
            let table = PlanTextRenderer.table(
                header: ["KEY", "ORCHESTRATOR", "OUTCOME", "JOB ID", "AT"],
                rows: rows.map { [$0.key, $0.clientMachine, $0.outcome, $0.jobId ?? "-", $0.at] })
            Terminal.output(rows.isEmpty ? "the ledger holds no jobs\n" : table)
        }
    }

    /// RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled.
    static func csvField(_ value: String) -> String {
        guard value.contains(where: { ",\"\n\r".contains($0) }) else { return value }
        return "\"" + value.replacingLiteral("\"", with: "\"\"") + "\""
    }
}
