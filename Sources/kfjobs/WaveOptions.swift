import ArgumentParser
import KFJobs

/// The rollout options of apply: waves, the failure budget, the wait per wave, a JUnit report.
struct WaveOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Submit at most this many jobs (N, or P% of the plan) per wave, wait for them, then go on.", valueName: "N|P%"))
    var wave: Rollout.Amount?

    @Option(name: .customLong("max-failures"), help: ArgumentHelp(
        "With --wave: stop (exit 2) once more jobs than this (N, or P% of those sent so far) failed or warned.",
        valueName: "N|P%"))
    var maxFailures: Rollout.Amount = .count(0)

    @Option(name: .customLong("wave-timeout"), help: ArgumentHelp("With --wave: the longest one wave is waited for, e.g. 10m.", valueName: "duration"))
    var waveTimeout: WaitDuration = WaitDuration(seconds: 600)

    @Option(help: ArgumentHelp("Also write a JUnit XML report (one test case per job) to this file.", valueName: "file"))
    var junit: String?

    func validate() throws {
        if case .count(let size) = wave, size < 1 { throw ValidationError("--wave must be at least 1 job or a percentage") }
    }

    /// The rollout these options describe (one wave of everything without --wave).
    var rollout: Rollout {
        Rollout(waveSize: wave, maxFailures: maxFailures, waveTimeout: waveTimeout.seconds)
    }
}

/// `N` or `P%` on the command line.
extension Rollout.Amount: ExpressibleByArgument {
    public init?(argument: String) {
        if argument.hasSuffix("%") {
            guard let value = Double(argument.dropLast()), value > 0, value <= 100 else { return nil }
            self = .percent(value)
        } else {
            guard let value = Int(argument), value >= 0 else { return nil }
            self = .count(value)
        }
    }

    public var defaultValueDescription: String {
        switch self {
        case .count(let count): String(count)
        case .percent(let percent): "\(percent)%"
        }
    }
}
