import ArgumentParser
import KFJobs

/// The `kfjobs` command: manifests in git to Keyfactor Command custom orchestrator jobs.
@main
struct KFJobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kfjobs",
        abstract: "Turn YAML job manifests into Keyfactor Command custom orchestrator jobs.",
        version: BuildVersion.full,
        subcommands: [
            ValidateCommand.self,
            PlanCommand.self,
            ApplyCommand.self,
            LedgerCommand.self,
            StatusCommand.self,
            UnscheduleCommand.self,
            SchemaCommand.self,
            SimulatorCommand.self,
        ]
    )
}
