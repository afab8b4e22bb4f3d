// Loads YAML files the way kfjobs does (read whole, then YAMLParser builds the located tree) and
// prints the node count and the wall and CPU time of the load itself, for bench/yaml-load.sh. Nothing
// else runs, so this isolates our libyaml binding from manifest decoding and validation.
import Foundation
import YAMLTree

/// This process's CPU time (user + system, all threads), in seconds.
func cpuSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

var status: Int32 = 0
for path in CommandLine.arguments.dropFirst() {
    let clock = ContinuousClock()
    let start = clock.now
    let cpuStart = cpuSeconds()
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
        exit(1)
    }
    let result = YAMLParser.parse([UInt8](data), file: path, limits: YAMLLimits(maxInputBytes: Int.max))
    let cpu = cpuSeconds() - cpuStart
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    for diagnostic in result.diagnostics { FileHandle.standardError.write(Data("\(diagnostic)\n".utf8)) }
    if !result.diagnostics.isEmpty { status = 1 }
    print("\(path): \(result.documents.reduce(0) { $0 + $1.nodeCount }) nodes in \(result.documents.count) documents, load \(seconds) s, cpu \(cpu) s")
}
exit(status)
