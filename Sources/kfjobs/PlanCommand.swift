import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability
import KFJobs

/// `kfjobs plan PATH...`: resolve, expand and validate against the server; print what apply would do.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what apply would submit, adopt, replace, skip or unschedule; nothing is submitted.",
        discussion: "Reads the server (job types, agents, scheduled jobs) and the ledger, never writes either."
    )

    @OptionGroup var manifests: ManifestOptions
    @OptionGroup var server: ServerOptions
    @OptionGroup var planning: PlanningOptions
    @OptionGroup var sandbox: SandboxOptions

    @Option(help: "text or json.")
    var output: OutputFormat = .text

    @Option(help: ArgumentHelp("Also save the plan as JSON to this file, for review or `apply --plan`.", valueName: "file"))
    var out: String?

    @Flag(name: .customLong("detailed-exitcode"), help: "Exit 0 when the plan changes nothing, 2 when apply would send anything, 1 on errors (for drift checks).")
    var detailedExitcode = false

    func run() async throws {
        try await reportingFailures {
            let ledger = try LedgerFiles.state(ifPresent: planning.ledger)
            try await PlanningRun.with(
                manifests: manifests, server: server, ledger: ledger, prune: planning.prune,
                sandbox: sandbox.sandbox(ledger: planning.ledger, saves: false), now: Date(), resubmit: try planning.resubmitToken()
            ) { run in
                try PlanOutput.emit(run, format: output, out: out, maxJobs: planning.maxJobs, ledgerPath: planning.ledger)
                if detailedExitcode { throw ExitCode(run.plan.detailedExitCode) }
            }
        }
    }
}

/// Options plan and apply share: the ledger, the job limit, pruning.
struct PlanningOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The ledger to read (and for apply, write).", valueName: "file"))
    var ledger = LedgerFiles.defaultPath

    @Option(name: .customLong("max-jobs"), help: ArgumentHelp("Refuse to apply a plan that sends more requests than this.", valueName: "n"))
    var maxJobs = 1000

    @Flag(help: "Unschedule recurring jobs the ledger holds that no manifest defines any more.")
    var prune = false

    @Option(help: ArgumentHelp(
        "Send again the immediate and run-once jobs the ledger holds as done, at most once per token (e.g. $GITHUB_RUN_ID).",
        valueName: "token"))
    var resubmit: String?

    func validate() throws {
        guard maxJobs >= 0 else { throw ValidationError("--max-jobs must be 0 or more") }
        _ = try resubmitToken()
    }

    /// `--resubmit`'s token; a bad one is a usage error (exit 64).
    func resubmitToken() throws -> ResubmitToken? {
        guard let resubmit else { return nil }
        switch ResubmitToken.parse(resubmit) {
        case .success(let token): return token
        case .failure(let error): throw ValidationError(error.message)
        }
    }
}

/// Printing a plan: diagnostics on stderr, the plan on stdout, optionally saved; exit 1 on errors.
enum PlanOutput {
    static func emit(_ run: PlanningRun, format: OutputFormat, out: String?, maxJobs: Int, ledgerPath: String) throws {
        run.printer.print(run.loaded.diagnostics + run.plan.diagnostics)
        let document = PlanDocument(plan: run.plan, inputs: run.loaded.inputs, maxJobs: maxJobs, createdAt: Date())
        if let out {
            do {
                try document.encoded().write(to: URL(fileURLWithPath: out))
            } catch {
                throw CommandFailure(message: "cannot write the plan to \(out): \(ErrorReason.of(error))", exitCode: 1)
            }
        }
        switch format {
        case .json:
            Terminal.output(String(decoding: try document.encoded(), as: UTF8.self) + "\n")
        case .text:
            Terminal.output(PlanTextRenderer.render(run.plan, maxJobs: maxJobs, ledgerPath: ledgerPath))
        }
        // On GitHub Actions the plan is also readable on the run's page.
        StepSummary.append(PlanMarkdownRenderer.render(run.plan, maxJobs: maxJobs), environment: ProcessEnvironment.current)
        if run.plan.errorCount > 0 {
            Terminal.error(ErrorCount.summary(run.plan.diagnostics))
            throw ExitCode(1)
        }
    }
}
