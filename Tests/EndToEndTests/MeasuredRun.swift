import BinaryTestSupport
import Foundation
import TestSupport

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
        try await run(try PythonCheck.interpreter(), arguments)
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
