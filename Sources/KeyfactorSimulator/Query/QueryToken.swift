/// One lexical element of a QueryString, with its 1-based position.
struct QueryToken: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// A bare word: a field name, `AND`, `OR`, `NULL` or an unquoted value.
        case word(String)
        /// A double-quoted value, unescaped.
        case quoted(String)
        /// `-eq`, `-contains`, ...: the name after the dash, as written.
        case op(String)
        case openParen
        case closeParen
        case end
    }

    var kind: Kind
    var position: Int

    /// How a message to the user names this token.
    var display: String {
        switch kind {
        case .word(let text): "\"\(text)\""
        case .quoted(let text): "\"\\\"\(text)\\\"\""
        case .op(let name): "\"-\(name)\""
        case .openParen: "\"(\""
        case .closeParen: "\")\""
        case .end: "the end of the query"
        }
    }
}
