import CLibYAML
import Diagnostics

/// One libyaml event, copied out of libyaml's memory so it outlives the next call.
enum YAMLEvent {
    case streamStart, streamEnd
    case documentStart(SourceLocation0), documentEnd
    case scalar(value: String, style: YAMLScalar.Style, tag: String?, anchor: String?, at: SourceLocation0)
    case alias(anchor: String, at: SourceLocation0)
    case sequenceStart(tag: String?, anchor: String?, at: SourceLocation0)
    case sequenceEnd
    case mappingStart(tag: String?, anchor: String?, at: SourceLocation0)
    case mappingEnd
}

/// A 0-based line and column as libyaml reports them (columns in Unicode scalars).
struct SourceLocation0: Hashable {
    var line: Int
    var column: Int

    func located(in file: String) -> SourceLocation {
        SourceLocation(file: file, line: line + 1, column: column + 1)
    }
}

/// libyaml's description of why it stopped.
struct LibYAMLFailure {
    var kind: yaml_error_type_t
    var problem: String
    var problemMark: SourceLocation0
    var problemOffset: Int
    var problemValue: Int32
    var context: String?
    var contextMark: SourceLocation0
}

/// Owns a libyaml parser and frees it on every path, in `deinit`.
///
/// libyaml keeps a pointer to the input rather than a copy (a copy of a 10 MB manifest costs as much
/// memory again), so a reader is only made through ``withReader(over:_:)``, which keeps the input
/// alive and the reader inside its closure.
final class LibYAMLEventReader {
    enum Step {
        case event(YAMLEvent)
        case failure(LibYAMLFailure)
    }

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private var failed = false

    /// Runs `body` with a reader over `bytes`; the reader must not escape it.
    static func withReader<Result>(over bytes: [UInt8], _ body: (LibYAMLEventReader) -> Result) -> Result {
        // libyaml wants a non-null pointer even for no input.
        let input = bytes.isEmpty ? [0] : bytes
        return input.withUnsafeBufferPointer { buffer in
            body(LibYAMLEventReader(input: buffer, count: bytes.count))
        }
    }

    private init(input: UnsafeBufferPointer<UInt8>, count: Int) {
        parser = .allocate(capacity: 1)
        yaml_parser_initialize(parser)
        yaml_parser_set_input_string(parser, input.baseAddress, count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    /// The next event, or why there is none. After a failure, every call repeats it.
    func next() -> Step {
        var event = yaml_event_t()
        guard !failed, yaml_parser_parse(parser, &event) == 1 else {
            failed = true
            return .failure(currentFailure())
        }
        defer { yaml_event_delete(&event) }
        return .event(Self.convert(event))
    }

    private func currentFailure() -> LibYAMLFailure {
        let state = parser.pointee
        return LibYAMLFailure(
            kind: state.error,
            problem: state.problem.map { String(cString: $0) } ?? "unknown problem",
            problemMark: SourceLocation0(line: Int(state.problem_mark.line), column: Int(state.problem_mark.column)),
            problemOffset: Int(state.problem_offset),
            problemValue: state.problem_value,
            context: state.context.map { String(cString: $0) },
            contextMark: SourceLocation0(line: Int(state.context_mark.line), column: Int(state.context_mark.column))
        )
    }

    private static func convert(_ event: yaml_event_t) -> YAMLEvent {
        let mark = SourceLocation0(line: Int(event.start_mark.line), column: Int(event.start_mark.column))
        switch event.type {
        case YAML_STREAM_START_EVENT:
            return .streamStart
        case YAML_DOCUMENT_START_EVENT:
            return .documentStart(mark)
        case YAML_DOCUMENT_END_EVENT:
            return .documentEnd
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let value = scalar.value.map { pointer in
                String(decoding: UnsafeBufferPointer(start: pointer, count: Int(scalar.length)), as: UTF8.self)
            } ?? ""
            return .scalar(
                value: value, style: style(of: scalar.style), tag: string(scalar.tag),
                anchor: string(scalar.anchor), at: mark
            )
        case YAML_ALIAS_EVENT:
            return .alias(anchor: string(event.data.alias.anchor) ?? "", at: mark)
        case YAML_SEQUENCE_START_EVENT:
            let start = event.data.sequence_start
            return .sequenceStart(tag: string(start.tag), anchor: string(start.anchor), at: mark)
        case YAML_SEQUENCE_END_EVENT:
            return .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let start = event.data.mapping_start
            return .mappingStart(tag: string(start.tag), anchor: string(start.anchor), at: mark)
        case YAML_MAPPING_END_EVENT:
            return .mappingEnd
        default:
            return .streamEnd
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func style(of style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
