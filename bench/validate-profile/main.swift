// What `kfjobs validate` runs on a manifest (parse, decode, expand, as ValidateCommand does) without
// the command line, with the resident memory after each phase, for bench/validate-profile.sh.
import Diagnostics
import Foundation
import KFJobsManifest
import YAMLTree

func rssMB() -> String {
    let text = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    return text.split(separator: "\n").filter { $0.hasPrefix("VmRSS") || $0.hasPrefix("VmHWM") }.joined(separator: " ")
}

let path = CommandLine.arguments[1]
guard let data = FileManager.default.contents(atPath: path) else {
    FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
    exit(1)
}
let result = YAMLParser.parse([UInt8](data), file: path, limits: YAMLLimits())
var diagnostics = result.diagnostics
print("after parse", rssMB())
let now = Date()
let decoded = ManifestDecoder(now: now, allowedEnvironment: ["PURGE_TOKEN"]).decode([ManifestInput(file: path, documents: result.documents)])
diagnostics += decoded.diagnostics
print("after decode", rssMB())
diagnostics += ManifestExpander(environment: [:], now: now, requiresEnvironment: false).expand(decoded.manifests).diagnostics
print("after expand", rssMB())
print("\(decoded.manifests.count) manifests, \(diagnostics.count) diagnostics")
