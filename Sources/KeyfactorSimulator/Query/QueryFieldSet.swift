#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability

/// The value of one field of a row, typed so that the query language knows how to compare it.
public enum QueryFieldValue: Sendable {
    case string(String?)
    case number(Int64?)
    case date(Date?)
    case list([String])
}

/// The kinds of field, which decide the operators a term may use.
public enum QueryFieldKind: String, Sendable {
    case string, number, date, list

    var operators: Set<QueryOperator> {
        switch self {
        case .string: [.eq, .ne, .contains, .notcontains, .startswith, .endswith]
        case .number, .date: [.eq, .ne, .lt, .le, .gt, .ge]
        case .list: [.eq, .ne, .contains, .notcontains]
        }
    }
}

/// One queryable field of a row type: its name as users write it, its kind, how to read it.
public struct QueryField<Row>: Sendable {
    public var name: String
    public var kind: QueryFieldKind
    public var read: @Sendable (Row) -> QueryFieldValue

    public init(_ name: String, _ kind: QueryFieldKind, _ read: @escaping @Sendable (Row) -> QueryFieldValue) {
        self.name = name
        self.kind = kind
        self.read = read
    }
}

/// The fields a list can be queried on; compiles a parsed query into a predicate over its rows.
///
/// Field names and string values compare case-insensitively (API.md leaves that unconfirmed; this is
/// the forgiving choice).
public struct QueryFieldSet<Row>: Sendable {
    private var fields: [String: QueryField<Row>]
    private var names: [String]

    public init(_ fields: [QueryField<Row>], aliases: [String: String] = [:]) {
        var byName: [String: QueryField<Row>] = [:]
        for field in fields { byName[field.name.lowercased()] = field }
        for (alias, target) in aliases {
            if let field = byName[target.lowercased()] { byName[alias.lowercased()] = field }
        }
        self.fields = byName
        self.names = fields.map(\.name) + aliases.keys.sorted()
    }

    /// The field called `name` (any case, aliases included).
    public func field(named name: String) -> QueryField<Row>? {
        fields[name.lowercased()]
    }

    /// Parses and compiles `text`; an empty query matches every row.
    public func compile(_ text: String, now: Date) throws(QueryError) -> @Sendable (Row) -> Bool {
        guard let expression = try QueryParser.parse(text) else { return { _ in true } }
        return try compile(expression, now: now)
    }

    /// Compiles a parsed expression, checking every field, operator and value against this set.
    public func compile(_ expression: QueryExpression, now: Date) throws(QueryError) -> @Sendable (Row) -> Bool {
        switch expression {
        case .and(let left, let right):
            let lhs = try compile(left, now: now)
            let rhs = try compile(right, now: now)
            return { lhs($0) && rhs($0) }
        case .or(let left, let right):
            let lhs = try compile(left, now: now)
            let rhs = try compile(right, now: now)
            return { lhs($0) || rhs($0) }
        case .term(let term):
            return try compile(term, now: now)
        }
    }

    private func compile(_ term: QueryTerm, now: Date) throws(QueryError) -> @Sendable (Row) -> Bool {
        guard let field = fields[term.field.lowercased()] else {
            throw QueryError(
                "unknown field \"\(term.field)\" (known: \(names.joined(separator: ", ")))", at: term.fieldPosition)
        }
        let read = field.read
        let op = term.op
        guard case .text(let text) = term.value else {
            switch op {
            case .eq: return { Self.isNull(read($0)) }
            case .ne: return { !Self.isNull(read($0)) }
            default:
                throw QueryError("NULL can only be compared with -eq or -ne", at: term.valuePosition)
            }
        }
        guard field.kind.operators.contains(op) else {
            throw QueryError(
                "operator \"-\(op.rawValue)\" does not apply to the \(field.kind.rawValue) field \(field.name)",
                at: term.operatorPosition)
        }
        switch field.kind {
        case .string:
            let needle = text.lowercased()
            return { row in
                guard case .string(let value) = read(row) else { return false }
                return Self.compare(value?.lowercased(), op, needle)
            }
        case .list:
            let needle = text.lowercased()
            return { row in
                guard case .list(let items) = read(row) else { return false }
                let found = items.contains { $0.lowercased() == needle }
                return op == .eq || op == .contains ? found : !found
            }
        case .number:
            guard let number = Int64(text.trimmingWhitespace()) else {
                throw QueryError("\"\(text)\" is not a number, which field \(field.name) needs", at: term.valuePosition)
            }
            return { row in
                guard case .number(let value?) = read(row) else { return op == .ne }
                return Self.order(value, op, number)
            }
        case .date:
            guard let (instant, wholeDay) = Self.date(text, now: now) else {
                throw QueryError(
                    "\"\(text)\" is not a date (ISO 8601, %TODAY% or %TODAY-N%), which field \(field.name) needs",
                    at: term.valuePosition)
            }
            return { row in
                guard case .date(let value?) = read(row) else { return op == .ne }
                // A value with no time of day names the whole day: -eq means "on that day".
                let compared = wholeDay ? ISO8601.startOfDay(value) : value
                return Self.order(compared, op, instant)
            }
        }
    }

    private static func isNull(_ value: QueryFieldValue) -> Bool {
        switch value {
        case .string(let text): text == nil
        case .number(let number): number == nil
        case .date(let date): date == nil
        case .list(let items): items.isEmpty
        }
    }

    private static func compare(_ value: String?, _ op: QueryOperator, _ needle: String) -> Bool {
        guard let value else { return op == .ne || op == .notcontains }
        switch op {
        case .eq: return value == needle
        case .ne: return value != needle
        case .contains: return value.contains(needle)
        case .notcontains: return !value.contains(needle)
        case .startswith: return value.hasPrefix(needle)
        case .endswith: return value.hasSuffix(needle)
        case .lt, .le, .gt, .ge: return false
        }
    }

    private static func order<T: Comparable>(_ value: T, _ op: QueryOperator, _ other: T) -> Bool {
        switch op {
        case .eq: value == other
        case .ne: value != other
        case .lt: value < other
        case .le: value <= other
        case .gt: value > other
        case .ge: value >= other
        case .contains, .notcontains, .startswith, .endswith: false
        }
    }

    /// A date value: ISO 8601, or `%TODAY%` / `%TODAY-N%` / `%TODAY+N%` relative to the server's clock.
    private static func date(_ text: String, now: Date) -> (Date, Bool)? {
        let upper = text.uppercased()
        if upper.hasPrefix("%TODAY"), upper.hasSuffix("%"), upper.count >= 7 {
            let offsetText = upper.dropFirst(6).dropLast()
            let offset = offsetText.isEmpty ? 0 : Int(offsetText.hasPrefix("+") ? offsetText.dropFirst() : offsetText)
            guard let offset else { return nil }
            return (ISO8601.startOfDay(now).addingTimeInterval(TimeInterval(offset) * 86_400), true)
        }
        guard let date = ISO8601.parse(text) else { return nil }
        return (date, text.count == 10)
    }
}
