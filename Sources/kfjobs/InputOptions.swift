import ArgumentParser
import Diagnostics
import Foundation
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

    func validate() throws {
        guard maxInputMegabytes > 0 else {
            throw ValidationError("--max-input-size must be a positive number of megabytes")
        }
    }

    var limits: YAMLLimits { YAMLLimits(maxInputBytes: maxInputMegabytes * 1024 * 1024) }

    /// Reads every input (stdin at most once, up to the size limit).
    func loadSources() -> (sources: [YAMLSource], diagnostics: [Diagnostic]) {
        let limit = limits.maxInputBytes
        return YAMLSourceCollector(recursive: recursive, limits: limits).collect(paths) {
            // One byte more than the limit is enough for the parser to refuse the input as too large.
            var bytes: [UInt8] = []
            while bytes.count <= limit, let chunk = try? FileHandle.standardInput.read(upToCount: 1 << 16), !chunk.isEmpty {
                bytes.append(contentsOf: chunk)
            }
            return bytes
        }
    }
}
