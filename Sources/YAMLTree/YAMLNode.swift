import Diagnostics
import Portability

/// A node of a YAML document: a scalar, a sequence or a mapping, with where it starts in the source.
///
/// Scalars stay the text that was written: there is no implicit typing, so `NO`, `0755` and `1.10`
/// reach the manifest layer exactly as typed and the job type's field definition decides their type.
public struct YAMLNode: Hashable, Sendable {
    /// The shape of a node and its content.
    public enum Content: Hashable, Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var content: Content
    // A manifest of 10 MB has half a million nodes, so a node is kept small (40 bytes, not 72): the
    // line and column as 32-bit numbers, and the file name and the rare tag behind one reference,
    // which all the untagged nodes of an input share (``NodeContext``). Contexts are interned and
    // live as long as the process, so the reference is not counted: a node is copied all the time
    // while it is decoded, and each counted reference is an atomic operation on every copy and
    // every release.
    private var line: Int32
    private var column: Int32
    private unowned(unsafe) var context: NodeContext

    /// Where the node starts: its first character (for a block mapping, its first key).
    public var location: SourceLocation {
        get { context.wideLocation ?? SourceLocation(file: context.file, line: Int(line), column: Int(column)) }
        set { (line, column, context) = Self.store(newValue, tag: context.tag, sharing: context) }
    }

    /// The resolved tag, if one was written (`tag:yaml.org,2002:str` for `!!str`), else `nil`.
    public var tag: String? {
        get { context.tag }
        set {
            guard newValue != context.tag else { return }
            context = NodeContext.interned(file: context.file, tag: newValue, wideLocation: context.wideLocation)
        }
    }

    public init(_ content: Content, at location: SourceLocation, tag: String? = nil) {
        self.content = content
        (line, column, context) = Self.store(location, tag: tag, sharing: nil)
    }

    /// A node that shares `context` when it has the same file and tag (the tree builder keeps one for
    /// the untagged nodes of its input, instead of one per node).
    init(_ content: Content, at location: SourceLocation, tag: String?, sharing context: NodeContext) {
        self.content = content
        (line, column, self.context) = Self.store(location, tag: tag, sharing: context)
    }

    /// A node at a line and column that fit its 32 bits, with `context` as it is (the tree builder's
    /// untagged nodes: no location to make and no context to compare). `context` must be interned:
    /// the node does not keep it alive.
    init(_ content: consuming Content, line: Int32, column: Int32, context: NodeContext) {
        self.content = content
        self.line = line
        self.column = column
        self.context = context
    }

    /// The stored form of a location: a line or column too large for 32 bits (an input of gigabytes)
    /// keeps the whole location in the context instead, so that every location reads back exactly.
    private static func store(
        _ location: SourceLocation, tag: String?, sharing shared: NodeContext?
    ) -> (Int32, Int32, NodeContext) {
        guard let line = Int32(exactly: location.line), let column = Int32(exactly: location.column) else {
            return (0, 0, NodeContext.interned(file: location.file, tag: tag, wideLocation: location))
        }
        if let shared, shared.wideLocation == nil, shared.file == location.file, shared.tag == tag {
            return (line, column, shared)
        }
        return (line, column, NodeContext.interned(file: location.file, tag: tag, wideLocation: nil))
    }

    /// The scalar, if this node is one.
    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    /// The scalar's text, if this node is a scalar (also for null scalars, whose text is what was written).
    public var text: String? { scalar?.text }

    /// The items, if this node is a sequence.
    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The pairs in source order, if this node is a mapping.
    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// Whether this node is a null scalar: plain `~`, `null` in any case, or empty, or tagged `!!null`.
    public var isNull: Bool { scalar?.isNull ?? false }

    /// The value under the scalar key `key`, if this node is a mapping that has it.
    public subscript(key: String) -> YAMLNode? {
        mapping?.first { $0.key.text == key && $0.key.scalar?.isNull == false }?.value
    }

    /// What kind of node this is, in the words a message to the user uses: "a scalar", "a list", "a mapping".
    public var kindDescription: String {
        switch content {
        case .scalar(let scalar): scalar.isNull ? "null" : "a scalar"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}

/// What many nodes have in common: the input's name and the tag (nearly always none), shared by
/// reference so that each node carries one pointer for both.
///
/// Every context is interned (``interned(file:tag:wideLocation:)``) and never freed, which is what
/// lets a node hold its context without counting the reference. There are few: one for each input
/// name and tag that occur together (a file with an unknown tag on every line stops at the YAML
/// reader's limit of problems), plus one for each node past line or column 2³¹, which only an
/// input far larger than ``YAMLLimits`` allows by default can have.
final class NodeContext: Hashable, Sendable {
    let file: String
    let tag: String?
    /// The node's whole location, when its line or column does not fit in the node's 32 bits.
    let wideLocation: SourceLocation?

    private init(_ key: Key) {
        file = key.file
        tag = key.tag
        wideLocation = key.wideLocation
    }

    private struct Key: Hashable {
        var file: String
        var tag: String?
        var wideLocation: SourceLocation?
    }

    private static let lock = SystemLock()
    nonisolated(unsafe) private static var table: [Key: NodeContext] = [:]

    /// The one context with these contents, made the first time it is asked for.
    static func interned(file: String, tag: String?, wideLocation: SourceLocation?) -> NodeContext {
        let key = Key(file: file, tag: tag, wideLocation: wideLocation)
        return lock.withLock {
            if let context = table[key] { return context }
            let context = NodeContext(key)
            table[key] = context
            return context
        }
    }

    static func == (lhs: NodeContext, rhs: NodeContext) -> Bool {
        lhs === rhs || (lhs.file == rhs.file && lhs.tag == rhs.tag && lhs.wideLocation == rhs.wideLocation)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(tag)
        hasher.combine(wideLocation)
    }
}

/// A key and its value in a mapping, each a located node.
public struct YAMLPair: Hashable, Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// A scalar's text as written, its style, and whether YAML reads it as null.
public struct YAMLScalar: Hashable, Sendable {
    /// How a scalar was written in the source.
    public enum Style: String, Hashable, Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// The scalar's value after YAML's own unescaping and folding, with no type conversion.
    public var text: String
    public var style: Style
    /// A plain `~`, `null` (any case) or empty scalar, or one tagged `!!null`; its text stays as written.
    public var isNull: Bool

    public init(text: String, style: Style, isNull: Bool = false) {
        self.text = text
        self.style = style
        self.isNull = isNull
    }
}

/// One document of a YAML stream, and where it starts.
public struct YAMLDocument: Hashable, Sendable {
    /// The document's root node; `nil` for an empty document (`---` followed by nothing).
    public var root: YAMLNode?
    public var location: SourceLocation

    public init(root: YAMLNode?, at location: SourceLocation) {
        self.root = root
        self.location = location
    }

    /// How many nodes the document has, every alias's copy counted: counted without recursion, so
    /// depth cannot matter (the benchmarks and the fuzz targets report it).
    public var nodeCount: Int {
        var count = 0
        var pending = root.map { [$0] } ?? []
        while let node = pending.popLast() {
            count += 1
            switch node.content {
            case .scalar: break
            case .sequence(let items): pending.append(contentsOf: items)
            case .mapping(let pairs):
                for pair in pairs {
                    pending.append(pair.key)
                    pending.append(pair.value)
                }
            }
        }
        return count
    }
}
