/// One thing the user did wrong (or should know about), with where it happened.
///
/// Libraries return diagnostics as values and never print them; the command line gathers and prints
/// them all as `FILE:LINE:COL: error: message`, with the source line and a caret.
public struct Diagnostic: Hashable, Sendable, Error, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Hashable, Sendable, Comparable {
        case error, warning, note

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs.rank < rhs.rank
        }

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }
    }

    /// A secondary remark attached to a diagnostic, such as "first defined here".
    public struct Note: Hashable, Sendable {
        public var location: SourceLocation?
        public var message: String

        public init(_ message: String, at location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }
    }

    public var severity: Severity
    /// Where the problem is; `nil` for problems with no place in an input (a server's answer, say).
    public var location: SourceLocation?
    /// Lower case, no trailing period, says what is wrong and, where it can, what to do.
    public var message: String
    public var notes: [Note]

    public init(_ severity: Severity, _ message: String, at location: SourceLocation?, notes: [Note] = []) {
        self.severity = severity
        self.message = message
        self.location = location
        self.notes = notes
    }

    public static func error(_ message: String, at location: SourceLocation?, notes: [Note] = []) -> Diagnostic {
        Diagnostic(.error, message, at: location, notes: notes)
    }

    public static func warning(_ message: String, at location: SourceLocation?, notes: [Note] = []) -> Diagnostic {
        Diagnostic(.warning, message, at: location, notes: notes)
    }

    /// `FILE:LINE:COL: error: message` (or `error: message` without a location), notes on following lines.
    public var description: String {
        var text = (location.map { "\($0): " } ?? "") + "\(severity.rawValue): \(message)"
        for note in notes {
            text += "\n" + (note.location.map { "\($0): " } ?? "") + "note: \(note.message)"
        }
        return text
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error (warnings and notes do not fail a run).
    public var containsErrors: Bool { contains { $0.severity == .error } }
}
