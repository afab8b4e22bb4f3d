import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KFJobs

/// `kfjobs validate PATH...`: offline checks of manifests; exit 0 when clean, 1 on any error.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check manifests offline: YAML, structure, schedules, templates.",
        discussion: "Needs no server. Every problem is reported, each at its file, line and column."
    )

    @OptionGroup var manifests: ManifestOptions

    func run() async throws {
        // Expanding checks what only shows once templates are rendered (ids made from matrix values);
        // validating must not need the secrets, so allowed variables that are unset are no error here.
        // Only counts and diagnostics are printed: the instances are checked, not built (ManifestExpander.diagnostics(of:)).
        let (loaded, printer) = try manifests.load(now: Date(), requiresEnvironment: false, keepsInstances: false)
        printer.print(loaded.diagnostics)
        let count = loaded.manifests.count
        let files = loaded.sources.count
        Terminal.output("\(count) manifest\(count == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s"): valid\n")
        // The process ends after this command: the decoded manifests of a large input (hundreds of
        // thousands of small allocations, 3% of validate's instructions on 10 MB) are left for the
        // system to take back at exit instead of being freed one by one, as compilers leave their
        // trees (clang's -disable-free).
        _ = Unmanaged.passRetained(KeptUntilExit(loaded))
    }
}

/// A value retained on purpose until the process exits (``ValidateCommand``'s manifests).
private final class KeptUntilExit<Value>: Sendable where Value: Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
