import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability

/// The process's two output streams, and the only code that writes to them.
///
/// Every write goes through one serial queue, so that diagnostics, progress lines, wave reports and
/// the signal handler's notice, written from concurrent work, never interleave mid-line.
enum Terminal {
    private static let queue = DispatchQueue(label: "kfjobs.terminal")

    /// One line on stderr (diagnostics, notes, progress).
    static func error(_ line: String) {
        errorText(line + "\n")
    }

    /// Text on stderr as given, for lines redrawn in place.
    static func errorText(_ text: String) {
        queue.sync { StandardStream.writeError(text) }
    }

    /// Results on stdout, written at once (a script reading the simulator's first line gets it).
    static func output(_ text: String) {
        queue.sync { StandardStream.writeOutput(text) }
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}

/// The process's environment, read once: the commands, their option groups and the renderers take
/// it from here, so one run sees one environment.
enum ProcessEnvironment {
    static let current: [String: String] = ProcessInfo.processInfo.environment
}
