import ArgumentParser
import KeyfactorSimulator

/// A share of requests, as `--fail-rate` and the other fault flags take it: a fraction from 0 to 1
/// or a percentage (`5%`), read by the same rule as a fleet file's faults.
struct FaultRate: ExpressibleByArgument, Sendable {
    var value: Double

    init?(argument: String) {
        guard let value = SimulatorFaults.parseRate(argument) else { return nil }
        self.value = value
    }
}

/// `--latency`: a fixed delay (`20ms`) or a uniform range (`5ms..50ms`), as in a fleet file.
struct LatencyArgument: ExpressibleByArgument, Sendable {
    var seconds: ClosedRange<Double>

    init?(argument: String) {
        guard let seconds = SimulatorFaults.parseLatency(argument) else { return nil }
        self.seconds = seconds
    }
}

/// `--job-delay`: `500ms`, `2s`, `1m`, or a bare number of seconds, as in a fleet file.
struct SimulatedDuration: ExpressibleByArgument, Sendable {
    var seconds: Double

    init?(argument: String) {
        guard let seconds = SimulatorFaults.parseDuration(argument) else { return nil }
        self.seconds = seconds
    }
}
