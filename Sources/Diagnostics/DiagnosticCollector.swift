/// Gathers the diagnostics of one input with the project's cap: every problem is counted, the first
/// ``limit`` are kept, and past that a notice says so.
///
/// Messages are autoclosures, built only when kept, so that a hostile input's millionth problem costs
/// a count and nothing else. A repeat (a default's field checked for each job) is kept once.
public struct DiagnosticCollector: Sendable {
    /// The most diagnostics an input gets, everywhere in kfjobs (the YAML reader stops there).
    public static let limit = 1000

    public private(set) var diagnostics: [Diagnostic] = []
    /// The errors so far, kept as a count so that "did this part add an error" stays cheap in big inputs.
    public private(set) var errorCount = 0
    private var kept: Set<Diagnostic> = []

    public init() {}

    /// Whether any error was reported (kept or not).
    public var containsErrors: Bool { errorCount > 0 }

    public mutating func error(
        _ message: @autoclosure () -> String, at location: SourceLocation, notes: @autoclosure () -> [Diagnostic.Note] = []
    ) {
        errorCount += 1
        if keep(.error, at: location) { append(.error(message(), at: location, notes: notes())) }
    }

    public mutating func warning(_ message: @autoclosure () -> String, at location: SourceLocation) {
        if keep(.warning, at: location) { append(.warning(message(), at: location)) }
    }

    private mutating func append(_ diagnostic: Diagnostic) {
        if kept.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
    }

    /// Whether there is room for one more diagnostic. The first one over the limit is replaced by a
    /// notice that says so, an error as soon as any dropped diagnostic is one (so that a thousand
    /// warnings cannot hide an error, nor fail an input that has none).
    private mutating func keep(_ severity: Diagnostic.Severity, at location: SourceLocation) -> Bool {
        if diagnostics.count < Self.limit { return true }
        if diagnostics.count == Self.limit {
            diagnostics.append(Diagnostic(severity, Self.tooManyProblems, at: location))
        } else if severity == .error, let last = diagnostics.indices.last {
            diagnostics[last].severity = .error
        }
        return false
    }

    /// The notice that replaces the diagnostics past the limit.
    public static let tooManyProblems = "too many problems; the first \(limit) are shown, fix them and run again"
}
