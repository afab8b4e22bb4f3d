/// Why a QueryString was refused, and the 1-based character position where it went wrong.
public struct QueryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Lower case, no trailing period.
    public var message: String
    /// 1-based position in the query text, in characters.
    public var position: Int

    public init(_ message: String, at position: Int) {
        self.message = message
        self.position = position
    }

    /// `invalid query at position N: message`, the form the server's 400 Message carries.
    public var description: String { "invalid query at position \(position): \(message)" }
}
