import BinaryTestSupport
import Foundation
import Testing

/// One input of the corpus and where its expectation is.
struct HostileCase: Sendable, CustomTestStringConvertible {
    enum Kind: String, Sendable, CaseIterable {
        case manifest, fleet
        var folder: String { rawValue + "s" }
    }

    var kind: Kind
    var name: String
    /// Made by `generate.py` (into `.build/hostile-inputs`) rather than committed.
    var generated: Bool

    var testDescription: String { (generated ? "generated/" : "") + "\(kind.folder)/\(name)" }

    static let corpus = KFJobsProcess.packageRoot.appendingPathComponent("Tests/HostileInputs")

    /// Every case: an input for each `.expected` file, committed or generated.
    static let all: [HostileCase] = [false, true].flatMap { generated in
        Kind.allCases.flatMap { kind in
            let folder = corpus.appendingPathComponent(generated ? "generated/\(kind.folder)" : kind.folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { $0.hasSuffix(".expected") }.sorted()
                .map { HostileCase(kind: kind, name: String($0.dropLast(".expected".count)), generated: generated) }
        }
    }

    func inputPath() async throws -> String {
        let base = generated ? try await GeneratedCorpus.shared.directory() : Self.corpus
        return base.appendingPathComponent("\(kind.folder)/\(name)").path
    }

    func expectation() throws -> HostileExpectation {
        let folder = Self.corpus.appendingPathComponent(generated ? "generated/\(kind.folder)" : kind.folder)
        return try HostileExpectation(String(contentsOf: folder.appendingPathComponent(name + ".expected"), encoding: .utf8))
    }
}

/// What an `.expected` file asks for (format: Tests/HostileInputs/README.md).
struct HostileExpectation {
    var fragments: [String] = []
    var arguments: [String] = []
    /// The issue's ceilings, unless the file raises them for an input whose cost is merely its size.
    var cpuSeconds = 2.0
    var peakMegabytes = 200.0

    init(_ text: String) throws {
        for line in text.split(separator: "\n").map(String.init) where !line.hasPrefix("#") && !line.isEmpty {
            if line.hasPrefix("args:") {
                arguments = line.dropFirst(5).split(separator: " ").map(String.init)
            } else if line.hasPrefix("limits:") {
                for setting in line.dropFirst(7).split(separator: " ") {
                    let parts = setting.split(separator: "=")
                    let value = try #require(parts.count == 2 ? Double(parts[1]) : nil, "bad limit \(setting)")
                    if parts[0] == "cpu" { cpuSeconds = value } else { peakMegabytes = value }
                }
            } else {
                fragments.append(line)
            }
        }
    }
}

/// The generated inputs, written once per test process into `.build/hostile-inputs`.
actor GeneratedCorpus {
    static let shared = GeneratedCorpus()
    private var generation: Task<URL, Error>?

    func directory() async throws -> URL {
        if let generation { return try await generation.value }
        let task = Task<URL, Error> {
            let directory = KFJobsProcess.packageRoot.appendingPathComponent(".build/hostile-inputs")
            try? FileManager.default.removeItem(at: directory)
            let status = try await MeasuredRun.runPython([HostileCase.corpus.appendingPathComponent("generate.py").path, directory.path])
            guard status.exitCode == 0 else { throw GenerationFailed(output: status.output) }
            return directory
        }
        generation = task
        return try await task.value
    }

    struct GenerationFailed: Error, CustomStringConvertible {
        var output: String
        var description: String { "generate.py failed: \(output)" }
    }
}
