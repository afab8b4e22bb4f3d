/// Bounds that keep a hostile input from exhausting the machine.
public struct YAMLLimits: Hashable, Sendable {
    /// Nesting deeper than this many sequences and mappings is an error.
    public var maxDepth: Int
    /// The number of nodes that alias references may add, summed over an input, all its documents together
    /// ("billion laughs" split across documents must not get a budget each).
    public var maxAliasNodes: Int
    /// Inputs larger than this many bytes are refused before they are read.
    public var maxInputBytes: Int

    public static let defaultMaxInputBytes = 32 * 1024 * 1024

    public init(maxDepth: Int = 256, maxAliasNodes: Int = 100_000, maxInputBytes: Int = YAMLLimits.defaultMaxInputBytes) {
        self.maxDepth = maxDepth
        self.maxAliasNodes = maxAliasNodes
        self.maxInputBytes = maxInputBytes
    }
}
