import NIOConcurrencyHelpers

/// The rows that recent queries of a list that never changes matched, filtered and sorted, so that
/// each page of a query slices one answer. A client reads a query's pages one after another: filtering
/// and sorting 10,000 agents again for each page of 100 was most of the time of a 10,000-agent plan,
/// where Keyfactor's database answers a page from its indexes.
final class QueryViewCache<Row: Sendable>: Sendable {
    /// How many views are kept; past it the cache starts again (clients read a handful of queries).
    static var capacity: Int { 16 }

    private let views = NIOLockedValueBox<[Paging.ViewKey: [Row]]>([:])

    /// The view named `key`, made by `make` (outside the lock) when it is not kept.
    func rows<Failure: Error>(for key: Paging.ViewKey, make: () throws(Failure) -> [Row]) throws(Failure) -> [Row] {
        if let kept = views.withLockedValue({ $0[key] }) { return kept }
        let made = try make()
        views.withLockedValue { views in
            if views.count >= Self.capacity { views.removeAll(keepingCapacity: true) }
            views[key] = made
        }
        return made
    }
}
