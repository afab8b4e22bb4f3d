import YAMLTree

/// A mapping's pairs under the keys its decoder knows: the first pair of each, found by the key's place
/// in the known list.
///
/// A manifest's mappings have a handful of keys, and the decoder looks each up once or twice, so
/// comparing with the few known names costs less than hashing every key into a dictionary.
public struct KnownKeyPairs: Sendable {
    private var known: [String]
    private var pairs: [YAMLPair?]

    /// No pairs under `known` (yet).
    init(known: [String]) {
        self.known = known
        pairs = Array(repeating: nil, count: known.count)
    }

    /// The first pair whose key is `key`; `nil` when the mapping has none or `key` is not a known key.
    public subscript(key: String) -> YAMLPair? {
        guard let index = known.firstIndex(of: key) else { return nil }
        return pairs[index]
    }

    /// Records `pair` under the known key at `index`, unless an earlier pair is there.
    mutating func keepFirst(_ pair: YAMLPair, at index: Int) {
        if pairs[index] == nil { pairs[index] = pair }
    }

    /// Lets go of every pair (and so of the nodes only they hold).
    public mutating func removeAll() {
        pairs = Array(repeating: nil, count: known.count)
    }

    /// The values by key, for a decoder that keeps them.
    public var valuesByKey: [String: YAMLNode] {
        var values: [String: YAMLNode] = [:]
        for (key, pair) in zip(known, pairs) {
            if let pair { values[key] = pair.value }
        }
        return values
    }
}
