import Diagnostics

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
    /// Where the node starts: its first character (for a block mapping, its first key).
    public var location: SourceLocation
    /// The resolved tag, if one was written (`tag:yaml.org,2002:str` for `!!str`), else `nil`.
    public var tag: String?

    public init(_ content: Content, at location: SourceLocation, tag: String? = nil) {
        self.content = content
        self.location = location
        self.tag = tag
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
