#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Filtering, sorting and paging of a list endpoint, as Keyfactor's list calls do it.
struct Paging {
    var pageReturned = 1
    var returnLimit = 50
    var sortField: String?
    var descending = false
    var queryString = ""

    /// Reads `PageReturned`, `ReturnLimit`, `SortField`, `SortAscending` (0 ascending, 1 descending) and
    /// `QueryString`, in either spelling.
    init(_ parameters: QueryParameters) throws(SimulatorError) {
        if let text = parameters["PageReturned"], !text.isEmpty {
            guard let page = Int(text), page >= 0 else {
                throw .badRequest("PageReturned must be a whole number of at least 1, not \"\(text)\"")
            }
            // 0 is read as the first page: clients that count from 0 still get what they meant.
            pageReturned = max(page, 1)
        }
        if let text = parameters["ReturnLimit"], !text.isEmpty {
            guard let limit = Int(text), limit >= 1 else {
                throw .badRequest("ReturnLimit must be a whole number of at least 1, not \"\(text)\"")
            }
            returnLimit = limit
        }
        if let text = parameters["SortField"], !text.isEmpty { sortField = text }
        if let text = parameters["SortAscending"], !text.isEmpty {
            switch text.lowercased() {
            case "0", "true": descending = false
            case "1", "false": descending = true
            default: throw .badRequest("SortAscending must be 0 (ascending) or 1 (descending), not \"\(text)\"")
            }
        }
        queryString = parameters["QueryString"] ?? ""
    }

    /// What names the rows a request matches, whatever page it asks for: its query, its order and the
    /// day of the server's clock (the query language reads the clock only as `%TODAY%`, to the day).
    struct ViewKey: Hashable {
        var queryString: String
        var sortField: String?
        var descending: Bool
        var day: Date
    }

    /// This request's view, given the sort the endpoint uses when none is asked for.
    func viewKey(defaultSort: String?, now: Date) -> ViewKey {
        ViewKey(queryString: queryString, sortField: sortField ?? defaultSort, descending: descending, day: ISO8601.startOfDay(now))
    }

    /// Every row the query matches, in the order asked for: what each page of the same view slices.
    func matched<Row>(
        _ rows: [Row], fields: QueryFieldSet<Row>, defaultSort: String?, now: Date
    ) throws(SimulatorError) -> [Row] {
        let predicate: @Sendable (Row) -> Bool
        do {
            predicate = try fields.compile(queryString, now: now)
        } catch {
            throw .badQuery(error)
        }
        var matched = rows.filter(predicate)
        if let sortName = sortField ?? defaultSort {
            guard let field = fields.field(named: sortName) else {
                throw .badRequest("unknown SortField \"\(sortName)\"")
            }
            // Keys normalised once per row, not once per comparison: sorting 10,000 agents for every
            // page was the simulator's largest cost.
            let keyed = matched.enumerated().map { (offset: $0.offset, key: Self.sortKey(field.read($0.element)), row: $0.element) }
            let descending = self.descending
            matched = keyed.sorted { a, b in
                let order = Self.compare(a.key, b.key)
                if order == 0 { return a.offset < b.offset }
                return descending ? order > 0 : order < 0
            }.map(\.row)
        } else if descending {
            matched.reverse()
        }
        return matched
    }

    /// The page of the matched rows this request asks for, and how many matched in all.
    func page<Row>(of matched: [Row]) -> (page: [Row], total: Int) {
        let total = matched.count
        let start = (pageReturned - 1).multipliedReportingOverflow(by: returnLimit)
        guard !start.overflow, start.partialValue < total else { return ([], total) }
        let end = min(start.partialValue + returnLimit, total)
        return (Array(matched[start.partialValue..<end]), total)
    }

    /// Case-insensitive sorting: strings (and lists, joined) lower-cased once.
    private static func sortKey(_ value: QueryFieldValue) -> QueryFieldValue {
        switch value {
        case .string(let text): .string(text?.lowercased())
        case .list(let items): .string(items.joined(separator: ",").lowercased())
        default: value
        }
    }

    /// Nulls sort first, as SQL Server's ascending order puts them. Strings are already normalised
    /// (see `sortKey`) and compare by their UTF-8 bytes, which is fast and total.
    private static func compare(_ a: QueryFieldValue, _ b: QueryFieldValue) -> Int {
        switch (a, b) {
        case (.string(let x?), .string(let y?)):
            if x == y { return 0 }
            return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1
        case (.string(let x), .string(let y)):
            return order(x, y)
        case (.number(let x), .number(let y)):
            return order(x, y)
        case (.date(let x), .date(let y)):
            return order(x, y)
        case (.list(let x), .list(let y)):
            return order(x.joined(separator: ",").lowercased(), y.joined(separator: ",").lowercased())
        default:
            return 0
        }
    }

    private static func order<T: Comparable>(_ a: T?, _ b: T?) -> Int {
        switch (a, b) {
        case (nil, nil): 0
        case (nil, _): -1
        case (_, nil): 1
        case (let x?, let y?): x < y ? -1 : (x == y ? 0 : 1)
        }
    }
}
