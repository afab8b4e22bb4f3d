import CLibYAML
import Diagnostics

/// The documents of a YAML stream and every problem found while reading it.
public struct YAMLParseResult: Sendable {
    /// The documents read, in order; after a syntax error, those complete before it.
    public var documents: [YAMLDocument]
    public var diagnostics: [Diagnostic]

    public init(documents: [YAMLDocument], diagnostics: [Diagnostic]) {
        self.documents = documents
        self.diagnostics = diagnostics
    }
}

/// Reads YAML text with the system libyaml into located nodes.
///
/// The tree is built iteratively from libyaml's event stream, so no input can overflow the stack;
/// depth, alias expansion and input size are bounded by ``YAMLLimits``.
public enum YAMLParser {
    /// Parses every document of `bytes`, naming locations after `file`.
    public static func parse(_ bytes: [UInt8], file: String, limits: YAMLLimits = YAMLLimits()) -> YAMLParseResult {
        if bytes.count > limits.maxInputBytes {
            let error = Diagnostic.error(
                .inputTooLarge(bytes: bytes.count, limit: limits.maxInputBytes),
                at: SourceLocation(file: file, line: 1, column: 1)
            )
            return YAMLParseResult(documents: [], diagnostics: [error])
        }
        // libyaml would decode UTF-16 after its byte order mark, but every column, source line and
        // byte offset kfjobs reports assumes UTF-8: say what the file is instead.
        for (mark, encoding) in [([0xFF, 0xFE], "UTF-16LE"), ([0xFE, 0xFF], "UTF-16BE")] as [([UInt8], String)] where bytes.starts(with: mark) {
            let error = Diagnostic.error(
                .notUTF8(encoding, byteOrderMark: mark.map { String($0, radix: 16, uppercase: true) }.joined(separator: " ")),
                at: SourceLocation(file: file, line: 1, column: 1))
            return YAMLParseResult(documents: [], diagnostics: [error])
        }
        return LibYAMLEventReader.withReader(over: bytes) { events in
            var builder = YAMLTreeBuilder(file: file, limits: limits)
            while !builder.isFinished {
                switch events.next() {
                case .event(let event):
                    builder.consume(event)
                case .failure(let failure):
                    builder.fail(with: failure.diagnostic(file: file, input: bytes))
                }
            }
            return YAMLParseResult(documents: builder.documents, diagnostics: builder.diagnostics)
        }
    }
}
