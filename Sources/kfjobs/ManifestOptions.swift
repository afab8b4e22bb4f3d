import ArgumentParser
import Diagnostics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KFJobs
import KFJobsManifest
import YAMLTree

/// The manifest inputs of validate, plan and apply: paths, `-R`, `--allow-env`, annotations.
struct ManifestOptions: ParsableArguments {
    @OptionGroup var input: InputOptions

    @Option(
        name: .customLong("allow-env"),
        help: ArgumentHelp("Allow ${env.NAME} in manifests (repeatable); never a KEYFACTOR_* credential variable.", valueName: "name"))
    var allowEnv: [String] = []

    @Flag(help: "Also print GitHub Actions annotations (on by default when GITHUB_ACTIONS=true).")
    var githubAnnotations = false

    func validate() throws {
        for name in allowEnv {
            if let problem = CredentialVariables.problem(allowing: name) { throw ValidationError(problem) }
        }
    }

    /// Reads, decodes and expands the manifests; prints every problem and exits 1 if any is an error.
    /// `requiresEnvironment`: whether an allowed variable that is unset is an error (not for validate).
    /// `keepsInstances`: whether the result holds the job instances (validate only needs them checked).
    func load(now: Date, requiresEnvironment: Bool = true, keepsInstances: Bool = true) throws -> (result: ManifestLoading.Result, printer: DiagnosticPrinter) {
        let environment = ProcessEnvironment.current
        let (sources, loadDiagnostics) = input.loadSources()
        let allowed = Set(allowEnv)
        var loading = ManifestLoading(
            limits: input.limits, allowedEnvironment: allowed,
            environment: environment.filter { allowed.contains($0.key) }, now: now)
        loading.walked = input.walked(sources)
        loading.requiresEnvironment = requiresEnvironment
        loading.keepsInstances = keepsInstances
        var result = loading.load(sources)
        input.report(skipped: result.skipped)
        result.diagnostics = loadDiagnostics + result.diagnostics
        let printer = DiagnosticPrinter(sources: sources, environment: environment, githubAnnotations: githubAnnotations)
        if result.diagnostics.containsErrors {
            printer.print(result.diagnostics)
            Terminal.error(ErrorCount.summary(result.diagnostics))
            throw ExitCode(1)
        }
        return (result, printer)
    }
}

/// `N errors`, for the last line on stderr.
enum ErrorCount {
    static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        return "\(errors) error\(errors == 1 ? "" : "s")"
    }
}
