// What `kfjobs validate` runs on a manifest (read, parse, decode, expand, as ValidateCommand and
// ManifestLoading do) without the command line, with the resident memory after each phase, for
// bench/validate-profile.sh. As in ManifestLoading, the YAML trees live only until decoding is done,
// and validate's instances are checked without being built (ManifestExpander.diagnostics(of:)).
import Diagnostics
import Foundation
import KFJobsManifest
import YAMLTree

func rssMB() -> String {
    let text = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    return text.split(separator: "\n").filter { $0.hasPrefix("VmRSS") || $0.hasPrefix("VmHWM") }.joined(separator: " ")
}

/// ManifestLoading's parse and decode: the trees are local to this function.
func decode(_ source: YAMLSource, now: Date, diagnostics: inout [Diagnostic]) -> ManifestDecodingResult {
    var inputs: [ManifestInput] = []
    do {
        let parsed = source.parse(limits: YAMLLimits())
        diagnostics += parsed.diagnostics
        print("after parse", rssMB())
        if !parsed.diagnostics.containsErrors { inputs.append(ManifestInput(file: source.name, documents: parsed.documents)) }
    }
    // The decoder frees each job's nodes once decoded when it holds the only copy, as ManifestLoading's.
    return ManifestDecoder(now: now, allowedEnvironment: ["PURGE_TOKEN"]).decode(consume inputs)
}

func run(_ path: String) -> Int32 {
    // Read as kfjobs reads a named file (YAMLSourceCollector), into the bytes the printer keeps.
    let source: YAMLSource
    switch YAMLSourceCollector(recursive: false, limits: YAMLLimits()).read(path) {
    case .success(let read): source = read
    case .failure(let diagnostic):
        FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
        return 1
    }
    var diagnostics: [Diagnostic] = []
    let now = Date()
    let decoded = decode(source, now: now, diagnostics: &diagnostics)
    diagnostics += decoded.diagnostics
    print("after decode", rssMB())
    diagnostics += ManifestExpander(environment: [:], now: now, requiresEnvironment: false).diagnostics(of: decoded.manifests)
    print("after expand", rssMB())
    let jobs = decoded.manifests.reduce(0) { $0 + $1.jobs.count }
    print("\(decoded.manifests.count) manifests, \(jobs) jobs, \(diagnostics.count) diagnostics")
    // As ValidateCommand does, the decoded manifests are not freed before the process exits.
    _ = Unmanaged.passRetained(decoded.manifests as AnyObject)
    return 0
}

exit(run(CommandLine.arguments[1]))
