#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Polls job states with exponential backoff until every job settles or the time runs out, on an
/// injectable clock and sleeper so tests move time by hand.
public struct StatusWaiter: Sendable {
    /// How long and how often to poll.
    public struct Settings: Sendable, Hashable {
        /// The longest the whole wait may take.
        public var timeout: TimeInterval
        /// The first pause between polls.
        public var initialDelay: TimeInterval
        /// The longest pause between polls.
        public var maxDelay: TimeInterval
        public var factor: Double

        public init(timeout: TimeInterval, initialDelay: TimeInterval = 1, maxDelay: TimeInterval = 30, factor: Double = 2) {
            self.timeout = timeout
            self.initialDelay = initialDelay
            self.maxDelay = maxDelay
            self.factor = factor
        }
    }

    /// The states at the end of the wait, and whether the time ran out first.
    public struct Result: Sendable {
        public var statuses: [JobStatus]
        public var timedOut: Bool
        /// How many times the server was polled.
        public var polls: Int
    }

    public var resolver: StatusResolver
    public var settings: Settings
    public var now: @Sendable () -> Date
    public var sleep: @Sendable (TimeInterval) async throws -> Void

    public init(
        resolver: StatusResolver, settings: Settings, now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (TimeInterval) async throws -> Void = { try await Task.sleep(for: .seconds($0)) }
    ) {
        self.resolver = resolver
        self.settings = settings
        self.now = now
        self.sleep = sleep
    }

    /// Waits for `jobs`; only unsettled jobs are asked about again. `onPoll` sees every poll's states.
    public func wait(for jobs: [TrackedJob], onPoll: @Sendable ([JobStatus]) -> Void = { _ in }) async throws -> Result {
        let deadline = now().addingTimeInterval(settings.timeout)
        var current = try await resolver.resolve(jobs)
        var polls = 1
        onPoll(current)
        var delay = settings.initialDelay
        while true {
            let pending = current.indices.filter { !current[$0].isSettled }
            if pending.isEmpty { return Result(statuses: current, timedOut: false, polls: polls) }
            let remaining = deadline.timeIntervalSince(now())
            if remaining <= 0 { return Result(statuses: current, timedOut: true, polls: polls) }
            try await sleep(min(delay, remaining))
            delay = min(delay * settings.factor, settings.maxDelay)
            let fresh = try await resolver.resolve(pending.map { current[$0].job })
            for (index, status) in zip(pending, fresh) { current[index] = status }
            polls += 1
            onPoll(current)
        }
    }
}
