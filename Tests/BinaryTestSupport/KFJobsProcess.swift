import Foundation

/// Runs the built `kfjobs` binary as a user would, and captures what it printed and how it exited.
public struct KFJobsProcess {
    /// How the process ended and everything it printed.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The package's root folder, found from this file's path.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary built beside the test bundle (both live in the build folder's configuration directory).
    public static var binary: URL {
        let besideTests = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("kfjobs")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        let fromArgument = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("kfjobs")
        if FileManager.default.isExecutableFile(atPath: fromArgument.path) { return fromArgument }
        return packageRoot.appendingPathComponent(".build/debug/kfjobs")
    }

    /// Runs `kfjobs ARGUMENTS` in `directory` (the package root by default) with `stdin` as its input.
    public static func run(
        _ arguments: [String], stdin: String = "", environment: [String: String] = [:], in directory: URL? = nil
    ) throws -> Result {
        try RunningKFJobs(arguments, stdin: stdin, environment: environment, in: directory).wait()
    }
}

/// Data handed from a reader thread to the test, once.
final class LockedData: @unchecked Sendable {
    private let condition = NSCondition()
    private var data: Data?

    func set(_ value: Data) {
        condition.lock()
        data = value
        condition.signal()
        condition.unlock()
    }

    func wait() -> Data {
        condition.lock()
        defer { condition.unlock() }
        while data == nil { condition.wait() }
        return data ?? Data()
    }
}

/// A `kfjobs` process still running, for tests that signal or kill it mid-run.
public final class RunningKFJobs: @unchecked Sendable {
    public let process = Process()
    private let output = Pipe()
    private let error = Pipe()
    private let outputData = LockedData()
    private let errorData = LockedData()

    /// Starts `kfjobs ARGUMENTS` in `directory` (the package root by default), `stdin` written to it
    /// and closed; both outputs are read on threads of their own, so neither pipe can fill and block it.
    /// `executable` runs instead of kfjobs (a script of the repository, a test server) when given.
    public init(
        _ arguments: [String], stdin: String = "", environment: [String: String] = [:], in directory: URL? = nil, executable: URL? = nil
    ) throws {
        process.executableURL = executable ?? KFJobsProcess.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? KFJobsProcess.packageRoot
        var env = ProcessInfo.processInfo.environment
        env["GITHUB_ACTIONS"] = nil
        env["NO_COLOR"] = "1"
        // The machine's proxies must not decide where a test's requests go; proxy tests set their own.
        for name in ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"] { env[name] = nil }
        env.merge(environment) { _, new in new }
        process.environment = env
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputHandle = output.fileHandleForReading
        let errorHandle = error.fileHandleForReading
        Thread { [outputData] in outputData.set(outputHandle.readDataToEndOfFile()) }.start()
        Thread { [errorData] in errorData.set(errorHandle.readDataToEndOfFile()) }.start()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
    }

    public func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Waits for the process to end and returns what it printed.
    public func wait() -> KFJobsProcess.Result {
        process.waitUntilExit()
        return KFJobsProcess.Result(
            status: process.terminationStatus,
            stdout: String(decoding: outputData.wait(), as: UTF8.self),
            stderr: String(decoding: errorData.wait(), as: UTF8.self))
    }

    /// `SIGKILL`ed rather than exited.
    public var wasKilled: Bool { process.terminationReason == .uncaughtSignal }
}

extension KFJobsProcess {
    /// Runs `executable ARGUMENTS` (a script of the repository) as `run` runs kfjobs, on a thread of its own.
    public static func runTool(
        _ executable: URL, _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Swift.Result {
                    try RunningKFJobs(arguments, environment: environment, in: directory, executable: executable).wait()
                })
            }.start()
        }
    }

    /// `run(...)` on a thread of its own, so the cooperative pool stays free while the child runs.
    public static func runOffPool(
        _ arguments: [String], stdin: String = "", environment: [String: String] = [:], in directory: URL? = nil
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Swift.Result { try run(arguments, stdin: stdin, environment: environment, in: directory) })
            }.start()
        }
    }
}

extension RunningKFJobs {
    /// `wait()` on a thread of its own, so the cooperative pool stays free while the child runs.
    public func waitOffPool() async -> KFJobsProcess.Result {
        await withCheckedContinuation { continuation in
            Thread { [self] in continuation.resume(returning: wait()) }.start()
        }
    }
}
