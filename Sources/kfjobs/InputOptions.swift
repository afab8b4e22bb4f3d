import ArgumentParser
import Diagnostics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability
import KFJobs
import KFJobsManifest
import YAMLTree

/// The manifest inputs every command that reads manifests takes: paths, `-R`, the input size limit.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Manifest files, directories of *.yaml/*.yml, or - for stdin.", valueName: "path"))
    var paths: [String]

    @Flag(name: [.customShort("R"), .customLong("recursive")], help: "Also read the subdirectories of directory paths.")
    var recursive = false

    @Option(name: .customLong("max-input-size"), help: ArgumentHelp("Largest input file, in MB.", valueName: "mb"))
    var maxInputMegabytes: Int = YAMLLimits.defaultMaxInputBytes / (1024 * 1024)

    @Flag(help: "List each file a directory walk skipped (other tools' YAML, simulator fleets) and why.")
    var verbose = false

    func validate() throws {
        guard maxInputMegabytes > 0 else {
            throw ValidationError("--max-input-size must be a positive number of megabytes")
        }
    }

    var limits: YAMLLimits { YAMLLimits(maxInputBytes: maxInputMegabytes * 1024 * 1024) }

    /// The sources a directory walk found: every one not named as given (a named file keeps its name).
    func walked(_ sources: [YAMLSource]) -> Set<String> {
        let named = Set(paths)
        return Set(sources.map(\.name).filter { !named.contains($0) })
    }

    /// One line on stderr for the files a walk skipped; with `--verbose`, one more per file.
    func report(skipped: [WalkedInput.Skipped]) {
        guard !skipped.isEmpty else { return }
        let counts = WalkedInput.Reason.allCases.compactMap { reason -> String? in
            let count = skipped.filter { $0.reason == reason }.count
            return count == 0 ? nil : reason.describe(count: count)
        }
        let files = skipped.count == 1 ? "1 file" : "\(skipped.count) files"
        Terminal.error("note: skipped \(files) that hold no kfjobs manifest (\(counts.joined(separator: ", ")))"
            + (verbose ? "" : "; --verbose lists them"))
        if verbose {
            for skip in skipped {
                Terminal.error("note: skipped \(skip.file): " + (skip.reason == .fleet ? "kind: SimulatorFleet" : "no apiVersion kfjobs/..."))
            }
        }
    }

    /// Reads every input (stdin at most once, up to the size limit).
    func loadSources() -> (sources: [YAMLSource], diagnostics: [Diagnostic]) {
        let limit = limits.maxInputBytes
        return YAMLSourceCollector(recursive: recursive, limits: limits).collect(paths) {
            // One byte more than the limit is enough for the parser to refuse the input as too large.
            StandardStream.readInput(limit: limit)
        }
    }
}
