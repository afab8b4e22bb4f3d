import Foundation
import Testing

/// Stops, and waits for, every `SimulatorHarness` a test started, when the test ends however it ends.
///
/// The suites that run the binary carry `.stopsHarnesses`, so a test starts a harness and never stops it
/// itself: a `defer` cannot await, and the unawaited `Task` tests used to tear down with let the next
/// test start while the last simulator was still shutting down.
public struct HarnessTeardown: SuiteTrait, TestTrait, TestScoping {
    public init() {}

    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let started = StartedHarnesses()
        do {
            try await StartedHarnesses.$current.withValue(started) { try await function() }
        } catch {
            await started.stopAll()
            throw error
        }
        await started.stopAll()
    }
}

extension Trait where Self == HarnessTeardown {
    /// Stops every simulator harness each test of the suite started, once the test ends.
    public static var stopsHarnesses: Self { HarnessTeardown() }
}

/// The harnesses started in the current test's scope.
final class StartedHarnesses: @unchecked Sendable {
    // @unchecked: `harnesses` is only read and written under `lock`.
    @TaskLocal static var current: StartedHarnesses?

    private let lock = NSLock()
    private var harnesses: [SimulatorHarness] = []

    /// Adds a harness to the current test's scope; outside one, the harness would never stop, which is
    /// recorded as the test's failure.
    static func register(_ harness: SimulatorHarness) {
        guard let current else {
            Issue.record("a SimulatorHarness was started outside a suite marked .stopsHarnesses: nothing stops it")
            return
        }
        current.lock.withLock { current.harnesses.append(harness) }
    }

    func stopAll() async {
        let all = lock.withLock { harnesses }
        for harness in all {
            do {
                try await harness.stop()
            } catch {
                Issue.record("stopping the simulator harness failed: \(error)")
            }
        }
    }
}
