import ArgumentParser
import KFJobs
import KFJobsManifest
import KeyfactorAPI
import KeyfactorSimulator

/// `kfjobs schema NAME`: prints one of kfjobs' JSON Schemas, for editors and CI.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print a JSON Schema (draft-07).",
        discussion: "Editors use the manifest schema for completion and hover docs; add this first line to a manifest:\n# yaml-language-server: $schema=PATH/kfjobs-manifest.schema.json"
    )

    /// The schemas kfjobs can print; each owner adds theirs here.
    enum Name: String, ExpressibleByArgument, CaseIterable {
        case manifest, ledger, plan, fleet, status, unschedule, agents, doctor
        case jobTypes = "job-types"
        case ledgerCompact = "ledger-compact"

        var json: String {
            switch self {
            case .manifest: ManifestSchema.json
            case .ledger: LedgerSchema.json
            case .plan: PlanSchema.json
            case .fleet: FleetSchema.json
            case .status: StatusSchema.json
            case .unschedule: UnscheduleSchema.json
            case .doctor: DoctorSchema.json
            case .agents: AgentsSchema.json
            case .jobTypes: JobTypesSchema.json
            case .ledgerCompact: LedgerCompactSchema.json
            }
        }
    }

    @Argument(help: "Which schema: \(Name.allCases.map(\.rawValue).joined(separator: ", ")).")
    var name: Name = .manifest

    func run() throws {
        Terminal.output(name.json + "\n")
    }
}
