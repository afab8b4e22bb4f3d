import Diagnostics
import Dispatch
import NIOConcurrencyHelpers
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import YAMLTree
import Portability

/// Prints diagnostics on stderr as `FILE:LINE:COL: error: message`, the source line and a caret.
///
/// Writes through `Terminal`, so diagnostics printed from concurrent work never interleave. Colour is
/// used only when stderr is a terminal and `NO_COLOR` is unset; GitHub annotations are added when asked.
final class DiagnosticPrinter: Sendable {
    private let sources: [String: YAMLSource]
    /// Each source's lines, indexed when a diagnostic first shows one of them: most runs print none,
    /// and indexing a 10 MB manifest up front cost a twentieth of validating it.
    private let indexed = NIOLockedValueBox<[String: SourceLines]>([:])
    private let colour: Bool
    private let githubAnnotations: Bool

    init(sources: [YAMLSource], environment: [String: String], githubAnnotations: Bool = false) {
        self.sources = Dictionary(sources.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.colour = isatty(STDERR_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        self.githubAnnotations = githubAnnotations || environment["GITHUB_ACTIONS"] == "true"
    }

    /// Prints every diagnostic, in the order given.
    func print(_ diagnostics: [Diagnostic]) {
        let lines = LineCache()
        let text = diagnostics.map { render($0, lines: lines) }.joined()
        Terminal.errorText(text)
    }

    /// One diagnostic as printed, with its notes.
    func render(_ diagnostic: Diagnostic) -> String {
        render(diagnostic, lines: LineCache())
    }

    /// The last source line shown, decoded once: a hostile file's thousand errors along one line of a
    /// megabyte must not decode that line a thousand times.
    private final class LineCache {
        var key: (file: String, line: Int)?
        /// `nil` when the source has no such line (a problem at the very end of the input).
        var scalars: [Unicode.Scalar]?
    }

    private func sourceLines(of file: String) -> SourceLines? {
        guard let source = sources[file] else { return nil }
        return indexed.withLockedValue { (indexed) in
            if let lines = indexed[file] { return lines }
            let lines = SourceLines(source.bytes)
            indexed[file] = lines
            return lines
        }
    }

    private func render(_ diagnostic: Diagnostic, lines: LineCache) -> String {
        var text = block(severity: diagnostic.severity.rawValue, message: diagnostic.message, at: diagnostic.location, lines: lines)
        for note in diagnostic.notes {
            text += block(severity: "note", message: note.message, at: note.location, lines: lines)
        }
        if githubAnnotations, diagnostic.severity != .note {
            text += annotation(diagnostic)
        }
        return text
    }

    private func block(severity: String, message: String, at location: SourceLocation?, lines: LineCache) -> String {
        let label = paint(severity + ":", code: Self.colourCode(severity))
        let message = TerminalText.message(message)
        guard let location else { return "\(label) \(message)\n" }
        var text = paint("\(TerminalText.message(location.description)):", code: "1") + " \(label) \(paint(message, code: "1"))\n"
        if lines.key.map({ $0.file != location.file || $0.line != location.line }) ?? true {
            lines.key = (location.file, location.line)
            lines.scalars = sourceLines(of: location.file)?.line(location.line).map { Array($0.unicodeScalars) }
        }
        if let scalars = lines.scalars {
            let (shown, column) = TerminalText.sourceLine(scalars, column: location.column)
            text += shown + "\n" + caret(under: column, in: shown) + "\n"
        }
        return text
    }

    /// Spaces up to the column (keeping tabs, so the caret lines up), then `^`.
    private func caret(under column: Int, in line: String) -> String {
        let prefix = line.unicodeScalars.prefix(max(column - 1, 0)).map { $0 == "\t" ? "\t" : " " }.joined()
        return prefix + paint("^", code: "32;1")
    }

    private func annotation(_ diagnostic: Diagnostic) -> String {
        let command = diagnostic.severity == .error ? "error" : "warning"
        let message = TerminalText.annotationData(TerminalText.message(diagnostic.message))
        guard let location = diagnostic.location else { return "::\(command)::\(message)\n" }
        return "::\(command) file=\(TerminalText.message(location.file)),line=\(location.line),col=\(location.column)::\(message)\n"
    }

    private func paint(_ text: String, code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private static func colourCode(_ severity: String) -> String {
        switch severity {
        case "error": "31;1"
        case "warning": "35;1"
        default: "36;1"
        }
    }
}
