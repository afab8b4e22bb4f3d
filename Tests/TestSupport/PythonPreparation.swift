import Foundation
import Testing

/// Makes the checkers' environment once per process on a thread of its own, so that waiting for it
/// (a minute or two on a fresh machine) never holds one of the few threads of Swift's cooperative pool:
/// suites that use the checkers carry `.pythonCheckers`, which awaits it before their tests run, and
/// meanwhile the other tests, and the servers they start in-process, keep running.
final class PythonPreparation: @unchecked Sendable {
    // @unchecked: `result`, `started` and `waiters` are only touched under `lock`.
    typealias Outcome = Result<String, PythonEnvironment.Unavailable>
    private let lock = NSCondition()
    private var started = false
    private var result: Outcome?
    private var waiters: [CheckedContinuation<Outcome, Never>] = []

    /// The outcome, suspending until it is known.
    func value() async -> Outcome {
        await withCheckedContinuation { continuation in
            lock.lock()
            if let result {
                lock.unlock()
                continuation.resume(returning: result)
                return
            }
            waiters.append(continuation)
            startLocked()
            lock.unlock()
        }
    }

    /// The outcome, blocking until it is known (for synchronous callers; after `.pythonCheckers` it is known).
    func wait() -> Outcome {
        lock.lock()
        defer { lock.unlock() }
        startLocked()
        while result == nil { lock.wait() }
        return result ?? .failure(.init(message: "unreachable"))
    }

    private func startLocked() {
        guard !started else { return }
        started = true
        Thread.detachNewThread { [self] in
            let outcome = Result<String, any Error> {
                try PythonEnvironment.prepare().python
            }.mapError { $0 as? PythonEnvironment.Unavailable ?? PythonEnvironment.Unavailable(message: "\($0)") }
            lock.lock()
            result = outcome
            let resumed = waiters
            waiters = []
            lock.broadcast()
            lock.unlock()
            for waiter in resumed { waiter.resume(returning: outcome) }
        }
    }
}

/// Waits, without blocking a thread, for the python checkers' environment before a suite's tests run.
public struct PythonCheckers: SuiteTrait, TestTrait, TestScoping {
    public init() {}

    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        _ = await PythonCheck.preparation.value()
        try await function()
    }
}

extension Trait where Self == PythonCheckers {
    /// The suite's tests use the python checkers: their environment is made, or found, first.
    public static var pythonCheckers: Self { PythonCheckers() }
}
