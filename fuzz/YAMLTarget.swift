// libFuzzer target over the YAML layer: libyaml's events through YAMLTree's builder into located
// nodes, with the default limits and with tight ones (so the limit paths are reached too).
import Foundation
import YAMLTree

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    for limits in [YAMLLimits(), YAMLLimits(maxDepth: 8, maxAliasNodes: 64, maxInputBytes: 4096)] {
        let result = YAMLParser.parse(bytes, file: FuzzChecks.file, limits: limits)
        FuzzChecks.locations(result.diagnostics, in: bytes)
        if bytes.count > limits.maxInputBytes, !result.diagnostics.containsErrors {
            fatalError("input over the size limit accepted")
        }
        // The alias budget bounds what aliases add; everything else was written in the input.
        let nodes = result.documents.reduce(0) { $0 + $1.nodeCount }
        if nodes > bytes.count + limits.maxAliasNodes + 1 {
            fatalError("\(nodes) nodes from \(bytes.count) bytes: the alias budget did not hold")
        }
        // The printer's view of the input must hold every line a diagnostic names.
        let lines = SourceLines(bytes)
        for diagnostic in result.diagnostics {
            if let location = diagnostic.location { _ = lines.line(location.line) }
        }
    }
    return 0
}
