import ArgumentParser
import KFJobs

/// The `kfjobs` command: manifests in git to Keyfactor Command custom orchestrator jobs.
@main
struct KFJobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kfjobs",
        abstract: "Turn YAML job manifests into Keyfactor Command custom orchestrator jobs.",
        discussion: """
            New here? kfjobs apply examples/fetch-logs.yaml --simulate, then kfjobs status --simulate --wait, \
            then kfjobs ledger: a simulated Keyfactor Command that remembers its jobs between commands.
            """,
        version: BuildVersion.full,
        // In the order a newcomer meets them: look around, write a manifest, check it, run it, follow it;
        // then checking a real server, the standalone simulator and the schemas.
        subcommands: [
            AgentsCommand.self,
            JobTypesCommand.self,
            InitCommand.self,
            ValidateCommand.self,
            PlanCommand.self,
            ApplyCommand.self,
            StatusCommand.self,
            LedgerCommand.self,
            UnscheduleCommand.self,
            DoctorCommand.self,
            SimulatorCommand.self,
            SchemaCommand.self,
        ]
    )
}
