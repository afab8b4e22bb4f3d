import Portability

/// What the fault injector decided for one request.
struct FaultDecision: Sendable {
    enum Action: Sendable {
        case none, fail, throttle, drop, hang
    }

    var latency: Double?
    var action: Action
}

/// Draws reproducible faults from a seeded generator: the same seed and the same order of requests
/// give the same faults.
final class FaultInjector: @unchecked Sendable {
    // @unchecked: `state` is only touched with `lock` held.
    let faults: SimulatorFaults
    private let lock = SystemLock()
    private var state: UInt64

    init(_ faults: SimulatorFaults) {
        self.faults = faults
        self.state = faults.seed
    }

    func decide(isSubmission: Bool) -> FaultDecision {
        guard !faults.isEmpty, isSubmission || faults.applyToReads else { return FaultDecision(latency: nil, action: .none) }
        let (draw, latencyDraw) = lock.withLock { (next(), next()) }
        var latency: Double?
        if let range = faults.latency {
            latency = range.lowerBound + (range.upperBound - range.lowerBound) * latencyDraw
        }
        var threshold = faults.failRate
        if draw < threshold { return FaultDecision(latency: latency, action: .fail) }
        threshold += faults.throttleRate
        if draw < threshold { return FaultDecision(latency: latency, action: .throttle) }
        threshold += faults.dropRate
        if draw < threshold { return FaultDecision(latency: latency, action: .drop) }
        threshold += faults.hangRate
        if draw < threshold { return FaultDecision(latency: latency, action: .hang) }
        return FaultDecision(latency: latency, action: .none)
    }

    /// SplitMix64, mapped to [0, 1).
    private func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}
