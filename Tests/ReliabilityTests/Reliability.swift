import BinaryTestSupport
import Foundation
import Testing

/// The reliability suites: exactly-once under mixed faults and `kill -9`, and no secret in any output.
/// Each runs the built binary against a simulator hosted in the test process, one test at a time.
///
/// Every test has a short form (the default, what CI runs) and a long form selected with
/// `KFJOBS_RELIABILITY=long`; both use fixed seeds. RELIABILITY.md has the commands and figures.
@Suite(.serialized, .stopsHarnesses) enum Reliability {}

/// The size of the reliability tests, from `KFJOBS_RELIABILITY` (`short`, the default, or `long`).
enum ReliabilityForm: String {
    case short, long

    static var current: ReliabilityForm {
        ProcessInfo.processInfo.environment["KFJOBS_RELIABILITY"].flatMap { ReliabilityForm(rawValue: $0.lowercased()) } ?? .short
    }

    /// `short` in CI, `long` when asked for.
    func pick<T>(short: T, long: T) -> T {
        self == .long ? long : short
    }
}

/// Figures a reliability test prints for RELIABILITY.md: one line, prefixed so it can be grepped out
/// of a long test log.
func report(_ line: String) {
    print("reliability[\(ReliabilityForm.current.rawValue)]: \(line)")
}

/// SplitMix64: a small seeded generator, so that the kill points and choices of a trial are the same
/// on every machine and every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
