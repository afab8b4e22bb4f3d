import ArgumentParser
import Foundation
import KFJobs
import KFJobsManifest
import YAMLTree

/// `kfjobs validate PATH...`: offline checks of manifests; exit 0 when clean, 1 on any error.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check manifests offline: YAML, structure, schedules, templates.",
        discussion: "Needs no server. Every problem is reported, each at its file, line and column."
    )

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

    func run() async throws {
        let (sources, loadDiagnostics) = input.loadSources()
        var diagnostics = loadDiagnostics
        var inputs: [ManifestInput] = []
        var skipped: [WalkedInput.Skipped] = []
        let walked = input.walked(sources)
        for source in sources {
            guard let result = WalkedInput.read(
                source.parse(limits: input.limits), file: source.name, walked: walked.contains(source.name), skipped: &skipped)
            else { continue }
            diagnostics += result.diagnostics
            // A file the YAML parser rejected is not decoded: its tree may be partial, and the manifest
            // errors would only repeat the YAML one.
            if !result.diagnostics.containsErrors {
                inputs.append(ManifestInput(file: source.name, documents: result.documents))
            }
        }
        let now = Date()
        let decoded = ManifestDecoder(now: now, allowedEnvironment: Set(allowEnv)).decode(inputs)
        diagnostics += decoded.diagnostics
        // Expanding checks what only shows once templates are rendered (ids made from matrix values);
        // validating must not need the secrets, so allowed variables that are unset are no error here.
        let environment = ProcessInfo.processInfo.environment
        let values = environment.filter { allowEnv.contains($0.key) }
        diagnostics += ManifestExpander(environment: values, now: now, requiresEnvironment: false)
            .expand(decoded.manifests).diagnostics

        input.report(skipped: skipped)
        let printer = DiagnosticPrinter(sources: sources, environment: environment, githubAnnotations: githubAnnotations)
        printer.print(diagnostics)
        if diagnostics.containsErrors {
            let errors = diagnostics.filter { $0.severity == .error }.count
            FileHandle.standardError.write(Data("\(errors) error\(errors == 1 ? "" : "s")\n".utf8))
            throw ExitCode(1)
        }
        let count = decoded.manifests.count
        let files = sources.count - skipped.count
        print("\(count) manifest\(count == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s"): valid")
    }
}
