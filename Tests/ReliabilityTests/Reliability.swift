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

