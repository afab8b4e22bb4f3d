import Foundation

/// The checkers' virtual environment, made or reused by `Tests/python-checkers.py` (which holds the
/// lock and the rule for when to make it again; `.ci/run` calls the same script).
public enum PythonEnvironment {
    /// Why the environment cannot be had, and what to do about it.
    public struct Unavailable: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Makes the environment if it is missing or was made from other requirements, and returns its
    /// python and whether this call made it. `venv` and `requirements` are the script's defaults unless
    /// given; `path` is where python3 is looked for (the process's PATH unless given).
    public static func prepare(venv: String? = nil, requirements: String? = nil, path: String? = nil) throws -> (python: String, created: Bool) {
        let search = path ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        guard let python3 = search.split(separator: ":").map({ "\($0)/python3" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Unavailable(message: """
                python3 not found on PATH: the tests' independent checkers (PyYAML, jsonschema, xmlschema, \
                schemathesis) run in a virtual environment that the tests make from Tests/python-checkers.txt; \
                install python3 with its venv module (Debian/Ubuntu: apt-get install python3 python3-venv; \
                macOS: brew install python) and run the tests again
                """)
        }
        let script = packageRoot.appendingPathComponent("Tests/python-checkers.py").path
        var arguments = [python3, script]
        if let venv { arguments += ["--venv", venv] }
        if let requirements { arguments += ["--requirements", requirements] }
        let result = try run(arguments)
        guard result.status == 0, result.stdout.hasSuffix("/bin/python") else {
            throw Unavailable(message: result.stderr.isEmpty ? "\(script) failed with exit \(result.status)" : result.stderr)
        }
        return (result.stdout, result.stderr.contains("python-checkers: created "))
    }

    /// Runs a program to its end with `input` on its standard input; both outputs trimmed.
    public static func run(_ arguments: [String], input: String = "") throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Read stderr on another thread so that neither pipe can fill while the other is read.
        let errors = ErrorReader(stderr.fileHandleForReading)
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let trimmed = { (data: Data) in String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        return (process.terminationStatus, trimmed(data), trimmed(errors.wait()))
    }

    /// Reads a pipe to its end on a thread of its own.
    private final class ErrorReader: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var data = Data()

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }

        func wait() -> Data {
            done.wait()
            return data
        }
    }
}
