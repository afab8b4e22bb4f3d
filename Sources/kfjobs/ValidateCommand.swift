import ArgumentParser
import Foundation
import YAMLTree

/// `kfjobs validate PATH...`: offline checks of manifests; exit 0 when clean, 1 on any error.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check manifests offline: YAML, structure, schedules, templates.",
        discussion: "Needs no server. Every problem is reported, each at its file, line and column."
    )

    @OptionGroup var input: InputOptions

    @Flag(help: "Also print GitHub Actions annotations (on by default when GITHUB_ACTIONS=true).")
    var githubAnnotations = false

    func run() async throws {
        let (sources, loadDiagnostics) = input.loadSources()
        var diagnostics = loadDiagnostics
        var documentCount = 0
        for source in sources {
            let result = source.parse(limits: input.limits)
            diagnostics += result.diagnostics
            documentCount += result.documents.count
            if result.documents.isEmpty, result.diagnostics.isEmpty {
                diagnostics.append(.error("no manifest in \(source.name)", at: SourceLocation(file: source.name, line: 1, column: 1)))
            }
        }
        let printer = DiagnosticPrinter(
            sources: sources, environment: ProcessInfo.processInfo.environment, githubAnnotations: githubAnnotations
        )
        printer.print(diagnostics)
        if diagnostics.containsErrors {
            let errors = diagnostics.filter { $0.severity == .error }.count
            FileHandle.standardError.write(Data("\(errors) error\(errors == 1 ? "" : "s")\n".utf8))
            throw ExitCode(1)
        }
        print("\(documentCount) manifest\(documentCount == 1 ? "" : "s") in \(sources.count) file\(sources.count == 1 ? "" : "s"): valid")
    }
}
