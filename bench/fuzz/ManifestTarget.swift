// libFuzzer target over the manifest layer, as `kfjobs validate` runs it: YAML, then the manifest
// decoder, then offline expansion; every diagnostic is rendered as the command line prints it.
import Foundation
import KFJobsManifest
import YAMLTree

/// A fixed clock (2026-01-01T00:00:00Z), so a finding replays the same way on another day.
private let now = Date(timeIntervalSince1970: 1_767_225_600)
private let printer = DiagnosticPrinter(sources: [], environment: ["NO_COLOR": "1"], githubAnnotations: true)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let parsed = YAMLParser.parse(bytes, file: FuzzChecks.file)
    var diagnostics = parsed.diagnostics
    if !parsed.diagnostics.containsErrors {
        let input = ManifestInput(file: FuzzChecks.file, documents: parsed.documents)
        let decoded = ManifestDecoder(now: now, allowedEnvironment: ["FUZZ_SET", "FUZZ_UNSET"]).decode([input])
        diagnostics += decoded.diagnostics
        // A document that did not become a manifest must say why.
        let documents = parsed.documents.filter { $0.root.map { !$0.isNull } ?? false }
        if decoded.manifests.count < max(documents.count, 1), !decoded.diagnostics.containsErrors {
            fatalError("\(documents.count) documents, \(decoded.manifests.count) manifests, and no error")
        }
        let expanded = ManifestExpander(environment: ["FUZZ_SET": "value"], now: now, requiresEnvironment: false)
            .expand(decoded.manifests)
        diagnostics += expanded.diagnostics
        let jobs = decoded.manifests.reduce(0) { $0 + $1.jobs.count }
        if jobs > 0, expanded.instances.isEmpty, !expanded.diagnostics.containsErrors {
            fatalError("\(jobs) jobs expanded to nothing without an error")
        }
    }
    FuzzChecks.locations(diagnostics, in: bytes)
    let rendering = DiagnosticPrinter(sources: [YAMLSource(name: FuzzChecks.file, bytes: bytes)], environment: ["NO_COLOR": "1"])
    for diagnostic in diagnostics {
        _ = rendering.render(diagnostic)
        _ = printer.render(diagnostic)
    }
    return 0
}
