import ArgumentParser

/// `kfjobs validate PATH...`: offline checks of manifests.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check manifests offline: YAML, structure, schedules, templates."
    )

    @Argument(help: "Manifest files, directories of *.yaml/*.yml, or - for stdin.")
    var paths: [String]

    func run() async throws {}
}
