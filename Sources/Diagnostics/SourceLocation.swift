/// A position in an input: the file's display name and a 1-based line and column.
///
/// Columns count Unicode scalars, as libyaml does, so a caret printed under the column lines up with
/// what an editor shows for the same text.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The name the user knows the input by: the path as given, or `<stdin>`.
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column, in Unicode scalars.
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `FILE:LINE:COL`, the form compilers and editors understand.
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
