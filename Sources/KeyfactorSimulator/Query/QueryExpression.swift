/// A comparison operator of the query language.
public enum QueryOperator: String, CaseIterable, Hashable, Sendable {
    case eq, ne, contains, notcontains, startswith, endswith, lt, le, gt, ge
}

/// The right-hand side of a term: a value as written, or `NULL`.
public enum QueryValue: Hashable, Sendable {
    case text(String)
    case null
}

/// A parsed QueryString: terms joined by AND and OR (AND binds tighter), grouped by parentheses.
public indirect enum QueryExpression: Hashable, Sendable {
    case term(QueryTerm)
    case and(QueryExpression, QueryExpression)
    case or(QueryExpression, QueryExpression)
}

/// `FIELD -op VALUE`, with where each part starts (1-based) so that errors can point at it.
public struct QueryTerm: Hashable, Sendable {
    public var field: String
    public var op: QueryOperator
    public var value: QueryValue
    public var fieldPosition: Int
    public var operatorPosition: Int
    public var valuePosition: Int
}
