import Foundation
import Testing

/// Runs a small python program as an independent checker (PyYAML, jsonschema, xmlschema) in the
/// checkers' own virtual environment and returns what it printed, trimmed. Shared by the test
/// targets, which each check against a reader that is not ours.
///
/// The environment (`.build/python-checkers`, from the pinned `Tests/python-checkers.txt`) is made on
/// first use by `Tests/python-checkers.py`, under a file lock, once for every test and test process.
/// When it cannot be made (no python3, say), the first test that needs it fails with the reason and
/// what to install, and every later one is cancelled with a pointer to that failure, so a machine
/// without python shows one failure, not one per check.
public enum PythonCheck {
    /// Runs `python -c script arguments...` with `input` on its standard input.
    /// A failing interpreter is reported in the returned text, so the expectation that reads it fails
    /// with the reason.
    public static func run(_ script: String, arguments: [String] = [], input: String = "") throws -> String {
        try python(["-c", script] + arguments, input: input)
    }

    /// Runs the python program in `file` with `arguments` and `input` on its standard input, as `run`.
    public static func run(file: String, arguments: [String] = [], input: String = "") throws -> String {
        try python([file] + arguments, input: input)
    }

    private static func python(_ arguments: [String], input: String) throws -> String {
        let result = try PythonEnvironment.run([try interpreter()] + arguments, input: input)
        return result.status == 0 ? result.stdout : "python failed (exit \(result.status)): \(result.stdout) \(result.stderr)"
    }

    /// The environment's python, made on first use; see the type's summary for what happens without one.
    public static func interpreter() throws -> String {
        switch shared {
        case .success(let python):
            return python
        case .failure(let unavailable):
            if firstFailure.claim() {
                throw unavailable
            }
            try Test.cancel("the python checkers are unavailable (see the failing test): \(unavailable.message)")
        }
    }

    /// Made once per process; concurrent first callers wait for it here and, across processes, on the
    /// environment's file lock.
    private static let shared: Result<String, PythonEnvironment.Unavailable> = Result {
        try PythonEnvironment.prepare().python
    }.mapError { $0 as? PythonEnvironment.Unavailable ?? .init(message: "\($0)") }

    private static let firstFailure = Once()

    /// True for the first caller only.
    private final class Once: @unchecked Sendable {
        private let lock = NSLock()
        private var claimed = false

        func claim() -> Bool {
            lock.lock()
            defer { lock.unlock() }
            defer { claimed = true }
            return !claimed
        }
    }
}
