import Diagnostics
import Foundation
import KFJobs
import KFJobsManifest
import YAMLTree

/// Shared helpers of the manifest tests: parsing text, decoding it, and a fixed clock.
enum ManifestTestSupport {
    /// 2026-11-29T10:15:00Z, a Sunday: the clock every test decodes and expands with.
    static let now = Date(timeIntervalSince1970: 1_795_947_300)

    /// The repository's root, found from this file's path.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func input(_ text: String, file: String = "m.yaml") -> (ManifestInput, [Diagnostic]) {
        let parsed = YAMLParser.parse(Array(text.utf8), file: file)
        return (ManifestInput(file: file, documents: parsed.documents), parsed.diagnostics)
    }

    /// The YAML parser's diagnostics followed by the decoder's.
    static func decode(
        _ texts: [(file: String, text: String)], now: Date = now, allowEnv: Set<String> = []
    ) -> (manifests: [Manifest], diagnostics: [Diagnostic]) {
        var inputs: [ManifestInput] = []
        var diagnostics: [Diagnostic] = []
        for (file, text) in texts {
            let (input, parseDiagnostics) = input(text, file: file)
            inputs.append(input)
            diagnostics += parseDiagnostics
        }
        let result = ManifestDecoder(now: now, allowedEnvironment: allowEnv).decode(inputs)
        return (result.manifests, diagnostics + result.diagnostics)
    }

    static func decode(_ text: String, now: Date = now, allowEnv: Set<String> = []) -> (manifests: [Manifest], diagnostics: [Diagnostic]) {
        decode([(file: "m.yaml", text: text)], now: now, allowEnv: allowEnv)
    }

    /// Each diagnostic as `LINE:COL: severity: message`, the form expectations are written in.
    static func rendered(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { diagnostic in
            let place = diagnostic.location.map { "\($0.line):\($0.column): " } ?? ""
            return place + "\(diagnostic.severity.rawValue): \(diagnostic.message)"
        }
    }

    /// A manifest with one job, `extra` lines appended to the job (indented 4 spaces already).
    static func manifest(job extra: String, agents: String = "    agents: {query: 'Status -eq 2'}\n", header: String = "") -> String {
        """
        apiVersion: kfjobs/v1
        kind: JobManifest
        metadata:
          name: demo
        \(header)jobs:
          - name: refresh
            jobType: RefreshInventory

        """ + agents + extra
    }
}
