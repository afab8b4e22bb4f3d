import BinaryTestSupport
import Foundation
import Testing

extension BinaryTests {
    /// The hostile-input corpus (Tests/HostileInputs): each manifest through `kfjobs validate`, each fleet
    /// through `kfjobs simulator --fleet` and `kfjobs plan --fleet`. Every one must be refused with exit
    /// 1 and the located errors its `.expected` file lists, without a crash or a hang, within its CPU
    /// time and peak-memory ceilings (taken from `wait4`, so a busy machine does not make them flake).
    @Suite("Hostile inputs (binary)", .serialized)
    struct HostileInputTests {
        @Test(arguments: HostileCase.all)
        func refusedWithALocatedErrorWithinItsCeilings(_ hostile: HostileCase) async throws {
            let input = try await hostile.inputPath()
            let expectation = try hostile.expectation()
            let commands: [[String]] = switch hostile.kind {
            case .manifest: [["validate"] + expectation.arguments + [input]]
            case .fleet: [
                ["simulator", "--port", "0", "--fleet", input],
                ["plan", KFJobsProcess.packageRoot.appendingPathComponent("examples/fetch-logs.yaml").path, "--fleet", input],
            ]
            }
            for command in commands {
                let run = try await MeasuredRun.start(command)
                let what = "kfjobs \(command.first ?? "") on \(hostile)"
                #expect(run.signal == nil, "\(what) was killed by signal \(run.signal ?? 0)\n\(run.stderr)")
                #expect(!run.timedOut, "\(what) did not end within \(MeasuredRun.wallTimeout) s")
                #expect(run.exitCode == 1, "\(what) exited \(run.exitCode.map(String.init) ?? "-")\n\(run.stderr)")
                #expect(run.stdout.isEmpty, "\(what) printed a result: \(run.stdout.prefix(300))")
                for fragment in expectation.fragments {
                    let expected = fragment.replacingOccurrences(of: "{path}", with: input)
                    #expect(run.stderr.contains(expected), "\(what): no \"\(expected)\" in:\n\(run.stderr.prefix(2000))")
                }
                #expect(run.cpuSeconds <= expectation.cpuSeconds, "\(what) took \(run.cpuSeconds) s of CPU")
                #expect(run.peakMegabytes <= expectation.peakMegabytes, "\(what) peaked at \(run.peakMegabytes) MB")
            }
        }

        /// Reading without waiting for a FIFO's writer must not cost what a FIFO is for: a process
        /// substitution (a pipe with a writer) is read to its end.
        @Test func aProcessSubstitutionIsRead() async throws {
            let manifest = KFJobsProcess.packageRoot.appendingPathComponent("examples/fetch-logs.yaml").path
            let result = try await MeasuredRun.run(
                "/bin/bash", ["-c", "exec \"$0\" validate <(cat \"$1\")", KFJobsProcess.binary.path, manifest])
            #expect(result.exitCode == 0, "\(result.output)")
            #expect(result.output == "1 manifest in 1 file: valid")
        }

        /// Every expectation names the input; generated expectations match what the generator writes.
        @Test func theCorpusIsConsistent() async throws {
            #expect(HostileCase.all.filter { $0.kind == .manifest }.count >= 45)
            #expect(HostileCase.all.filter { $0.kind == .fleet }.count >= 20)
            for hostile in HostileCase.all {
                #expect(try hostile.expectation().fragments.contains { $0.contains("{path}") }, "\(hostile) names no file")
            }
            let generated = try await GeneratedCorpus.shared.directory()
            for kind in HostileCase.Kind.allCases {
                let written = try FileManager.default.contentsOfDirectory(atPath: generated.appendingPathComponent(kind.folder).path).sorted()
                let expected = HostileCase.all.filter { $0.generated && $0.kind == kind }.map(\.name).sorted()
                #expect(written == expected)
            }
        }
    }
}

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

/// One run of the binary under `measure.py`: how it ended, what it printed, its CPU time and peak memory.
struct MeasuredRun: Decodable {
    var exitCode: Int32?
    var signal: Int32?
    var cpuSeconds: Double
    var peakMegabytes: Double
    var timedOut: Bool
    var stdout = ""
    var stderr = ""

    enum CodingKeys: String, CodingKey { case exitCode, signal, cpuSeconds, peakMegabytes, timedOut }

    /// Wall time after which a run counts as hung: far above any input's CPU ceiling, since what it
    /// catches (a read that waits for ever) uses no CPU at all.
    static let wallTimeout = 120.0

    static func start(_ arguments: [String]) async throws -> MeasuredRun {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kfjobs-measured-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("stdout").path
        let err = scratch.appendingPathComponent("stderr").path
        let script = HostileCase.corpus.appendingPathComponent("measure.py").path
        let result = try await runPython([script, String(wallTimeout), out, err, "--", KFJobsProcess.binary.path] + arguments)
        var run = try JSONDecoder().decode(MeasuredRun.self, from: Data(result.output.utf8))
        run.stdout = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        run.stderr = String(decoding: FileManager.default.contents(atPath: err) ?? Data(), as: UTF8.self)
        return run
    }

    static func runPython(_ arguments: [String]) async throws -> (exitCode: Int32, output: String) {
        try await run("/usr/bin/env", ["python3"] + arguments)
    }

    /// Runs a program without blocking a thread of the cooperative pool: the end of the process resumes
    /// the caller. Its output (a line or two) fits the pipe's buffer, so it is read once it has ended.
    static func run(_ executable: String, _ arguments: [String]) async throws -> (exitCode: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GITHUB_ACTIONS"] = nil
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
