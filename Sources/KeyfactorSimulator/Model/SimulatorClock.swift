#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability

/// Where the simulator's "now" comes from: the system clock, or a manual one tests move by hand.
public protocol SimulatorClock: Sendable {
    var now: Date { get }
}

/// The wall clock.
public struct SystemSimulatorClock: SimulatorClock {
    public init() {}
    public var now: Date { Date() }
}

/// A clock that stands still until told to move, so tests see jobs run without sleeping.
public final class ManualSimulatorClock: SimulatorClock, @unchecked Sendable {
    // @unchecked: every access to `current` goes through `lock`.
    private let lock = SystemLock()
    private var current: Date

    public init(now: Date = Date()) {
        self.current = now
    }

    public var now: Date {
        lock.withLock { current }
    }

    public func advance(by seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }

    public func set(_ date: Date) {
        lock.withLock { current = date }
    }
}
