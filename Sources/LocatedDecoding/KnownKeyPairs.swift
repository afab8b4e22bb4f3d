import YAMLTree

/// A mapping's pairs under the keys its decoder knows: the first pair of each, found by the key's place
/// in the known list.
///
/// A manifest's mappings have a handful of keys, and the decoder looks each up once or twice, so
/// comparing with the few known names costs less than hashing every key into a dictionary.
public struct KnownKeyPairs: Sendable {
    private var known: [String]
    /// The mapping's pairs, shared with its node rather than copied out one by one.
    private var pairs: [YAMLPair]
    /// For each known key, the place of its first pair in ``pairs``, or -1.
    private var places: [Int]

    /// No pairs under `known` (yet), of a mapping whose pairs are `pairs`.
    init(known: [String], of pairs: [YAMLPair]) {
        self.known = known
        self.pairs = pairs
        places = Array(repeating: -1, count: known.count)
    }

    /// The first pair whose key is `key`; `nil` when the mapping has none or `key` is not a known key.
    public subscript(key: String) -> YAMLPair? {
        guard let index = known.firstIndex(of: key), places[index] >= 0 else { return nil }
        return pairs[places[index]]
    }

    /// Records the pair at `place` in the mapping under the known key at `index`, unless an earlier
    /// pair is there.
    mutating func keepFirst(pairAt place: Int, at index: Int) {
        if places[index] < 0 { places[index] = place }
    }

    /// Lets go of every pair (and so of the nodes only they hold).
    public mutating func removeAll() {
        pairs = []
        places = Array(repeating: -1, count: known.count)
    }

    /// The values by key, for a decoder that keeps them.
    public var valuesByKey: [String: YAMLNode] {
        var values: [String: YAMLNode] = [:]
        for (key, place) in zip(known, places) where place >= 0 {
            values[key] = pairs[place].value
        }
        return values
    }
}
