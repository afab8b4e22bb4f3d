/// A recursive-descent parser for QueryString: `or := and (OR and)*`, `and := primary (AND primary)*`,
/// `primary := ( or ) | FIELD -op VALUE`.
public struct QueryParser {
    private var tokens: [QueryToken]
    private var index = 0

    /// Parses `text`; an empty or all-blank query is `nil` (it matches everything).
    public static func parse(_ text: String) throws(QueryError) -> QueryExpression? {
        var parser = QueryParser(tokens: try QueryLexer.tokens(of: text))
        if case .end = parser.peek.kind { return nil }
        let expression = try parser.parseOr()
        guard case .end = parser.peek.kind else {
            let token = parser.peek
            if case .closeParen = token.kind {
                throw QueryError("unbalanced \")\"", at: token.position)
            }
            throw QueryError("expected AND or OR but found \(token.display)", at: token.position)
        }
        return expression
    }

    private init(tokens: [QueryToken]) {
        self.tokens = tokens
    }

    private var peek: QueryToken { tokens[index] }

    private mutating func advance() -> QueryToken {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private func isKeyword(_ token: QueryToken, _ keyword: String) -> Bool {
        if case .word(let word) = token.kind { return word.equalsIgnoringCase(keyword) }
        return false
    }

    private mutating func parseOr() throws(QueryError) -> QueryExpression {
        var left = try parseAnd()
        while isKeyword(peek, "OR") {
            _ = advance()
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(QueryError) -> QueryExpression {
        var left = try parsePrimary()
        while isKeyword(peek, "AND") {
            _ = advance()
            left = .and(left, try parsePrimary())
        }
        return left
    }

    private mutating func parsePrimary() throws(QueryError) -> QueryExpression {
        let token = advance()
        switch token.kind {
        case .openParen:
            let inner = try parseOr()
            let close = advance()
            guard case .closeParen = close.kind else {
                throw QueryError("expected \")\" to close the \"(\" at position \(token.position) but found \(close.display)", at: close.position)
            }
            return inner
        case .word(let field) where !isKeyword(token, "AND") && !isKeyword(token, "OR"):
            let opToken = advance()
            guard case .op(let name) = opToken.kind else {
                throw QueryError("expected an operator such as -eq after \"\(field)\" but found \(opToken.display)", at: opToken.position)
            }
            guard let op = QueryOperator(rawValue: name.lowercased()) else {
                let known = QueryOperator.allCases.map { "-\($0.rawValue)" }.joined(separator: " ")
                throw QueryError("unknown operator \"-\(name)\" (known: \(known))", at: opToken.position)
            }
            let valueToken = advance()
            let value: QueryValue
            switch valueToken.kind {
            case .quoted(let text): value = .text(text)
            case .word(let word) where word.equalsIgnoringCase("NULL"): value = .null
            case .word(let word) where !isKeyword(valueToken, "AND") && !isKeyword(valueToken, "OR"): value = .text(word)
            default:
                throw QueryError("expected a value after \"-\(name)\" but found \(valueToken.display)", at: valueToken.position)
            }
            return .term(
                QueryTerm(
                    field: field, op: op, value: value,
                    fieldPosition: token.position, operatorPosition: opToken.position, valuePosition: valueToken.position
                )
            )
        default:
            throw QueryError("expected a field name or \"(\" but found \(token.display)", at: token.position)
        }
    }
}

extension String {
    /// Case-insensitive equality without allocating lower-cased copies for ASCII.
    func equalsIgnoringCase(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        return lowercased() == other.lowercased()
    }
}
